package dev.earshot.audio.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The kind of file, told from its first bytes (never from its name, never by trying decoders). Only {@link #WAV}
 * is decoded in Java; every other kind goes to ffmpeg, and the name is what error messages call the file.
 */
public enum AudioContainer {
    WAV("WAV"),
    FLAC("FLAC audio"),
    MP3("MP3 audio"),
    AAC_ADTS("AAC audio (ADTS)"),
    OGG("Ogg audio (Vorbis/Opus/FLAC)"),
    MP4("MP4/M4A/MOV media"),
    MATROSKA("Matroska/WebM media"),
    AIFF("AIFF audio"),
    CAF("Core Audio (CAF) audio"),
    AU("Sun/NeXT AU audio"),
    ASF("Windows Media (ASF/WMA/WMV) media"),
    AMR("AMR audio"),
    RIFF_OTHER("RIFF media that is not WAVE (e.g. AVI)"),
    UNKNOWN("a file of unrecognised type");

    /** Enough bytes for every signature below. */
    public static final int HEAD_BYTES = 12;

    private static final byte[] ASF_GUID_START = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11};
    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private final String displayName;

    AudioContainer(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * @param head the first bytes of the file ({@link #HEAD_BYTES} or all of a shorter file)
     * @param length how many of {@code head} are valid
     */
    public static AudioContainer detect(byte[] head, int length) {
        String first4 = ascii(head, 0, length);
        String form = ascii(head, 8, length);
        if (first4.equals("RIFF") || first4.equals("RF64") || first4.equals("BW64")) {
            // A RIFF header cut short is a damaged WAV far more often than anything else; let the WAV reader say so.
            return length < 12 || form.equals("WAVE") ? WAV : RIFF_OTHER;
        }
        if (first4.equals("fLaC")) {
            return FLAC;
        }
        if (first4.equals("OggS")) {
            return OGG;
        }
        if (first4.equals("caff")) {
            return CAF;
        }
        if (first4.equals(".snd")) {
            return AU;
        }
        if (first4.equals("FORM") && (form.equals("AIFF") || form.equals("AIFC"))) {
            return AIFF;
        }
        if (ascii(head, 4, length).equals("ftyp")) {
            return MP4;
        }
        if (startsWith(head, length, EBML_MAGIC)) {
            return MATROSKA;
        }
        if (startsWith(head, length, ASF_GUID_START)) {
            return ASF;
        }
        if (length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("#!AMR")) {
            return AMR;
        }
        if (length >= 3 && new String(head, 0, 3, StandardCharsets.US_ASCII).equals("ID3")) {
            return MP3; // an ID3v2 tag leads MP3 files (and occasionally AAC; ffmpeg sorts that out)
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            // 11-bit frame sync; layer bits 00 mean ADTS AAC, anything else MPEG audio layer I-III.
            return (head[1] & 0x06) == 0 ? AAC_ADTS : MP3;
        }
        return UNKNOWN;
    }

    private static String ascii(byte[] head, int offset, int length) {
        return length >= offset + 4 ? new String(head, offset, 4, StandardCharsets.ISO_8859_1) : "";
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
