package dev.earshot.cli;

import dev.earshot.testkit.FloatTensor;
import dev.earshot.testkit.Reference;
import dev.earshot.testkit.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelCommandTest {

    @Test
    void writesOpenaisLogMelAsNpy(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("jfk.npy");
        CliRun run = CliRun.of("", "mel", Reference.path("audio", "jfk.wav").toString(), "--output", npy.toString());
        assertEquals(0, run.exitCode(), run.err());

        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, buffer.get(0));
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = buffer.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (80, 1100)"), header);
        assertEquals(0, (10 + headerLength) % 64, "header padded to 64 bytes");
        float[] data = new float[80 * 1100];
        buffer.position(10 + headerLength);
        buffer.asFloatBuffer().get(data);

        FloatTensor expected = Reference.tensor(Reference.path("frontend", "jfk.safetensors"), "log_mel_80");
        Tolerance.assertClose(expected.data(), data, 1e-3, "earshot mel jfk.wav");
    }

    @Test
    void aMissingFileIsOneClearLine(@TempDir Path dir) {
        CliRun run = CliRun.of("", "mel", dir.resolve("nope.wav").toString(), "--output", dir.resolve("x.npy").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("nope.wav"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(dir.resolve("x.npy")), "nothing written");
    }

    @Test
    void aCorruptWavIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, "RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of("", "mel", bad.toString(), "--output", dir.resolve("x.npy").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("earshot mel: "), run.err());
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void onlyWhispersTwoMelSizes(@TempDir Path dir) {
        CliRun run = CliRun.of("", "mel", Reference.path("audio", "jfk.wav").toString(), "--n-mels", "64",
                "--output", dir.resolve("x.npy").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("80 or 128"), run.err());
    }
}
