package dev.earshot.audio.ffmpeg;

import dev.earshot.audio.FfmpegNotFoundException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the ffmpeg program is, and the command openai/whisper's {@code load_audio} runs with it. Whether ffmpeg exists
 * is decided by looking at the file system, not by starting it and catching the failure.
 */
public final class Ffmpeg {

    private final Optional<Path> executable;
    private final String whereLooked;

    private Ffmpeg(Optional<Path> executable, String whereLooked) {
        this.executable = executable;
        this.whereLooked = whereLooked;
    }

    /** The first {@code ffmpeg} executable in the directories of {@code PATH}, as a shell would find it. */
    public static Ffmpeg onPath() {
        String path = System.getenv("PATH");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("ffmpeg.exe", "ffmpeg") : List.of("ffmpeg");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                for (String name : names) {
                    Optional<Path> candidate = executableIn(directory, name);
                    if (candidate.isPresent()) {
                        return new Ffmpeg(candidate, "on PATH");
                    }
                }
            }
        }
        return new Ffmpeg(Optional.empty(), "on PATH");
    }

    /** A specific ffmpeg binary (tests, or an install outside {@code PATH}). */
    public static Ffmpeg at(Path executable) {
        boolean usable = Files.isRegularFile(executable) && Files.isExecutable(executable);
        return new Ffmpeg(usable ? Optional.of(executable) : Optional.empty(), "at " + executable);
    }

    private static Optional<Path> executableIn(String directory, String name) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path candidate = Path.of(directory, name);
            return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty(); // a malformed PATH entry is not a place ffmpeg can be
        }
    }

    public boolean isAvailable() {
        return executable.isPresent();
    }

    public Optional<Path> executable() {
        return executable;
    }

    /**
     * openai/whisper's command: decode, mix down to mono, resample to 16 kHz, write signed 16-bit little-endian PCM to
     * standard output. {@code -hide_banner -loglevel error} only quiet ffmpeg's log; the input is given as a
     * {@code file:} URL so a name with a colon is not taken for a protocol.
     *
     * @throws IllegalStateException when ffmpeg was not found; {@link #decode16kMono} reports that to users instead
     */
    public List<String> whisperCommand(Path input) {
        return List.of(requireExecutable().toString(), "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "0",
                "-i", "file:" + input.toAbsolutePath(), "-f", "s16le", "-ac", "1", "-acodec", "pcm_s16le", "-ar", "16000", "-");
    }

    /**
     * Starts ffmpeg on {@code input} and streams its 16 kHz mono output.
     *
     * @param whyFfmpeg what the file is, for the message when ffmpeg is missing, e.g. "this is FLAC audio"
     */
    public FfmpegAudioStream decode16kMono(Path input, String whyFfmpeg) throws IOException {
        if (executable.isEmpty()) {
            throw new FfmpegNotFoundException(input.toString(), whyFfmpeg, whereLooked);
        }
        return FfmpegAudioStream.start(whisperCommand(input), input.toString());
    }

    private Path requireExecutable() {
        return executable.orElseThrow(() -> new IllegalStateException("ffmpeg was not found " + whereLooked));
    }

    @Override
    public String toString() {
        return executable.map(Path::toString).orElse("ffmpeg (not found " + whereLooked + ")");
    }
}
