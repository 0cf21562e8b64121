package dev.earshot.model.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: writes stored (uncompressed) zips the way torch.save does, and reads existing ones back. */
final class TorchZipWriter {

    private TorchZipWriter() {
    }

    static void write(Path target, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    static Map<String, byte[]> read(Path source) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(source.toFile())) {
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry entry = it.nextElement();
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    /** Replaces the first occurrence of {@code from} in {@code bytes} by {@code to}; fails if absent. */
    static byte[] replaceOnce(byte[] bytes, byte[] from, byte[] to) {
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                byte[] out = new byte[bytes.length - from.length + to.length];
                System.arraycopy(bytes, 0, out, 0, i);
                System.arraycopy(to, 0, out, i, to.length);
                System.arraycopy(bytes, i + from.length, out, i + to.length, bytes.length - i - from.length);
                return out;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
