package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An openai/whisper checkpoint ({@code tiny.pt}, …): a {@code torch.save} zip holding
 * {@code {"dims": {...}, "model_state_dict": {name: tensor}}}. The pickle is read by {@link PickleReader}
 * with only the globals a state dict needs; tensors are slices of the memory-mapped storages.
 */
public final class OpenaiCheckpoint implements CheckpointTensors {

    private static final String REBUILD_TENSOR = "torch._utils _rebuild_tensor_v2";
    private static final String REBUILD_PARAMETER = "torch._utils _rebuild_parameter";
    private static final String ORDERED_DICT = "collections OrderedDict";
    private static final Map<String, StorageType> STORAGES = Map.of(
            "torch HalfStorage", StorageType.F16,
            "torch FloatStorage", StorageType.F32,
            "torch BFloat16Storage", StorageType.BF16);
    private static final Set<String> ALLOWED_GLOBALS;

    static {
        java.util.HashSet<String> allowed = new java.util.HashSet<>(STORAGES.keySet());
        allowed.addAll(List.of(REBUILD_TENSOR, REBUILD_PARAMETER, ORDERED_DICT));
        ALLOWED_GLOBALS = Set.copyOf(allowed);
    }

    private static final List<String> DIMENSION_KEYS = List.of("n_mels", "n_vocab", "n_audio_ctx", "n_audio_state",
            "n_audio_head", "n_audio_layer", "n_text_ctx", "n_text_state", "n_text_head", "n_text_layer");

    private final Arena arena;
    private final WhisperConfig config;
    private final Map<String, TensorSlice> byOpenaiName;

    private OpenaiCheckpoint(Arena arena, WhisperConfig config, Map<String, TensorSlice> byOpenaiName) {
        this.arena = arena;
        this.config = config;
        this.byOpenaiName = byOpenaiName;
    }

    /** Maps {@code path} and reads its pickle; a damaged or unexpected file is a {@link WeightFormatException}. */
    public static OpenaiCheckpoint open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            TorchZipArchive zip = TorchZipArchive.read(path, file);
            String pickleEntry = zip.entries().keySet().stream()
                    .filter(name -> name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length())
                    .findFirst()
                    .orElseThrow(() -> new WeightFormatException(path, "zip has no <archive>/data.pkl: not a torch.save checkpoint"));
            String prefix = pickleEntry.substring(0, pickleEntry.length() - "data.pkl".length());
            byte[] pickle = zip.entry(pickleEntry).toArray(ValueLayout.JAVA_BYTE);
            Object root = PickleReader.read(path, pickle, ALLOWED_GLOBALS, new StateDictCalls(path, zip, prefix));
            if (!(root instanceof Map<?, ?> top)) {
                throw new WeightFormatException(path, "pickle holds a " + describe(root) + ", not the {dims, model_state_dict} dict openai/whisper saves");
            }
            WhisperConfig config = dimensions(path, top.get("dims"));
            Map<String, TensorSlice> tensors = stateDict(path, top.get("model_state_dict"));
            WeightLayout.of(config).check(path, tensors, Set.of());
            OpenaiCheckpoint opened = new OpenaiCheckpoint(arena, config, Collections.unmodifiableMap(tensors));
            arena = null;
            return opened;
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private static WhisperConfig dimensions(Path path, Object dims) {
        if (!(dims instanceof Map<?, ?> map)) {
            throw new WeightFormatException(path, "has no \"dims\" dict (ModelDimensions): not an openai/whisper checkpoint");
        }
        int[] values = new int[DIMENSION_KEYS.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = map.get(DIMENSION_KEYS.get(i));
            if (!(value instanceof Long number)) {
                throw new WeightFormatException(path, "\"dims\" lacks the integer \"" + DIMENSION_KEYS.get(i) + "\"");
            }
            values[i] = Math.toIntExact(number);
        }
        try {
            return WhisperConfig.openai(values[0], values[1], values[2], values[3], values[4], values[5],
                    values[6], values[7], values[8], values[9]);
        } catch (IllegalArgumentException e) {
            throw new WeightFormatException(path, "\"dims\" " + e.getMessage());
        }
    }

