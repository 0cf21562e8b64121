package dev.earshot.audio.wav;

import dev.earshot.audio.AudioFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Walks a RIFF/WAVE (or RF64/BW64) file's chunks up to the start of its {@code data} chunk, skipping the ones it
 * does not need ({@code LIST}, {@code fact}, {@code bext}...). Reads forward only, so it works on pipes.
 */
final class WavHeaderReader {

    private static final long SIZE_UNKNOWN_32 = 0xFFFFFFFFL;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID whose first two bytes are a WAVE_FORMAT tag. */
    private static final byte[] STANDARD_GUID_TAIL = HexFormat.of().parseHex("000000001000800000aa00389b71");

    private WavHeaderReader() {
    }

    static WavHeader read(LittleEndianInput in) throws IOException {
        String source = in.source();
        byte[] riff = new byte[12];
        int got = in.readUpTo(riff, 0, 12);
        if (got == 0) {
            throw new AudioFormatException(source, "the file is empty (0 bytes); there is no audio to read");
        }
        if (got < 12) {
            throw in.truncated("RIFF header");
        }
        String id = new String(riff, 0, 4, StandardCharsets.ISO_8859_1);
        String form = new String(riff, 8, 4, StandardCharsets.ISO_8859_1);
        RiffVariant variant = switch (id) {
            case "RIFF" -> RiffVariant.RIFF;
            case "RF64", "BW64" -> RiffVariant.RF64;
            default -> throw new AudioFormatException(source, "not a WAV file: it starts with " + printable(id)
                    + " instead of 'RIFF'");
        };
        if (!form.equals("WAVE")) {
            throw new AudioFormatException(source, "a RIFF file of type " + printable(form)
                    + ", not WAVE audio; it is not a WAV file");
        }
        long ds64DataSize = -1;
        WavFormat format = null;
        boolean firstChunk = true;
        while (true) {
            byte[] chunkHeader = new byte[8];
            int headerBytes = in.readUpTo(chunkHeader, 0, 8);
            if (headerBytes == 0) {
                throw new AudioFormatException(source, "the file ends at byte " + in.position() + " without "
                        + (format == null ? "a 'fmt ' chunk" : "a 'data' chunk")
                        + ": it is truncated or not a complete WAV file. Re-export or re-download it.");
            }
            if (headerBytes < 8) {
                throw in.truncated("header of the chunk after byte " + (in.position() - headerBytes));
            }
            String chunkId = new String(chunkHeader, 0, 4, StandardCharsets.ISO_8859_1);
            long size = (chunkHeader[4] & 0xFFL) | (chunkHeader[5] & 0xFFL) << 8 | (chunkHeader[6] & 0xFFL) << 16
                    | (chunkHeader[7] & 0xFFL) << 24;
            if (variant == RiffVariant.RF64 && firstChunk && !chunkId.equals("ds64")) {
                throw new AudioFormatException(source, "an RF64 file must start with a 'ds64' chunk, found "
                        + printable(chunkId) + "; the header is corrupt");
            }
            firstChunk = false;
            switch (chunkId) {
                case "ds64" -> {
                    if (size < 24) {
                        throw new AudioFormatException(source, "the 'ds64' chunk is " + size
                                + " bytes, less than the 24 its three sizes need; the header is corrupt");
                    }
                    in.u64("RF64 RIFF size");
                    ds64DataSize = in.u64("RF64 data size");
                    in.u64("RF64 sample count");
                    in.skip(size - 24 + (size & 1), "rest of the 'ds64' chunk");
                }
                case "fmt " -> format = readFormat(in, size);
                case "data" -> {
                    if (format == null) {
                        throw new AudioFormatException(source, "the 'data' chunk comes before the 'fmt ' chunk, "
                                + "so the samples cannot be interpreted. Convert the file: ffmpeg -i in.wav -c:a pcm_s16le out.wav");
                    }
                    long dataBytes = variant == RiffVariant.RF64 && size == SIZE_UNKNOWN_32 ? ds64DataSize
                            : size == SIZE_UNKNOWN_32 ? WavHeader.UNKNOWN_SIZE : size;
                    return new WavHeader(source, variant, format, dataBytes, in.position());
                }
                default -> in.skip(size + (size & 1), printable(chunkId) + " chunk");
            }
        }
    }

