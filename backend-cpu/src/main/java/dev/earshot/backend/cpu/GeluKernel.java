package dev.earshot.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact GELU, x·Φ(x), a vector of doubles at a time, each lane with the bits of the scalar code
 * ({@link #scalar}, {@link ErfFunctions}): the same operations in the same order (one fused multiply-add per
 * Horner step, {@code Math.fma} in the scalar code: exactly rounded both ways, and half the operations of a
 * multiply then an add). Where −1 < x/√2 ≤ 1 (most activations) Φ is ½·(1 + erf) with erf the
 * {@link ErfCoefficients#ERF_SMALL} polynomial; elsewhere it comes from erfc(|x|/√2) = exp(−x²/2)·erfcx, with
 * {@link DoubleExp} for the exponential (Math.exp has no bit-identical vector form) and erfcx's three fitted
 * pieces, each evaluated only when a lane needs it. Only NaN lanes and the last few elements of a range (fewer
 * than a vector) take the scalar path. Those tail lanes, a sixth of the activations, went through scalar code at
 * ~10 ns each and were two thirds of GELU's time. They are gathered, a full vector of them at a time
 * ({@link Pending}), before that vector code runs: most vectors hold a tail lane or two, and running the tail code on
 * each of them cost as much as the polynomial for all lanes.
 */
final class GeluKernel {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as the double vector has: half its width. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double SMALLEST_NORMAL_FLOAT = Float.MIN_NORMAL;

    private GeluKernel() {
    }

    /**
     * Tail elements waiting for a full vector: their inputs (then outputs) and where they go back; entries from
     * {@code count} on are stale. One thread's at a time (a worker's {@link WorkerScratch}), so a call allocates
     * nothing.
     */
    static final class Pending {
        final float[] elements = new float[DOUBLES.length()];
        final int[] positions = new int[DOUBLES.length()];
        /** The inputs of the vector being queued from: its store has already overwritten them in place. */
        final float[] inputs = new float[DOUBLES.length()];
        private int count;
    }

    /**
     * values[from, to) = gelu(values[…]), each element as {@link #scalar} computes it.
     *
     * @param pending this thread's queue; whatever it holds on entry is ignored, and it is empty on return
     */
    static void apply(float[] values, int from, int to, Pending pending) {
        int lanes = DOUBLES.length();
        pending.count = 0;
        int i = from;
        for (; i + lanes <= to; i += lanes) {
            FloatVector input = FloatVector.fromArray(FLOATS, values, i);
            DoubleVector x = (DoubleVector) input.convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector z = x.mul(INV_SQRT2);
            // ErfFunctions.normalCdf's polynomial branch is −1 < z ≤ 1 (NaN compares false)
            VectorMask<Double> polynomial = z.compare(VectorOperators.GT, -1.0).and(z.compare(VectorOperators.LE, 1.0));
            DoubleVector a = z.abs();
            DoubleVector u = a.mul(2).mul(a).sub(1);
            double[] coefficients = ErfCoefficients.ERF_SMALL;
            DoubleVector erf = DoubleVector.broadcast(DOUBLES, coefficients[coefficients.length - 1]);
            for (int c = coefficients.length - 2; c >= 0; c--) {
                erf = erf.fma(u, DoubleVector.broadcast(DOUBLES, coefficients[c]));
            }
            DoubleVector phi = z.mul(erf).add(1).mul(0.5);
            FloatVector gelu = (FloatVector) x.mul(phi).convertShape(VectorOperators.D2F, FLOATS, 0);
            // Every lane is stored, tail lanes with a placeholder that their queue overwrites once computed (always
            // after this store): a masked store needs a mask object, which some compiles of this loop allocated.
            long tailLanes = ~polynomial.toLong() & ((1L << lanes) - 1);
            if (tailLanes != 0) {
                input.intoArray(pending.inputs, 0);
            }
            gelu.intoArray(values, i);
            if (tailLanes != 0) {
                defer(values, i, tailLanes, pending);
            }
        }
        flush(values, pending);
        for (; i < to; i++) {
            values[i] = scalar(values[i]);
        }
    }

    /**
     * Queues the lanes of values[i …] set in {@code tailLanes}, their inputs taken from {@link Pending#inputs}; runs
     * {@link #tail} whenever a vector of them is queued.
     */
    private static void defer(float[] values, int i, long tailLanes, Pending pending) {
        float[] elements = pending.elements;
        int[] positions = pending.positions;
        int count = pending.count;
        for (long lanes = tailLanes; lanes != 0; lanes &= lanes - 1) {
            int lane = Long.numberOfTrailingZeros(lanes);
            positions[count] = i + lane;
            elements[count] = pending.inputs[lane];
            if (++count == elements.length) {
                finishPending(values, pending, count);
                count = 0;
            }
        }
        pending.count = count;
    }

    /** Computes what is still queued (fewer than a vector). */
    private static void flush(float[] values, Pending pending) {
        if (pending.count > 0) {
            finishPending(values, pending, pending.count);
            pending.count = 0;
        }
    }

    /** The first {@code count} queued elements through {@link #tail} (its own method: vectors never cross a call), back in place. */
    private static void finishPending(float[] values, Pending pending, int count) {
        tail(pending.elements, 0, (1L << count) - 1);
        for (int k = 0; k < count; k++) {
            values[pending.positions[k]] = pending.elements[k];
        }
    }

    /**
     * The lanes of values[i …] set in {@code tailLanes} (x/√2 ≤ −1 or > 1, or NaN), holding their input:
     * ErfFunctions.erfcAtLeastOne lane by lane, each piece of its fit evaluated only if a lane needs it, then Φ.
     * The other lanes may hold anything (a partly filled {@link Pending}): they are computed and thrown away.
     * Everything is written out in this one method (the Horner loops included): the JIT boxed the vectors passed
     * to small helpers it did not inline, which made GELU four times slower.
     */
    private static void tail(float[] values, int i, long tailLanes) {
        DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS, values, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector z = x.mul(INV_SQRT2);
        DoubleVector a = z.abs();
        VectorMask<Double> tail = VectorMask.fromLong(DOUBLES, tailLanes);
        DoubleVector gaussian = DoubleExp.exp(a.neg().mul(a));
        VectorMask<Double> upToTwo = a.compare(VectorOperators.LE, 2.0).and(tail);
        VectorMask<Double> upToFour = a.compare(VectorOperators.LE, 4.0).and(tail);
        VectorMask<Double> twoToFour = upToFour.andNot(upToTwo);
        VectorMask<Double> beyondFour = tail.andNot(upToFour);
        DoubleVector erfc = DoubleVector.zero(DOUBLES);
        if (upToTwo.anyTrue()) {
            double[] k = ErfCoefficients.ERFCX_1_2;
            DoubleVector u = a.sub(1.5).mul(2);
            DoubleVector h = DoubleVector.broadcast(DOUBLES, k[k.length - 1]);
            for (int c = k.length - 2; c >= 0; c--) {
                h = h.fma(u, DoubleVector.broadcast(DOUBLES, k[c]));
            }
            erfc = erfc.blend(gaussian.mul(h), upToTwo);
        }
        if (twoToFour.anyTrue()) {
            double[] k = ErfCoefficients.ERFCX_2_4;
            DoubleVector u = a.sub(3);
            DoubleVector h = DoubleVector.broadcast(DOUBLES, k[k.length - 1]);
            for (int c = k.length - 2; c >= 0; c--) {
                h = h.fma(u, DoubleVector.broadcast(DOUBLES, k[c]));
            }
            erfc = erfc.blend(gaussian.mul(h), twoToFour);
        }
        if (beyondFour.anyTrue()) {
            double[] k = ErfCoefficients.ERFCX_TAIL;
            DoubleVector u = DoubleVector.broadcast(DOUBLES, 16).div(a.mul(a)).mul(2).sub(1);
            DoubleVector h = DoubleVector.broadcast(DOUBLES, k[k.length - 1]);
            for (int c = k.length - 2; c >= 0; c--) {
                h = h.fma(u, DoubleVector.broadcast(DOUBLES, k[c]));
            }
            erfc = erfc.blend(gaussian.div(a).mul(h), beyondFour);
        }
        erfc = erfc.blend(0, a.compare(VectorOperators.GT, ErfFunctions.ERFC_UNDERFLOW));
        // ½·erfc(−z) below −1, ½·(1 + (1 − erfc(z))) above 1, as ErfFunctions.normalCdf
        VectorMask<Double> lower = z.compare(VectorOperators.LE, -1.0);
        DoubleVector phi = erfc.neg().add(1).add(1).mul(0.5).blend(erfc.mul(0.5), lower);
        DoubleVector gelu = x.mul(phi);
        gelu = gelu.blend(-0.0, gelu.compare(VectorOperators.GT, -SMALLEST_NORMAL_FLOAT).and(lower)); // as scalar()
        gelu.convertShape(VectorOperators.D2F, FLOATS, 0).reinterpretAsFloats()
                .intoArray(values, i, VectorMask.fromLong(FLOATS, tailLanes));
        long nanLanes = z.compare(VectorOperators.NE, z).toLong() & tailLanes;
        while (nanLanes != 0) {
            int lane = Long.numberOfTrailingZeros(nanLanes);
            values[i + lane] = scalar(x.lane(lane));
            nanLanes &= nanLanes - 1;
        }
    }

    /**
     * x·Φ(x) in double, rounded once to float; in the lower tail (x/√2 ≤ −1), −0 where it is above −2⁻¹²⁶, the
     * smallest normal float. Between x ≈ −14.4 and −13.1 the exact value is a subnormal float, and every fused
     * multiply-add of the next layer's GEMM that reads one runs as a microcode assist: with one activation in a
     * thousand subnormal, a 384 × 1536 GEMM took a third longer (probe, 1 thread). What is dropped is under
     * 1.2e-38 per input, far below any sum it joins.
     */
    static float scalar(double x) {
        double gelu = x * ErfFunctions.normalCdf(x);
        if (x * INV_SQRT2 <= -1 && gelu > -SMALLEST_NORMAL_FLOAT) {
            return -0f;
        }
        return (float) gelu;
    }
}
