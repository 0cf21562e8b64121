package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whisper.cpp model file ({@code ggml-*.bin}): magic, eleven int32 hyper-parameters, the mel filter bank, the
 * byte-level vocabulary, then tensors until the end of the file, each with its dims innermost first, its ggml
 * type and its openai name. f32 and f16 tensors are slices of the memory mapping; quantized tensors (q4_0,
 * q4_1, q5_0, q5_1, q8_0) are dequantized once, at load, into float32 memory owned by this checkpoint,
 * because the backends compute in f32/f16/bf16 only.
 */
public final class GgmlCheckpoint implements CheckpointTensors {

    /** "ggml" as a little-endian int32. */
    public static final int MAGIC = 0x67676d6c;
    /** Quantized files store {@code 1000·quantization version + ftype} in the ftype field. */
    private static final int FTYPE_VERSION_FACTOR = 1000;
    private static final int MAX_DIMS = 4;
    private static final int MAX_NAME_BYTES = 1024;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final WhisperConfig config;
    private final int fileType;
    private final int melFftBins;
    private final float[] melFilters;
    private final List<byte[]> vocabulary;
    private final Map<String, TensorSlice> byOpenaiName;
    private final Map<String, GgmlType> storedTypes;

    private GgmlCheckpoint(Arena arena, WhisperConfig config, int fileType, int melFftBins, float[] melFilters,
                           List<byte[]> vocabulary, Map<String, TensorSlice> byOpenaiName, Map<String, GgmlType> storedTypes) {
        this.arena = arena;
        this.config = config;
        this.fileType = fileType;
        this.melFftBins = melFftBins;
        this.melFilters = melFilters;
        this.vocabulary = vocabulary;
        this.byOpenaiName = byOpenaiName;
        this.storedTypes = storedTypes;
    }

