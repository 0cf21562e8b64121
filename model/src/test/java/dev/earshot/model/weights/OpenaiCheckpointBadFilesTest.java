package dev.earshot.model.weights;

import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenaiCheckpointBadFilesTest {

    private static final Path MODEL_PT = Reference.path("models", "toy-multi", "model.pt");

    @TempDir
    Path dir;

    private String failure(Path file) {
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> ModelLocator.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aTruncatedCheckpointSaysSo() throws IOException {
        Path file = dir.resolve("truncated.pt");
        byte[] whole = Files.readAllBytes(MODEL_PT);
        Files.write(file, Arrays.copyOf(whole, whole.length * 2 / 3));
        String message = failure(file);
        assertTrue(message.contains("truncated"), message);
    }

    @Test
    void aFileWithForeignMagicIsNamedAsNeitherFormat() throws IOException {
        Path file = dir.resolve("model.pt");
        Files.write(file, "not a model at all".getBytes(StandardCharsets.US_ASCII));
        String message = failure(file);
        assertTrue(message.contains("starts with 6e 6f 74 20") && message.contains("neither a PyTorch zip"), message);
    }

    @Test
    void aLegacyTorchPickleIsRecognisedAndRefused() throws IOException {
        Path file = dir.resolve("legacy.pt");
        Files.write(file, new byte[]{(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9});
        assertTrue(failure(file).contains("legacy (pre-1.6) torch pickle"));
    }

    @Test
    void anUnknownOpcodeIsNamedAndNothingRuns() throws IOException {
        Path file = zipWithPickle(new byte[]{(byte) 0x80, 0x02, '}', 'I', '1', '\n', '.'});
        String message = failure(file);
        assertTrue(message.contains("opcode 0x49 ('I') at byte 3"), message);
    }

    @Test
    void aGlobalOutsideTheAllowListIsNamed() throws IOException {
        byte[] pickle = ("\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R.").getBytes(StandardCharsets.ISO_8859_1);
        String message = failure(zipWithPickle(pickle));
        assertTrue(message.contains("'os.system', which is not allowed"), message);
    }

    @Test
    void anUnsupportedStorageTypeInARealCheckpointIsNamed() throws IOException {
        Map<String, byte[]> entries = TorchZipWriter.read(MODEL_PT);
        entries.put("model/data.pkl", TorchZipWriter.replaceOnce(entries.get("model/data.pkl"),
                bytes("torch\nHalfStorage\n"), bytes("torch\nLongStorage\n")));
        Path file = dir.resolve("long.pt");
        TorchZipWriter.write(file, entries);
        String message = failure(file);
        assertTrue(message.contains("'torch.LongStorage', which is not allowed"), message);
    }

    @Test
    void dimsThatDoNotFitTheTensorsListWhatIsMissing() throws IOException {
        Map<String, byte[]> entries = TorchZipWriter.read(MODEL_PT);
        // n_text_layer 2 → 3: BINUNICODE 'n_text_layer', BINPUT 12, BININT1 2
        entries.put("model/data.pkl", TorchZipWriter.replaceOnce(entries.get("model/data.pkl"),
                bytes("n_text_layerq\u000cK\u0002"), bytes("n_text_layerq\u000cK\u0003")));
        Path file = dir.resolve("dims.pt");
        TorchZipWriter.write(file, entries);
        String message = failure(file);
        assertTrue(message.contains("missing: decoder.blocks.2.attn.query.weight[64, 64]"), message);
    }

    @Test
    void aStorageShorterThanItsTensorIsReported() throws IOException {
        Map<String, byte[]> entries = TorchZipWriter.read(MODEL_PT);
        entries.put("model/data/1", Arrays.copyOf(entries.get("model/data/1"), 100));
        Path file = dir.resolve("short-storage.pt");
        TorchZipWriter.write(file, entries);
        String message = failure(file);
        assertTrue(message.contains("storage 1 should hold 15360 F16 elements but has 100 bytes"), message);
    }

    @Test
    void aNonContiguousTensorIsRefusedRatherThanMisread() throws IOException {
        Map<String, byte[]> entries = TorchZipWriter.read(MODEL_PT);
        // encoder.conv1.weight: size (64, 80, 3), stride (240, 3, 1) → stride (240, 1, 80)
        entries.put("model/data.pkl", TorchZipWriter.replaceOnce(entries.get("model/data.pkl"),
                bytes("K\u00f0K\u0003K\u0001\u0087"), bytes("K\u00f0K\u0001KP\u0087")));
        Path file = dir.resolve("strided.pt");
        TorchZipWriter.write(file, entries);
        String message = failure(file);
        assertTrue(message.contains("shape [64, 80, 3] has strides [240, 1, 80]; only contiguous tensors can be mapped"), message);
    }

    @Test
    void aCompressedEntryIsRefused() throws IOException {
        Path file = dir.resolve("deflated.pt");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            zip.write(new byte[]{(byte) 0x80, 0x02, '}', '.'});
            zip.closeEntry();
        }
        assertTrue(failure(file).contains("zip entry 'archive/data.pkl' is compressed (method 8)"));
    }

    private Path zipWithPickle(byte[] pickle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/version", bytes("3\n"));
        Path file = dir.resolve("crafted.pt");
        TorchZipWriter.write(file, entries);
        return file;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
