package dev.earshot.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes a float32 array as a NumPy {@code .npy} file (format version 1.0, little-endian, C order),
 * through a temporary file that is moved into place, so a failed write leaves nothing half-written.
 */
final class NpyWriter {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int HEADER_ALIGNMENT = 64;

    private NpyWriter() {
    }

    static void writeFloat32(Path target, float[] data, int... shape) throws IOException {
        long elements = Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
        if (elements != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, absolute.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(header(shape));
                ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (float value : data) {
                    if (!block.hasRemaining()) {
                        out.write(block.array(), 0, block.position());
                        block.clear();
                    }
                    block.putFloat(value);
                }
                out.write(block.array(), 0, block.position());
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] header(int[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ","; // a Python 1-tuple
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        // magic (8) + header length (2) + dict + padding spaces + '\n' must be a multiple of 64.
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] textBytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + textBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short) textBytes.length).put(textBytes);
        return header.array();
    }
}