    private static WavFormat readFormat(LittleEndianInput in, long size) throws IOException {
        String source = in.source();
        if (size < 16) {
            throw new AudioFormatException(source, "the 'fmt ' chunk is " + size
                    + " bytes, less than the 16 a WAV format needs; the header is corrupt");
        }
        int tag = in.u16("format tag");
        int channels = in.u16("channel count");
        long sampleRate = in.u32("sample rate");
        in.u32("byte rate");
        int blockAlign = in.u16("block align");
        int bits = in.u16("bits per sample");
        long consumed = 16;
        int validBits = bits;
        String guid = "";
        int sampleTag = tag;
        if (tag == WavFormat.EXTENSIBLE) {
            if (size < 40) {
                throw new AudioFormatException(source, "the 'fmt ' chunk of this WAVE_FORMAT_EXTENSIBLE file is "
                        + size + " bytes, less than the 40 it needs; the header is corrupt");
            }
            int extraSize = in.u16("fmt extension size");
            if (extraSize < 22) {
                throw new AudioFormatException(source, "the WAVE_FORMAT_EXTENSIBLE extension is " + extraSize
                        + " bytes, less than the 22 it needs; the header is corrupt");
            }
            int declaredValid = in.u16("valid bits per sample");
            in.u32("channel mask");
            byte[] subFormat = new byte[16];
            in.readFully(subFormat, 0, 16, "sub-format GUID");
            consumed = 40;
            validBits = declaredValid == 0 ? bits : declaredValid;
            guid = guidText(subFormat);
            sampleTag = Arrays.equals(subFormat, 2, 16, STANDARD_GUID_TAIL, 0, 14)
                    ? (subFormat[0] & 0xFF) | (subFormat[1] & 0xFF) << 8 : WavFormat.NON_STANDARD_SUBFORMAT;
        }
        in.skip(size - consumed + (size & 1), "rest of the 'fmt ' chunk");
        if (channels == 0) {
            throw new AudioFormatException(source, "the header declares 0 channels; it is corrupt. Re-export the file.");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new AudioFormatException(source, "the header declares a sample rate of " + sampleRate
                    + " Hz; it is corrupt. Re-export the file.");
        }
        WavFormat format = new WavFormat(sampleTag, tag == WavFormat.EXTENSIBLE, guid, channels, (int) sampleRate,
                blockAlign, bits, validBits);
        if (sampleTag == WavFormat.PCM || sampleTag == WavFormat.IEEE_FLOAT) {
            checkSampleLayout(source, format);
        }
        return format;
    }

    /** Sizes that cannot describe any real layout are corruption, not an unsupported encoding. */
    private static void checkSampleLayout(String source, WavFormat f) throws AudioFormatException {
        if (f.blockAlign() == 0 || f.blockAlign() % f.channels() != 0) {
            throw new AudioFormatException(source, "the header's block align (" + f.blockAlign()
                    + " bytes per frame) is not a whole number of samples for " + f.channels()
                    + " channels; it is corrupt. Re-export the file.");
        }
        if (f.bitsPerSample() == 0 || f.bitsPerSample() > 8 * f.bytesPerSample() || f.validBitsPerSample() > f.bitsPerSample()) {
            throw new AudioFormatException(source, "the header declares " + f.bitsPerSample() + " bits per sample ("
                    + f.validBitsPerSample() + " valid) in " + f.bytesPerSample()
                    + "-byte samples, which is contradictory; it is corrupt. Re-export the file.");
        }
    }

    private static String guidText(byte[] g) {
        HexFormat hex = HexFormat.of();
        // The first three GUID fields are stored little-endian, the last two as bytes.
        return hex.formatHex(new byte[] {g[3], g[2], g[1], g[0]}) + "-" + hex.formatHex(new byte[] {g[5], g[4]}) + "-"
                + hex.formatHex(new byte[] {g[7], g[6]}) + "-" + hex.formatHex(g, 8, 10) + "-" + hex.formatHex(g, 10, 16);
    }

    private static String printable(String fourCc) {
        StringBuilder text = new StringBuilder("'");
        for (char c : fourCc.toCharArray()) {
            text.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return text.append('\'').toString();
    }
}