    private static Map<String, TensorSlice> stateDict(Path path, Object stateDict) {
        if (!(stateDict instanceof Map<?, ?> map)) {
            throw new WeightFormatException(path, "has no \"model_state_dict\" dict of tensors");
        }
        Map<String, TensorSlice> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorSlice slice)) {
                throw new WeightFormatException(path, "\"model_state_dict\" entry " + e.getKey() + " is a "
                        + describe(e.getValue()) + ", not a tensor");
            }
            tensors.put(name, new TensorSlice(name, slice.type(), slice.shape(), slice.bytes()));
        }
        return tensors;
    }

    private static String describe(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    /** A storage the pickle referred to by persistent id: its element type and its bytes in the zip. */
    private record Storage(StorageType type, String key, MemorySegment bytes) {
    }

    /** What the allowed globals mean when building a state dict. */
    private record StateDictCalls(Path path, TorchZipArchive zip, String prefix) implements PickleReader.Calls {

        @Override
        public Object persistentLoad(Object persistentId) {
            if (!(persistentId instanceof PickleReader.Tuple id) || id.size() < 5 || !"storage".equals(id.get(0))
                    || !(id.get(1) instanceof PickleReader.Global storageClass) || !(id.get(2) instanceof String key)
                    || !(id.get(4) instanceof Long elements)) {
                throw new WeightFormatException(path, "pickle has a persistent id " + persistentId
                        + " that is not ('storage', <type>, key, location, size)");
            }
            StorageType type = STORAGES.get(storageClass.qualifiedName());
            if (type == null) {
                throw new WeightFormatException(path, "storage " + key + " has type " + storageClass.qualifiedName().replace(' ', '.')
                        + "; supported: " + STORAGES.keySet());
            }
            MemorySegment bytes = zip.entry(prefix + "data/" + key);
            if (bytes.byteSize() < elements * type.bytesPerElement()) {
                throw new WeightFormatException(path, "storage " + key + " should hold " + elements + " " + type
                        + " elements but has " + bytes.byteSize() + " bytes: the file is damaged");
            }
            return new Storage(type, key, bytes);
        }

        @Override
        public Object call(String global, List<Object> arguments) {
            return switch (global) {
                case ORDERED_DICT -> new LinkedHashMap<>();
                case REBUILD_PARAMETER -> arguments.getFirst();
                case REBUILD_TENSOR -> rebuildTensor(arguments);
                default -> throw new WeightFormatException(path, "pickle calls " + global.replace(' ', '.')
                        + ", which names a type, not a function a checkpoint may call");
            };
        }

        /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
        private TensorSlice rebuildTensor(List<Object> arguments) {
            if (arguments.size() < 4 || !(arguments.get(0) instanceof Storage storage) || !(arguments.get(1) instanceof Long offset)
                    || !(arguments.get(2) instanceof PickleReader.Tuple size) || !(arguments.get(3) instanceof PickleReader.Tuple stride)) {
                throw new WeightFormatException(path, "pickle rebuilds a tensor from " + arguments
                        + " instead of (storage, offset, size, stride, ...)");
            }
            long[] shape = longs(size);
            long[] strides = longs(stride);
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            long expectedStride = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && strides[i] != expectedStride) {
                    throw new WeightFormatException(path, "tensor in storage " + storage.key() + " with shape " + Arrays.toString(shape)
                            + " has strides " + Arrays.toString(strides) + "; only contiguous tensors can be mapped");
                }
                expectedStride *= shape[i];
            }
            long bytesPerElement = storage.type().bytesPerElement();
            long begin = offset * bytesPerElement;
            long length = elements * bytesPerElement;
            if (begin < 0 || begin + length > storage.bytes().byteSize()) {
                throw new WeightFormatException(path, "tensor in storage " + storage.key() + " spans bytes [" + begin + ", "
                        + (begin + length) + ") but the storage has " + storage.bytes().byteSize());
            }
            return new TensorSlice("", storage.type(), shape, storage.bytes().asSlice(begin, length));
        }

        private long[] longs(PickleReader.Tuple tuple) {
            long[] out = new long[tuple.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(tuple.get(i) instanceof Long value) || value < 0) {
                    throw new WeightFormatException(path, "pickle has a tensor size/stride " + tuple.items() + " that is not a tuple of counts");
                }
                out[i] = value;
            }
            return out;
        }
    }

    public WhisperConfig config() {
        return config;
    }

    @Override
    public Map<String, TensorSlice> byOpenaiName() {
        return byOpenaiName;
    }

    @Override
    public void close() {
        arena.close();
    }
}
