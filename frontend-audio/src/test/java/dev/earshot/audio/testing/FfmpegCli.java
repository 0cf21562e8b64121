package dev.earshot.audio.testing;

import dev.earshot.audio.ffmpeg.Ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real ffmpeg to make test inputs (other codecs, other rates); tests using it skip when it is absent. */
public final class FfmpegCli {

    private FfmpegCli() {
    }

    public static Ffmpeg require() {
        Ffmpeg ffmpeg = Ffmpeg.onPath();
        assumeTrue(ffmpeg.isAvailable(), "ffmpeg is not installed (apt-get install ffmpeg); skipping");
        return ffmpeg;
    }

    /** {@code ffmpeg -i input [inputArgs...] args... output}, which must succeed. */
    public static Path convert(Path input, Path output, String... args) throws IOException, InterruptedException {
        return run(List.of("-i", input.toString()), output, args);
    }

    /** {@code ffmpeg inputs... args... output}, for inputs such as a generated video track. */
    public static Path run(List<String> inputs, Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require().executable().orElseThrow().toString(),
                "-nostdin", "-y", "-loglevel", "error"));
        command.addAll(inputs);
        command.addAll(List.of(args));
        command.add(output.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "ffmpeg failed to make " + output + ": " + said);
        return output;
    }
}
