package dev.earshot.audio.wav;

/**
 * What a WAV file's {@code fmt } chunk says about its samples.
 *
 * @param formatTag WAVE_FORMAT tag of the samples: 1 PCM, 3 IEEE float, 7 μ-law... For WAVE_FORMAT_EXTENSIBLE it is
 *     the tag carried in the sub-format GUID, or {@link #NON_STANDARD_SUBFORMAT} when the GUID is not one of those
 * @param extensible whether the file used WAVE_FORMAT_EXTENSIBLE (0xFFFE)
 * @param subFormatGuid the extensible sub-format GUID as text, "" when not extensible
 * @param blockAlign bytes per frame (all channels of one sampling instant)
 * @param bitsPerSample bits of each sample's container
 * @param validBitsPerSample bits that carry signal (extensible files may use fewer than the container)
 */
public record WavFormat(int formatTag, boolean extensible, String subFormatGuid, int channels, int sampleRate,
                        int blockAlign, int bitsPerSample, int validBitsPerSample) {

    public static final int PCM = 0x0001;
    public static final int IEEE_FLOAT = 0x0003;
    public static final int EXTENSIBLE = 0xFFFE;
    public static final int NON_STANDARD_SUBFORMAT = -1;

    /** Bytes of one sample of one channel. */
    public int bytesPerSample() {
        return blockAlign / channels;
    }

    /** "16-bit PCM", "32-bit float", "μ-law (WAV format tag 0x0007)"... */
    public String encodingName() {
        String prefix = extensible ? "WAVE_FORMAT_EXTENSIBLE " : "";
        return switch (formatTag) {
            case PCM -> prefix + (bitsPerSample == 8 ? "8-bit unsigned PCM"
                    : validBitsPerSample < bytesPerSample() * 8
                    ? validBitsPerSample + "-bit PCM in " + bytesPerSample() * 8 + "-bit containers"
                    : bitsPerSample + "-bit PCM");
            case IEEE_FLOAT -> prefix + bitsPerSample + "-bit float";
            case NON_STANDARD_SUBFORMAT -> "WAVE_FORMAT_EXTENSIBLE with sub-format " + subFormatGuid;
            default -> prefix + FormatTagNames.describe(formatTag);
        };
    }
}
