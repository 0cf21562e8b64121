package dev.earshot.audio;

/** A file that only ffmpeg can decode, and no ffmpeg program to run. */
public class FfmpegNotFoundException extends AudioException {

    public FfmpegNotFoundException(String source, String whyFfmpeg, String whereLooked) {
        super(source + ": " + whyFfmpeg + ", which earshot decodes with the ffmpeg program, but ffmpeg was not found "
                + whereLooked + ". Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg; "
                + "Windows: winget install ffmpeg) or convert the file to WAV, which earshot reads without ffmpeg.");
    }
}
