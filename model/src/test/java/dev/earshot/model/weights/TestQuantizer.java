package dev.earshot.model.weights;

import java.io.ByteArrayOutputStream;

/**
 * Test-side ggml quantizer: turns floats into q8_0/q4_0/q4_1/q5_0/q5_1 blocks and records, for each value,
 * what a correct dequantizer must return (the stored integer times the float16 scale, plus the float16
 * minimum), computed from the integers chosen here and not by the code under test.
 */
final class TestQuantizer {

    record Quantized(byte[] blocks, float[] expected) {
    }

    private TestQuantizer() {
    }

    static Quantized quantize(GgmlType type, float[] values) {
        if (values.length % 32 != 0) {
            throw new IllegalArgumentException("whole blocks only");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        float[] expected = new float[values.length];
        for (int b = 0; b < values.length; b += 32) {
            float[] block = java.util.Arrays.copyOfRange(values, b, b + 32);
            out.writeBytes(switch (type) {
                case Q8_0 -> q8_0(block, expected, b);
                case Q4_0 -> centred(block, expected, b, 4);
                case Q5_0 -> centred(block, expected, b, 5);
                case Q4_1 -> withMinimum(block, expected, b, 4);
                case Q5_1 -> withMinimum(block, expected, b, 5);
                default -> throw new IllegalArgumentException(type.name());
            });
        }
        return new Quantized(out.toByteArray(), expected);
    }

    private static byte[] q8_0(float[] x, float[] expected, int at) {
        float amax = 0;
        for (float v : x) {
            amax = Math.max(amax, Math.abs(v));
        }
        short dBits = Float.floatToFloat16(amax / 127f);
        float d = Float.float16ToFloat(dBits);
        byte[] block = new byte[34];
        putHalf(block, 0, dBits);
        for (int j = 0; j < 32; j++) {
            int q = d == 0 ? 0 : Math.clamp(Math.round(x[j] / d), -128, 127);
            block[2 + j] = (byte) q;
            expected[at + j] = q * d;
        }
        return block;
    }

    /** q4_0 / q5_0: d = (value of largest magnitude) / −2^(bits−1); stored q = round(x/d) + 2^(bits−1). */
    private static byte[] centred(float[] x, float[] expected, int at, int bits) {
        int centre = 1 << (bits - 1);
        float extreme = 0;
        for (float v : x) {
            if (Math.abs(v) > Math.abs(extreme)) {
                extreme = v;
            }
        }
        short dBits = Float.floatToFloat16(extreme / -centre);
        float d = Float.float16ToFloat(dBits);
        int[] q = new int[32];
        for (int j = 0; j < 32; j++) {
            q[j] = d == 0 ? centre : Math.clamp(Math.round(x[j] / d) + centre, 0, 2 * centre - 1);
            expected[at + j] = (q[j] - centre) * d;
        }
        return pack(bits, dBits, null, q);
    }

    /** q4_1 / q5_1: m = min, d = (max − min) / (2^bits − 1); stored q = round((x − m)/d). */
    private static byte[] withMinimum(float[] x, float[] expected, int at, int bits) {
        int top = (1 << bits) - 1;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        short dBits = Float.floatToFloat16((max - min) / top);
        short mBits = Float.floatToFloat16(min);
        float d = Float.float16ToFloat(dBits);
        float m = Float.float16ToFloat(mBits);
        int[] q = new int[32];
        for (int j = 0; j < 32; j++) {
            q[j] = d == 0 ? 0 : Math.clamp(Math.round((x[j] - m) / d), 0, top);
            expected[at + j] = q[j] * d + m;
        }
        return pack(bits, dBits, mBits, q);
    }

    /** Header (d, optional m), for 5 bits the mask of fifth bits, then nibbles: value j low, value j+16 high. */
    private static byte[] pack(int bits, short dBits, Short mBits, int[] q) {
        int header = mBits == null ? 2 : 4;
        int highBytes = bits == 5 ? 4 : 0;
        byte[] block = new byte[header + highBytes + 16];
        putHalf(block, 0, dBits);
        if (mBits != null) {
            putHalf(block, 2, mBits);
        }
        if (bits == 5) {
            int mask = 0;
            for (int j = 0; j < 32; j++) {
                mask |= ((q[j] >> 4) & 1) << j;
            }
            for (int i = 0; i < 4; i++) {
                block[header + i] = (byte) (mask >>> (8 * i));
            }
        }
        for (int j = 0; j < 16; j++) {
            block[header + highBytes + j] = (byte) ((q[j] & 0x0f) | ((q[j + 16] & 0x0f) << 4));
        }
        return block;
    }

    private static void putHalf(byte[] block, int at, short bits) {
        block[at] = (byte) bits;
        block[at + 1] = (byte) (bits >> 8);
    }
}
