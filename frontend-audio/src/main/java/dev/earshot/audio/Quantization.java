package dev.earshot.audio;

/** What happens to samples after mix-down and resampling, before the model sees them. */
public enum Quantization {
    /** Keep full float precision. */
    NONE,
    /**
     * Round to a multiple of 1/32768 and clip to [−1, 32767/32768], as openai/whisper's samples are: its ffmpeg call
     * writes 16-bit PCM after mixing and resampling. Ties and truncation follow what ffmpeg does for the source's
     * layout, so a 16 kHz WAV gives whisper's samples exactly (see {@link Int16Rounding}).
     */
    WHISPER_INT16
}
