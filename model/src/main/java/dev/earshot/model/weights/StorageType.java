package dev.earshot.model.weights;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a tensor's elements are stored in a checkpoint. */
public enum StorageType {
    F32("F32", 4),
    F16("F16", 2),
    BF16("BF16", 2),
    I32("I32", 4),
    I64("I64", 8);

    private final String safetensorsName;
    private final int bytesPerElement;

    StorageType(String safetensorsName, int bytesPerElement) {
        this.safetensorsName = safetensorsName;
        this.bytesPerElement = bytesPerElement;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    public static Optional<StorageType> fromSafetensors(String dtype) {
        return Arrays.stream(values()).filter(t -> t.safetensorsName.equals(dtype)).findFirst();
    }

    static List<String> safetensorsNames() {
        return Arrays.stream(values()).map(t -> t.safetensorsName).toList();
    }
}
