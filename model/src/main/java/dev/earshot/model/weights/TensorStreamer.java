package dev.earshot.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Streams one tensor's values through a fixed buffer into a channel, little-endian, as f32 or f16. Shared by
 * the safetensors and ggml writers so both store the same bytes for the same values.
 */
final class TensorStreamer {

    /** 1 Mi elements per chunk: big enough for fast writes, small enough to keep memory flat for any model. */
    private static final int CHUNK_ELEMENTS = 1 << 20;

    private final float[] values = new float[CHUNK_ELEMENTS];
    private final ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK_ELEMENTS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);

    void write(FileChannel channel, TensorToWrite tensor) throws IOException {
        long total = tensor.elementCount();
        for (long first = 0; first < total; first += CHUNK_ELEMENTS) {
            int count = (int) Math.min(CHUNK_ELEMENTS, total - first);
            tensor.content().fill(first, values, count);
            bytes.clear();
            if (tensor.type() == StorageType.F32) {
                bytes.asFloatBuffer().put(values, 0, count);
                bytes.limit(count * Float.BYTES);
            } else {
                for (int i = 0; i < count; i++) {
                    bytes.putShort(Float.floatToFloat16(values[i]));
                }
                bytes.flip();
            }
            writeFully(channel, bytes);
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
