package dev.earshot.model.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A memory-mapped {@code .safetensors} file: one mapping of the whole file, one slice per tensor.
 * The heap never holds the tensor data; a reader copies out only what it asks for.
 *
 * <p>Layout: {@code u64} little-endian header length N, N bytes of UTF-8 JSON
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the data,
 * with offsets relative to byte {@code 8 + N}.
 */
public final class SafetensorsFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers are small (a few hundred KiB for the largest Whisper); a bigger value means corruption. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path path;
    private final Arena arena;
    private final Map<String, TensorSlice> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, Arena arena, Map<String, TensorSlice> tensors, Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Maps {@code path} read-only and parses its header; fails with {@link WeightFormatException} on a damaged file. */
    public static SafetensorsFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new WeightFormatException(path, "file is " + size + " bytes, too short for a safetensors header (8-byte length + JSON)");
            }
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLength = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new WeightFormatException(path, "header length " + headerLength + " does not fit a file of "
                        + size + " bytes: the file is truncated or not safetensors");
            }
            byte[] headerBytes = file.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new WeightFormatException(path, "header is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (header == null || !header.isObject()) {
                throw new WeightFormatException(path, "header is not a JSON object");
            }
            MemorySegment data = file.asSlice(8 + headerLength);
            Map<String, TensorSlice> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("__metadata__")) {
                    entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(entry.getKey(), parseEntry(path, entry.getKey(), entry.getValue(), data));
            }
            SafetensorsFile opened = new SafetensorsFile(path, arena, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(metadata));
            arena = null; // ownership moved to the result
            return opened;
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private static TensorSlice parseEntry(Path path, String name, JsonNode node, MemorySegment data) {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsets == null || !shapeNode.isArray()
                || !offsets.isArray() || offsets.size() != 2) {
            throw new WeightFormatException(path, "tensor '" + name + "' lacks dtype, shape or data_offsets [begin, end]");
        }
        StorageType type = StorageType.fromSafetensors(dtypeNode.asText())
                .orElseThrow(() -> new WeightFormatException(path, "tensor '" + name + "' has dtype "
                        + dtypeNode.asText() + "; supported: " + StorageType.safetensorsNames()));
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            if (shape[i] < 0) {
                throw new WeightFormatException(path, "tensor '" + name + "' has a negative dimension");
            }
            elements = Math.multiplyExact(elements, shape[i]);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > data.byteSize()) {
            throw new WeightFormatException(path, "tensor '" + name + "' spans bytes [" + begin + ", " + end
                    + ") but the data section has " + data.byteSize() + " bytes: the file is truncated");
        }
        if (end - begin != elements * type.bytesPerElement()) {
            throw new WeightFormatException(path, "tensor '" + name + "' has " + (end - begin) + " bytes, but "
                    + type + " " + java.util.Arrays.toString(shape) + " needs " + elements * type.bytesPerElement());
        }
        return new TensorSlice(name, type, shape, data.asSlice(begin, end - begin));
    }

    public Path path() {
        return path;
    }

    /** Tensors in header order. */
    public Map<String, TensorSlice> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor called {@code name}; a missing name is a {@link WeightFormatException} that lists what is there. */
    public TensorSlice tensor(String name) {
        TensorSlice slice = tensors.get(name);
        if (slice == null) {
            throw new WeightFormatException(path, "has no tensor '" + name + "' (it has " + tensors.size()
                    + " tensors, e.g. " + tensors.keySet().stream().limit(5).toList() + ")");
        }
        return slice;
    }

    /** Unmaps the file; every slice handed out becomes unusable. */
    @Override
    public void close() {
        arena.close();
    }
}
