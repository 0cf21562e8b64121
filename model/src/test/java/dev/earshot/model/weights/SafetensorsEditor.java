package dev.earshot.model.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rewrites a safetensors file with tensors dropped, renamed or reshaped: damaged checkpoints for tests. */
final class SafetensorsEditor {

    private SafetensorsEditor() {
    }

    /** Copies {@code source} to {@code target}, passing each tensor through {@code edit} (null drops it). */
    static void rewrite(Path source, Path target, UnaryOperator<Entry> edit) throws IOException {
        Map<String, Entry> kept = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(source)) {
            for (TensorSlice slice : file.tensors().values()) {
                Entry e = edit.apply(new Entry(slice.name(), slice.type().name(), slice.shape(),
                        slice.bytes().toArray(ValueLayout.JAVA_BYTE)));
                if (e != null) {
                    kept.put(e.name(), e);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (Entry e : kept.values()) {
            ObjectNode node = header.putObject(e.name());
            node.put("dtype", e.dtype());
            var shape = node.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(offset).add(offset + e.data().length);
            offset += e.data().length;
        }
        byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
            out.write(headerBytes);
            for (Entry e : kept.values()) {
                out.write(e.data());
            }
        }
    }

    record Entry(String name, String dtype, long[] shape, byte[] data) {
    }
}
