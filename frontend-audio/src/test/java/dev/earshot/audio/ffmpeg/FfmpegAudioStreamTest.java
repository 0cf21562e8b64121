package dev.earshot.audio.ffmpeg;

import dev.earshot.audio.FfmpegFailedException;
import dev.earshot.audio.FfmpegNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process plumbing, driven by small shell scripts standing in for ffmpeg so that pipe reads of odd sizes,
 * failures and long error output happen on purpose.
 */
class FfmpegAudioStreamTest {

    @TempDir
    Path dir;
    private Path input;

    @BeforeEach
    void needsAShell() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to run stand-in ffmpeg scripts");
        input = Files.write(dir.resolve("in.bin"), new byte[] {1});
    }

    @Test
    void samplesSplitAcrossPipeReadsAreReassembled() throws IOException {
        // Pauses make the reader see 1, 3 and 2 bytes: a sample's two bytes arrive in different reads.
        Ffmpeg fake = script("printf '\\001'; sleep 0.2; printf '\\002\\003\\200'; sleep 0.2; printf '\\377\\177'");
        try (FfmpegAudioStream stream = fake.decode16kMono(input, "test")) {
            assertEquals(16000, stream.sampleRate());
            assertEquals(FfmpegAudioStream.UNKNOWN_LENGTH, stream.sampleCount());
            assertArrayEquals(new float[] {0x0201 / 32768f, (short) 0x8003 / 32768f, 0x7FFF / 32768f}, stream.readAll());
        }
    }

    @Test
    void failureReportsExitCodeAndWhatFfmpegSaid() throws IOException {
        Ffmpeg fake = script("printf '\\000\\001'; echo 'in.bin: Invalid data found when processing input' >&2; exit 3");
        try (FfmpegAudioStream stream = fake.decode16kMono(input, "test")) {
            FfmpegFailedException e = assertThrows(FfmpegFailedException.class, stream::readAll);
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("Invalid data found"), e.getMessage());
        }
    }

    @Test
    void onlyTheEndOfLongErrorOutputIsKept() throws IOException {
        Ffmpeg fake = script("i=0; while [ $i -lt 3000 ]; do echo \"line $i of noise\" >&2; i=$((i+1)); done; "
                + "echo 'the real reason' >&2; exit 1");
        try (FfmpegAudioStream stream = fake.decode16kMono(input, "test")) {
            FfmpegFailedException e = assertThrows(FfmpegFailedException.class, stream::readAll);
            assertTrue(e.ffmpegOutput().startsWith("[...]"), "marks the cut");
            assertTrue(e.ffmpegOutput().strip().endsWith("the real reason"));
            assertTrue(e.ffmpegOutput().length() <= 16 * 1024 + 5, "kept " + e.ffmpegOutput().length() + " chars");
            assertFalse(e.ffmpegOutput().contains("line 0 of noise"));
        }
    }

    @Test
    void executableThatIsNotThereIsReportedWithInstallAdvice() {
        Ffmpeg missing = Ffmpeg.at(dir.resolve("no-such-ffmpeg"));
        assertFalse(missing.isAvailable());
        FfmpegNotFoundException e = assertThrows(FfmpegNotFoundException.class,
                () -> missing.decode16kMono(input, "this is FLAC audio"));
        assertTrue(e.getMessage().contains("this is FLAC audio") && e.getMessage().contains("not found at " + dir)
                && e.getMessage().contains("apt-get install ffmpeg") && e.getMessage().contains("convert the file to WAV"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotExecutableIsNotFfmpeg() throws IOException {
        Path plain = Files.writeString(dir.resolve("ffmpeg"), "not a program");
        assertFalse(Ffmpeg.at(plain).isAvailable());
    }

    @Test
    void commandIsWhispersWithQuieterLogging() throws IOException {
        Ffmpeg fake = script("exit 0");
        Path exe = fake.executable().orElseThrow();
        assertEquals(List.of(exe.toString(), "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "0",
                        "-i", "file:" + input.toAbsolutePath(), "-f", "s16le", "-ac", "1", "-acodec", "pcm_s16le",
                        "-ar", "16000", "-"),
                fake.whisperCommand(input));
    }

    @Test
    void realFfmpegIsFoundOnPath() {
        Ffmpeg ffmpeg = Ffmpeg.onPath();
        assumeTrue(ffmpeg.isAvailable(), "ffmpeg is not installed");
        Path exe = ffmpeg.executable().orElseThrow();
        assertTrue(exe.getFileName().toString().startsWith("ffmpeg") && Files.isExecutable(exe), exe.toString());
    }

    private Ffmpeg script(String body) throws IOException {
        Path exe = dir.resolve("fake-ffmpeg");
        Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        return Ffmpeg.at(exe);
    }
}