    /** Maps and parses {@code path}; a damaged file is a {@link WeightFormatException} naming the part and the tensor. */
    public static GgmlCheckpoint open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Reader r = new Reader(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
            int magic = r.int32("magic");
            if (magic != MAGIC) {
                throw new WeightFormatException(path, String.format("starts with 0x%08x, not the ggml magic 0x%08x", magic, MAGIC));
            }
            int[] h = new int[11];
            for (int i = 0; i < h.length; i++) {
                h[i] = r.int32("hyper-parameters");
            }
            WhisperConfig config;
            try {
                // file order: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
                //             n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
                config = WhisperConfig.openai(h[9], h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
            } catch (IllegalArgumentException e) {
                throw new WeightFormatException(path, "hyper-parameters " + Arrays.toString(h) + ": " + e.getMessage());
            }
            int fileType = h[10] % FTYPE_VERSION_FACTOR;
            int filterRows = r.int32("mel filter count");
            int filterColumns = r.int32("mel filter width");
            if (filterRows != config.melCount() || filterColumns <= 0 || filterColumns > 4096) {
                throw new WeightFormatException(path, "mel filter bank is " + filterRows + "×" + filterColumns
                        + ", expected " + config.melCount() + " rows (n_mels): the header is corrupt");
            }
            float[] filters = r.floats("mel filters", (long) filterRows * filterColumns);
            List<byte[]> vocabulary = readVocabulary(r, config);
            Map<String, TensorSlice> tensors = new LinkedHashMap<>();
            Map<String, GgmlType> types = new LinkedHashMap<>();
            WeightLayout layout = WeightLayout.of(config);
            while (r.remaining() > 0) {
                readTensor(r, arena, layout, tensors, types);
            }
            layout.check(path, tensors, Set.of());
            GgmlCheckpoint opened = new GgmlCheckpoint(arena, config, fileType, filterColumns, filters, vocabulary,
                    Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(types));
            arena = null;
            return opened;
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private static List<byte[]> readVocabulary(Reader r, WhisperConfig config) {
        int count = r.int32("vocabulary size");
        if (count < 0 || count > config.vocabularySize()) {
            throw new WeightFormatException(r.path, "vocabulary has " + count + " tokens, more than n_vocab "
                    + config.vocabularySize() + ": the header is corrupt");
        }
        List<byte[]> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = r.int32("vocabulary token " + i);
            if (length < 0 || length > MAX_NAME_BYTES) {
                throw new WeightFormatException(r.path, "vocabulary token " + i + " claims " + length + " bytes: the file is corrupt");
            }
            tokens.add(r.bytes("vocabulary token " + i, length));
        }
        return Collections.unmodifiableList(tokens);
    }

    private static void readTensor(Reader r, Arena arena, WeightLayout layout,
                                   Map<String, TensorSlice> tensors, Map<String, GgmlType> types) {
        long headerAt = r.position;
        int dimCount = r.int32("tensor header at byte " + headerAt);
        int nameLength = r.int32("tensor header at byte " + headerAt);
        int typeId = r.int32("tensor header at byte " + headerAt);
        if (dimCount < 1 || dimCount > MAX_DIMS || nameLength <= 0 || nameLength > MAX_NAME_BYTES) {
            throw new WeightFormatException(r.path, "tensor header at byte " + headerAt + " has " + dimCount + " dims and a "
                    + nameLength + "-byte name: the file is corrupt");
        }
        long[] innermostFirst = new long[dimCount];
        long elements = 1;
        for (int i = 0; i < dimCount; i++) {
            innermostFirst[i] = r.int32("tensor header at byte " + headerAt);
            if (innermostFirst[i] <= 0) {
                throw new WeightFormatException(r.path, "tensor header at byte " + headerAt + " has dimension " + innermostFirst[i]);
            }
            elements = Math.multiplyExact(elements, innermostFirst[i]);
        }
        String name = new String(r.bytes("tensor name", nameLength), StandardCharsets.UTF_8);
        GgmlType type = GgmlType.byId(typeId).orElseThrow(() -> new WeightFormatException(r.path, "tensor '" + name
                + "' has ggml type " + typeId + " (" + GgmlType.foreignName(typeId) + "); supported: f32, f16, q4_0, q4_1, q5_0, q5_1, q8_0"));
        if (type.isQuantized() && innermostFirst[0] % type.blockElements() != 0) {
            throw new WeightFormatException(r.path, "tensor '" + name + "' is " + type + " but its rows of " + innermostFirst[0]
                    + " values are not whole blocks of " + type.blockElements());
        }
        long length = type.bytesFor(elements);
        if (length > r.remaining()) {
            throw new WeightFormatException(r.path, "tensor '" + name + "' needs " + length + " bytes of data but only "
                    + r.remaining() + " remain: the file is truncated");
        }
        MemorySegment stored = r.file.asSlice(r.position, length);
        r.position += length;
        long[] shape = pytorchShape(innermostFirst, layout.byOpenaiName().get(name));
        if (tensors.containsKey(name)) {
            throw new WeightFormatException(r.path, "tensor '" + name + "' appears twice");
        }
        types.put(name, type);
        tensors.put(name, switch (type) {
            case F32 -> new TensorSlice(name, StorageType.F32, shape, stored);
            case F16 -> new TensorSlice(name, StorageType.F16, shape, stored);
            default -> {
                MemorySegment floats = arena.allocate(elements * Float.BYTES, 64);
                GgmlQuantization.dequantize(type, stored, floats);
                yield new TensorSlice(name, StorageType.F32, shape, floats);
            }
        });
    }

    /**
     * The file's dims reversed; whisper.cpp stores the conv biases as [n, 1], so size-1 dims are dropped when
     * that gives the expected shape. Anything else is left for {@link WeightLayout#check} to report.
     */
    private static long[] pytorchShape(long[] innermostFirst, WeightLayout.Entry expected) {
        long[] shape = new long[innermostFirst.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = innermostFirst[shape.length - 1 - i];
        }
        if (expected != null && !Arrays.equals(shape, expected.shape())
                && Arrays.equals(Arrays.stream(shape).filter(d -> d != 1).toArray(),
                Arrays.stream(expected.shape()).filter(d -> d != 1).toArray())) {
            return expected.shape().clone();
        }
        return shape;
    }

    /** Bounds-checked little-endian cursor over the mapping; running out names the part being read. */
    private static final class Reader {
        final Path path;
        final MemorySegment file;
        long position;

        Reader(Path path, MemorySegment file) {
            this.path = path;
            this.file = file;
        }

        long remaining() {
            return file.byteSize() - position;
        }

        private void need(String what, long bytes) {
            if (bytes > remaining()) {
                throw new WeightFormatException(path, "ends at byte " + file.byteSize() + " inside the " + what
                        + " (needs " + bytes + " more bytes at byte " + position + "): the file is truncated");
            }
        }

        int int32(String what) {
            need(what, 4);
            int value = file.get(I32, position);
            position += 4;
            return value;
        }

        byte[] bytes(String what, int count) {
            need(what, count);
            byte[] out = file.asSlice(position, count).toArray(ValueLayout.JAVA_BYTE);
            position += count;
            return out;
        }

        float[] floats(String what, long count) {
            need(what, count * 4);
            float[] out = new float[Math.toIntExact(count)];
            MemorySegment.copy(file, F32, position, out, 0, out.length);
            position += count * 4;
            return out;
        }
    }

    public WhisperConfig config() {
        return config;
    }

    /** The header's ftype without the quantization version: 0 f32, 1 f16, 2 q4_0, 3 q4_1, 7 q8_0, 8 q5_0, 9 q5_1. */
    public int fileType() {
        return fileType;
    }

    /** The mel filter bank stored in the file, row-major [n_mels × {@link #melFftBins()}]. */
    public float[] melFilters() {
        return melFilters.clone();
    }

    public int melFftBins() {
        return melFftBins;
    }

    /** Token bytes in rank order (no special tokens), as whisper.cpp stores them. */
    public List<byte[]> vocabulary() {
        return vocabulary;
    }

    /** How each tensor was stored in the file (quantized ones are exposed dequantized as F32). */
    public Map<String, GgmlType> storedTypes() {
        return storedTypes;
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
