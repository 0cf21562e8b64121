package dev.earshot.cli;

import dev.earshot.audio.AudioLoader;
import dev.earshot.audio.mel.LogMelSpectrogram;
import dev.earshot.api.audio.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code earshot mel}: openai's {@code log_mel_spectrogram(load_audio(AUDIO), n_mels)} as a .npy file. */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = {"Writes the log-mel spectrogram of a whole audio file (no padding) as float32 .npy "
                + "of shape [n_mels, n_frames], exactly as openai/whisper's log_mel_spectrogram(load_audio(AUDIO), n_mels)."})
final class MelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "AUDIO", description = "Audio file: WAV read directly; other formats through ffmpeg.")
    Path audio;

    @Option(names = "--n-mels", paramLabel = "80|128", defaultValue = "80",
            description = "Mel bins: 80 for most models, 128 for large-v3 (default: ${DEFAULT-VALUE}).")
    int melCount;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.npy", description = "Where to write the array.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (melCount != 80 && melCount != 128) {
            throw new IllegalArgumentException("--n-mels must be 80 or 128 (Whisper's two layouts), not " + melCount);
        }
        float[] samples = AudioLoader.load16kMono(audio);
        MelSpectrogram mel = LogMelSpectrogram.whisper(melCount).compute(samples);
        NpyWriter.writeFloat32(output, mel.data(), mel.melCount(), mel.frameCount());
        System.err.printf("%s: %d mel bins × %d frames (%.2f s) → %s%n", audio, mel.melCount(), mel.frameCount(),
                mel.durationSeconds(), output);
        return 0;
    }
}
