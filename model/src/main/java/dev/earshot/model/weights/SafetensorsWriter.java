package dev.earshot.model.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file (the format {@link SafetensorsFile} reads) tensor by tensor: the header
 * first, since every offset is known from the shapes, then each tensor streamed in chunks.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The format asks for the data to start 8-byte aligned; the header is padded with spaces to get there. */
    private static final int ALIGNMENT = 8;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} under their given names, in order, with {@code metadata} as {@code __metadata__}.
     * The file appears only once complete.
     */
    public static void write(Path file, List<TensorToWrite> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFile.write(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            TensorStreamer.writeFully(channel, prefix);
            TensorStreamer streamer = new TensorStreamer();
            for (TensorToWrite tensor : tensors) {
                streamer.write(channel, tensor);
            }
        });
    }

    private static byte[] header(List<TensorToWrite> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (TensorToWrite tensor : tensors) {
            if (root.has(tensor.name())) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " is listed twice");
            }
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", tensor.type().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : tensor.shape()) {
                shape.add(d);
            }
            long end = offset + tensor.byteCount();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        StringBuilder text = new StringBuilder(JSON.writeValueAsString(root));
        while (text.toString().getBytes(StandardCharsets.UTF_8).length % ALIGNMENT != 0) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
