package dev.earshot.backend.tck;

/**
 * How far a float32 backend may be from the double {@link ScalarReference}, op by op, and why.
 *
 * <p>Float32 rounds each operation to a relative error of at most u = 2⁻²⁴ ≈ 6.0e-8. A dot product of length K
 * summed in float32 in any order (sequential, lane-parallel, tree) has an error that is a sum of K rounding
 * errors, each at most u times a partial sum, and partial sums are bounded by the magnitude M = Σ|terms|. The
 * worst case is K·u·M; with rounding errors of random sign the error grows like u·√K·M, which is what
 * backends show in practice. We allow {@value #DOT_PRODUCT} · √K · M: about 17 times the random-walk estimate,
 * so no correct backend fails by bad luck on any of the hundreds of thousands of elements checked, yet it stays
 * far below what real bugs cost: a missing bias is off by |b| (up to 0.5 here, against ~1e-4 allowed for
 * K = 384), a wrong row or a masked-in key by O(0.01–1). The CPU backend's largest error is under a fifth of
 * any tolerance here; {@code ConformanceSuiteCatchesBugsTest} in backend-cpu plants such bugs and sees them fail.
 */
public final class OpTolerances {

    /** Float32 unit roundoff. */
    public static final double UNIT_ROUNDOFF = 0x1p-24;
    /** Relative error per √K of a length-K float32 dot product, against its magnitude Σ|terms| (see class doc). */
    public static final double DOT_PRODUCT = 1e-6;
    /**
     * GELU: Φ(x) = ½(1 + erf(x/√2)) computed in float32 is off by half of erf's error, and OpenCL allows its erf
     * 16 ulp, 16·6e-8 ≈ 9.5e-7 near ±1; GELU multiplies that by x, so the absolute error grows with |x|, and the
     * product rounds once more. 5e-7·|x| + 1e-6·|GELU(x)| admits any erf within that bound and still catches the
     * tanh approximation (off by up to 4.7e-4 near x = 2.7, where 4e-6 is allowed) and a GELU that flushes tiny
     * inputs to zero (the relative term).
     */
    public static final double GELU_PER_UNIT_X = 5e-7;
    public static final double GELU_RELATIVE = 1e-6;
    /** Rounding of a final sum or product of already-accurate terms: a few ulps (4u). */
    public static final double FINAL_ROUNDING = 4 * UNIT_ROUNDOFF;

    private OpTolerances() {
    }

    /** Allowed error of a length-K float32 dot product with magnitude Σ|terms|. */
    public static double dotProduct(int length, double magnitude) {
        return DOT_PRODUCT * Math.sqrt(length) * magnitude;
    }

    /** Allowed errors of a linear or conv output: each element is one dot product of length K plus the bias. */
    public static double[] dotProducts(int length, double[] magnitudes) {
        double[] allowed = new double[magnitudes.length];
        for (int i = 0; i < magnitudes.length; i++) {
            allowed[i] = dotProduct(length, magnitudes[i]);
        }
        return allowed;
    }

    public static double gelu(float x, double expected) {
        return GELU_PER_UNIT_X * Math.abs(x) + GELU_RELATIVE * Math.abs(expected);
    }

    /**
     * Layer norm: the mean and variance are sums of d terms (dot-product rule). An absolute error in the mean is
     * magnified by 1/σ in every output, and it is proportional to Σ|x|/d, so rows with a large common offset
     * (|mean| ≫ σ) are allowed proportionally more: {@code spread} = Σ|x|/(d·σ). Then γ and β are applied with
     * a final rounding.
     */
    public static double layerNorm(int d, double normalized, double spread, float gamma, float beta) {
        double normalizationError = DOT_PRODUCT * Math.sqrt(d) * (Math.abs(normalized) + spread);
        return normalizationError * Math.abs(gamma) + FINAL_ROUNDING * (Math.abs(normalized * gamma) + Math.abs(beta));
    }

    /**
     * Log-softmax: log Σ exp over N entries is off by the sum's relative error (dot-product rule with all terms
     * positive: 1e-6·√N, 2.3e-4 for the 51865-entry vocabulary) plus a few ulps of each exp; x − lse rounds
     * once more.
     */
    public static double logSoftmax(int columns, float x, double logSumExp) {
        return DOT_PRODUCT * Math.sqrt(columns) + FINAL_ROUNDING * (1 + Math.abs(x) + Math.abs(logSumExp));
    }

    /**
     * Attention output: each score is a length-headDim dot product (error δ, dot-product rule, largest over the
     * row); a score error δ changes the softmax weights by a relative 2δ (once directly, once through the sum),
     * exp and the normalising sum add ~1e-6·√T_k, and the weighted sum of values is a dot product of length
     * T_k with magnitude Σ p·|v|.
     */
    public static double attentionOutput(int headDim, double largestScoreMagnitude, int keys, double weightedMagnitude) {
        double scoreError = dotProduct(headDim, largestScoreMagnitude);
        return (2 * scoreError + 2 * DOT_PRODUCT * Math.sqrt(keys) + FINAL_ROUNDING) * weightedMagnitude
               ;
    }
}
