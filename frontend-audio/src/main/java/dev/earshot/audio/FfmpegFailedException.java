package dev.earshot.audio;

/** ffmpeg ran but could not decode the file; the message carries the end of what ffmpeg printed. */
public class FfmpegFailedException extends AudioException {

    private final int exitCode;
    private final String ffmpegOutput;

    public FfmpegFailedException(String source, int exitCode, String ffmpegOutput) {
        super(source + ": ffmpeg could not decode this file (exit code " + exitCode + "). It said:\n"
                + (ffmpegOutput.isBlank() ? "(nothing)" : ffmpegOutput.strip())
                + "\nCheck that the file is a complete audio or video file; `ffmpeg -i FILE` shows what ffmpeg makes of it.");
        this.exitCode = exitCode;
        this.ffmpegOutput = ffmpegOutput;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The last part of ffmpeg's standard error. */
    public String ffmpegOutput() {
        return ffmpegOutput;
    }
}
