package dev.earshot.audio;

import dev.earshot.audio.wav.SampleEncoding;
import dev.earshot.audio.wav.WavFormat;

/**
 * How whisper's ffmpeg command turns a source into 16-bit samples, found by running it (ffmpeg 5.1) on generated
 * WAVs of each layout: 8- and 16-bit input is mixed in 16-bit fixed point, which rounds halves up; 24- and 32-bit
 * mono input loses its low bits (truncation toward −∞); float input, and wider integers that need mixing, go through
 * floating point and round halves to even. With these, 8-, 16- and 24-bit and mono float 16 kHz WAVs match whisper
 * bit for bit; stereo float, 64-bit float and 32-bit integer ones differ by one step in under 0.1% of samples
 * (ffmpeg's float mix coefficient is not exactly 1/2, and it converts doubles and 32-bit integers straight to 16
 * bits, while our samples pass through float, which cannot hold every such value).
 */
enum Int16Rounding {
    HALF_UP {
        @Override
        double round(double steps) {
            return Math.floor(steps + 0.5);
        }
    },
    HALF_EVEN {
        @Override
        double round(double steps) {
            return Math.rint(steps);
        }
    },
    TRUNCATE {
        @Override
        double round(double steps) {
            return Math.floor(steps);
        }
    };

    abstract double round(double steps);

    float apply(float sample) {
        return (float) (Math.clamp(round(sample * 32768.0), -32768.0, 32767.0) / 32768.0);
    }

    /** The rule for a WAV source; resampled output has no exact counterpart, so it takes the floating-point one. */
    static Int16Rounding likeWhispersFfmpeg(WavFormat format, boolean resampled) {
        if (resampled) {
            return HALF_EVEN;
        }
        SampleEncoding encoding = SampleEncoding.of(format).orElseThrow();
        return switch (encoding) {
            case UNSIGNED_8, SIGNED_16 -> HALF_UP;
            case SIGNED_24, SIGNED_32 -> format.channels() == 1 ? TRUNCATE : HALF_EVEN;
            case FLOAT_32, FLOAT_64 -> HALF_EVEN;
        };
    }
}
