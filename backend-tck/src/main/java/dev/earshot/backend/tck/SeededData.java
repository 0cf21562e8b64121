package dev.earshot.backend.tck;

import java.util.SplittableRandom;

/** Reproducible random inputs: each test names its seed, so a failure can be replayed exactly. */
public final class SeededData {

    private final SplittableRandom random;

    public SeededData(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [−bound, bound). */
    public float[] uniform(int count, double bound) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** Normal with mean 0 and the given standard deviation (Box–Muller). */
    public float[] gaussian(int count, double deviation) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (nextGaussian() * deviation);
        }
        return values;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private double nextGaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
