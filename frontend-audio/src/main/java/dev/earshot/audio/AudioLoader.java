package dev.earshot.audio;

import dev.earshot.audio.detect.AudioContainer;
import dev.earshot.audio.ffmpeg.Ffmpeg;
import dev.earshot.audio.resample.ResamplingAudioStream;
import dev.earshot.audio.resample.SincFilterDesign;
import dev.earshot.audio.wav.WavAudioStream;
import dev.earshot.audio.wav.WavHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * openai/whisper's {@code load_audio}: any audio or video file to 16 kHz mono float samples. WAV files are decoded,
 * mixed down and resampled in Java; every other kind (and WAV encodings such as μ-law) goes through the ffmpeg
 * program with whisper's own command line. The kind is told from the file's first bytes.
 *
 * <p>The static methods use ffmpeg from {@code PATH}, the {@linkplain SincFilterDesign#whisperCompatible() resampling
 * filter closest to whisper's} and {@link Quantization#WHISPER_INT16}, so that a 16 kHz mono or stereo WAV gives
 * exactly whisper's samples (8- to 24-bit integer and mono float; see {@link Int16Rounding}) and resampled input comes within
 * a few 16-bit steps of them. Files with more than two channels are mixed to their plain mean, where ffmpeg weighs
 * channels by speaker position.
 */
public final class AudioLoader {

    public static final int SAMPLE_RATE = 16000;

    private final Ffmpeg ffmpeg;
    private final Quantization quantization;
    private final SincFilterDesign resamplingFilter;

    private AudioLoader(Ffmpeg ffmpeg, Quantization quantization, SincFilterDesign resamplingFilter) {
        this.ffmpeg = ffmpeg;
        this.quantization = quantization;
        this.resamplingFilter = resamplingFilter;
    }

    /** The settings the static methods use. */
    public static AudioLoader whisperCompatible() {
        return new AudioLoader(Ffmpeg.onPath(), Quantization.WHISPER_INT16, SincFilterDesign.whisperCompatible());
    }

    /** All of {@code file} as 16 kHz mono samples, like {@code whisper.load_audio(file)}. */
    public static float[] load16kMono(Path file) throws IOException {
        return whisperCompatible().load(file);
    }

    /** {@code file} as a 16 kHz mono stream, decoded as it is read. */
    public static AudioStream open16kMono(Path file) throws IOException {
        return whisperCompatible().open(file);
    }

    public AudioLoader withFfmpeg(Ffmpeg ffmpeg) {
        return new AudioLoader(ffmpeg, quantization, resamplingFilter);
    }

    public AudioLoader withQuantization(Quantization quantization) {
        return new AudioLoader(ffmpeg, quantization, resamplingFilter);
    }

    public AudioLoader withResamplingFilter(SincFilterDesign resamplingFilter) {
        return new AudioLoader(ffmpeg, quantization, resamplingFilter);
    }

    public float[] load(Path file) throws IOException {
        try (AudioStream stream = open(file)) {
            return stream.readAll();
        }
    }

    public AudioStream open(Path file) throws IOException {
        AudioContainer container = detect(file);
        if (container != AudioContainer.WAV) {
            return ffmpeg.decode16kMono(file, "this is " + container.displayName()
                    + " (told from its first bytes), not WAV");
        }
        WavHeader header = WavAudioStream.readHeader(file);
        if (!WavAudioStream.decodes(header) && ffmpeg.isAvailable()) {
            return ffmpeg.decode16kMono(file, "this WAV holds " + header.format().encodingName());
        }
        AudioStream stream = WavAudioStream.open(file);
        boolean resampled = stream.sampleRate() != SAMPLE_RATE;
        if (resampled) {
            stream = new ResamplingAudioStream(stream, SAMPLE_RATE, resamplingFilter);
        }
        return quantization == Quantization.NONE ? stream
                : new QuantizingAudioStream(stream, Int16Rounding.likeWhispersFfmpeg(header.format(), resampled));
    }

    private static AudioContainer detect(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new AudioFileNotFoundException(file);
        }
        if (Files.isDirectory(file)) {
            throw new AudioFormatException(file.toString(), "is a directory, not an audio file");
        }
        byte[] head = new byte[AudioContainer.HEAD_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        if (length == 0) {
            throw new AudioFormatException(file.toString(), "the file is empty (0 bytes); there is no audio to read");
        }
        return AudioContainer.detect(head, length);
    }
}
