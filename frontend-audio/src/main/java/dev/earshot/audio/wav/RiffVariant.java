package dev.earshot.audio.wav;

/** Which RIFF flavour holds the WAVE data: classic 32-bit sizes, or RF64/BW64 with 64-bit sizes in a ds64 chunk. */
public enum RiffVariant {
    RIFF,
    RF64
}
