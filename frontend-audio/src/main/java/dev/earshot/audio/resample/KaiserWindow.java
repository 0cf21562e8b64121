package dev.earshot.audio.resample;

/** The Kaiser window I0(β·√(1−u²)) / I0(β) on u ∈ [−1, 1], zero outside. */
final class KaiserWindow {

    private final double beta;
    private final double scale;

    KaiserWindow(double beta) {
        this.beta = beta;
        this.scale = 1 / besselI0(beta);
    }

    double at(double u) {
        double inside = 1 - u * u;
        return inside <= 0 ? 0 : besselI0(beta * Math.sqrt(inside)) * scale;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (all terms positive, so stable). */
    static double besselI0(double x) {
        double quarterSquare = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; term > sum * 1e-17; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
