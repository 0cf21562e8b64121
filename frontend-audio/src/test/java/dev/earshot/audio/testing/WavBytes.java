package dev.earshot.audio.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes WAV files byte by byte for tests, including the broken ones: every header field can be set to any value,
 * independently of the others. Written from the RIFF/WAVE specification, not with the reader under test.
 */
public final class WavBytes {

    public static final int PCM = 1;
    public static final int IEEE_FLOAT = 3;
    public static final int A_LAW = 6;
    public static final int MU_LAW = 7;
    public static final int EXTENSIBLE = 0xFFFE;

    private int formatTag = PCM;
    private int channels = 1;
    private long sampleRate = 16000;
    private int bitsPerSample = 16;
    private Integer blockAlign;
    private Integer extensibleSubFormat;
    private byte[] customGuid;
    private int validBits;
    private Integer fmtChunkSize;
    private final List<byte[]> chunksBeforeFmt = new ArrayList<>();
    private final List<byte[]> chunksBeforeData = new ArrayList<>();
    private final List<byte[]> chunksAfterData = new ArrayList<>();
    private byte[] data = new byte[0];
    private Long declaredDataSize;
    private String riffId = "RIFF";
    private boolean dataBeforeFmt;

    public static WavBytes pcm16(int sampleRate, int channels) {
        return new WavBytes().sampleRate(sampleRate).channels(channels).bits(16);
    }

    public WavBytes formatTag(int tag) {
        formatTag = tag;
        return this;
    }

    public WavBytes channels(int n) {
        channels = n;
        return this;
    }

    public WavBytes sampleRate(long hz) {
        sampleRate = hz;
        return this;
    }

    public WavBytes bits(int bits) {
        bitsPerSample = bits;
        return this;
    }

    public WavBytes blockAlign(int bytes) {
        blockAlign = bytes;
        return this;
    }

    /** WAVE_FORMAT_EXTENSIBLE with the standard GUID for {@code subFormatTag}. */
    public WavBytes extensible(int subFormatTag, int validBitsPerSample) {
        formatTag = EXTENSIBLE;
        extensibleSubFormat = subFormatTag;
        validBits = validBitsPerSample;
        return this;
    }

    public WavBytes extensibleGuid(byte[] guid) {
        formatTag = EXTENSIBLE;
        customGuid = guid;
        return this;
    }

    /** Declares a 'fmt ' chunk of this size (the body is padded or cut to match). */
    public WavBytes fmtChunkSize(int size) {
        fmtChunkSize = size;
        return this;
    }

    public WavBytes chunkBeforeFmt(String id, byte[] body) {
        chunksBeforeFmt.add(chunk(id, body, body.length));
        return this;
    }

    public WavBytes chunkBeforeData(String id, byte[] body) {
        chunksBeforeData.add(chunk(id, body, body.length));
        return this;
    }

    public WavBytes chunkAfterData(String id, byte[] body) {
        chunksAfterData.add(chunk(id, body, body.length));
        return this;
    }

    public WavBytes data(byte[] samples) {
        data = samples;
        return this;
    }

    /** The size the data chunk claims, e.g. more than there is (truncated file) or 0xFFFFFFFF (streamed). */
    public WavBytes declaredDataSize(long size) {
        declaredDataSize = size;
        return this;
    }

    /** RF64 (or BW64): sizes 0xFFFFFFFF in RIFF and data, the real ones in a leading ds64 chunk. */
    public WavBytes rf64(String id) {
        riffId = id;
        return this;
    }

    public WavBytes riffId(String id) {
        riffId = id;
        return this;
    }

    public WavBytes dataBeforeFmt() {
        dataBeforeFmt = true;
        return this;
    }

    public byte[] build() {
        boolean rf64 = riffId.equals("RF64") || riffId.equals("BW64");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        long dataSize = declaredDataSize != null ? declaredDataSize : data.length;
        if (rf64) {
            ByteBuffer ds64 = le(28);
            ds64.putLong(0).putLong(dataSize).putLong(0).putInt(0);
            body.writeBytes(chunk("ds64", ds64.array(), 28));
        }
        chunksBeforeFmt.forEach(body::writeBytes);
        byte[] dataChunk = chunk("data", data, rf64 ? 0xFFFFFFFFL : dataSize);
        if (dataBeforeFmt) {
            body.writeBytes(dataChunk);
        }
        body.writeBytes(fmtChunk());
        chunksBeforeData.forEach(body::writeBytes);
        if (!dataBeforeFmt) {
            body.writeBytes(dataChunk);
        }
        chunksAfterData.forEach(body::writeBytes);
        byte[] content = body.toByteArray();
        ByteBuffer file = le(8 + content.length);
        file.put(riffId.getBytes(StandardCharsets.ISO_8859_1)).putInt(rf64 ? -1 : content.length).put(content);
        return file.array();
    }

    private byte[] fmtChunk() {
        int align = blockAlign != null ? blockAlign : channels * ((bitsPerSample + 7) / 8);
        ByteBuffer fmt = le(40);
        fmt.putShort((short) formatTag).putShort((short) channels).putInt((int) sampleRate)
                .putInt((int) (sampleRate * align)).putShort((short) align).putShort((short) bitsPerSample);
        int natural = 16;
        if (formatTag == EXTENSIBLE) {
            fmt.putShort((short) 22).putShort((short) validBits).putInt(0);
            if (customGuid != null) {
                fmt.put(customGuid);
            } else {
                fmt.putShort((short) (int) extensibleSubFormat).put(HexFormat.of().parseHex("000000001000800000aa00389b71"));
            }
            natural = 40;
        }
        int size = fmtChunkSize != null ? fmtChunkSize : natural;
        byte[] bodyBytes = new byte[size];
        System.arraycopy(fmt.array(), 0, bodyBytes, 0, Math.min(size, 40));
        return chunk("fmt ", bodyBytes, size);
    }

    /** A chunk: id, declared size, body and the pad byte that keeps chunks at even offsets. */
    public static byte[] chunk(String id, byte[] body, long declaredSize) {
        ByteBuffer c = le(8 + body.length + (body.length & 1));
        c.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt((int) declaredSize).put(body);
        return c.array();
    }

    /** Little-endian two's complement integers of {@code bytes} bytes each (8-bit values are written as given). */
    public static byte[] integers(int bytes, long... values) {
        ByteBuffer b = le(values.length * bytes);
        for (long v : values) {
            for (int i = 0; i < bytes; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        return b.array();
    }

    public static byte[] floats(float... values) {
        ByteBuffer b = le(4 * values.length);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    public static byte[] doubles(double... values) {
        ByteBuffer b = le(8 * values.length);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
