package dev.earshot.audio.wav;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The sample layouts decoded in Java, each turning little-endian bytes into floats at full scale ±1.
 * Integers are divided by 2^(bits−1) of their container, so 16-bit gives exactly openai/whisper's int16 / 32768.0
 * and a 20-bit value left-justified in 24 bits needs no special case.
 */
public enum SampleEncoding {
    /** 8-bit PCM is unsigned with 128 as zero, unlike every wider size. */
    UNSIGNED_8(1) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = ((src[i] & 0xFF) - 128) / 128f;
            }
            return -1;
        }
    },
    SIGNED_16(2) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = (short) SHORT_LE.get(src, 2 * i) / 32768f;
            }
            return -1;
        }
    },
    SIGNED_24(3) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0, b = 0; i < count; i++, b += 3) {
                int value = (src[b] & 0xFF) | (src[b + 1] & 0xFF) << 8 | src[b + 2] << 16;
                dst[dstOffset + i] = value / 8388608f;
            }
            return -1;
        }
    },
    SIGNED_32(4) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = (int) INT_LE.get(src, 4 * i) / 2147483648f;
            }
            return -1;
        }
    },
    FLOAT_32(4) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                float value = (float) FLOAT_LE.get(src, 4 * i);
                if (!Float.isFinite(value)) {
                    return i;
                }
                dst[dstOffset + i] = value;
            }
            return -1;
        }
    },
    FLOAT_64(8) {
        @Override
        int decode(byte[] src, float[] dst, int dstOffset, int count) {
            for (int i = 0; i < count; i++) {
                double value = (double) DOUBLE_LE.get(src, 8 * i);
                if (!Double.isFinite(value)) {
                    return i;
                }
                dst[dstOffset + i] = (float) value;
            }
            return -1;
        }
    };

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int bytesPerSample;

    SampleEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * Decodes {@code count} samples from the start of {@code src} into {@code dst[dstOffset..]}.
     *
     * @return the index of the first sample that is NaN or infinite (then the rest are left undecoded), or -1
     */
    abstract int decode(byte[] src, float[] dst, int dstOffset, int count);

    /** The encoding of {@code format}'s samples, or empty when it is one this reader does not decode. */
    public static Optional<SampleEncoding> of(WavFormat format) {
        int size = format.bytesPerSample();
        return switch (format.formatTag()) {
            case WavFormat.PCM -> switch (size) {
                case 1 -> Optional.of(UNSIGNED_8);
                case 2 -> Optional.of(SIGNED_16);
                case 3 -> Optional.of(SIGNED_24);
                case 4 -> Optional.of(SIGNED_32);
                default -> Optional.empty();
            };
            case WavFormat.IEEE_FLOAT -> size == 4 && format.bitsPerSample() == 32 ? Optional.of(FLOAT_32)
                    : size == 8 && format.bitsPerSample() == 64 ? Optional.of(FLOAT_64) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
