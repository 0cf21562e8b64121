package dev.earshot.audio.wav;

import java.util.Map;

/** Names of the WAVE_FORMAT tags people actually meet, so an error can say "μ-law" rather than "7". */
final class FormatTagNames {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0001, "PCM"),
            Map.entry(0x0002, "Microsoft ADPCM"),
            Map.entry(0x0003, "IEEE float"),
            Map.entry(0x0006, "A-law"),
            Map.entry(0x0007, "μ-law"),
            Map.entry(0x0011, "IMA ADPCM"),
            Map.entry(0x0022, "DSP Group TrueSpeech"),
            Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0040, "G.721 ADPCM"),
            Map.entry(0x0050, "MPEG audio"),
            Map.entry(0x0055, "MP3"),
            Map.entry(0x0064, "G.726 ADPCM"),
            Map.entry(0x00FF, "AAC"),
            Map.entry(0x0161, "Windows Media Audio"),
            Map.entry(0x0162, "Windows Media Audio Professional"),
            Map.entry(0x0163, "Windows Media Audio Lossless"),
            Map.entry(0x1610, "AAC (HE-AAC/ADTS)"),
            Map.entry(0x2000, "Dolby AC-3"),
            Map.entry(0x2001, "DTS"),
            Map.entry(0xF1AC, "FLAC"));

    private FormatTagNames() {
    }

    static String describe(int formatTag) {
        String name = NAMES.getOrDefault(formatTag, "an unknown encoding");
        return name + String.format(" (WAV format tag 0x%04X)", formatTag);
    }
}
