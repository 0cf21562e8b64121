package dev.earshot.backend.cpu;

import dev.earshot.backend.tck.ScalarReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The erf fits against values computed with mpmath at 40 digits, and against the kit's independent series. */
class ErfFunctionsTest {

    @ParameterizedTest(name = "erf({0})")
    @CsvSource({"0.5, 0.52049987781304653768", "1, 0.84270079294971486934", "2, 0.99532226501895273416",
            "3, 0.99997790950300141456", "0.1, 0.1124629160182848922", "-0.7, -0.67780119383741847298",
            "4.5, 0.99999999980338395585", "0, 0"})
    void erfMatchesMpmath(double x, double expected) {
        assertEquals(expected, ErfFunctions.erf(x), 3e-15, "fit_erf.py measured at most 2.0e-15");
    }

    /** Relative accuracy in the tail, where GELU of a negative input lives. */
    @ParameterizedTest(name = "erfc({0})")
    @CsvSource({"1.5, 0.033894853524689272933", "3, 0.000022090496998585441373", "5, 1.5374597944280348502e-12",
            "10, 2.088487583762544757e-45", "26, 5.6631924088561428465e-296"})
    void erfcMatchesMpmath(double x, double expected) {
        assertEquals(expected, ErfFunctions.erfc(x), 1e-13 * expected);
    }

    @ParameterizedTest(name = "Φ({0})")
    @CsvSource({"-10, 7.619853024160526066e-24", "-3, 0.0013498980316300945267", "0.3, 0.61791142218895263731",
            "2, 0.9772498680518207928"})
    void normalCdfMatchesMpmath(double x, double expected) {
        assertEquals(expected, ErfFunctions.normalCdf(x), 1e-13 * expected);
    }

    /** A dense sweep against the kit's series/continued-fraction erfc, an unrelated way to compute the same thing. */
    @Test
    void erfcAgreesWithTheKitsReferenceEverywhere() {
        double worst = 0;
        for (double x = -6; x <= 26; x += 1.0 / 1024) {
            double ours = ErfFunctions.erfc(x);
            double reference = ScalarReference.erfc(x);
            worst = Math.max(worst, Math.abs(ours - reference) / reference);
        }
        assertTrue(worst < 1e-13, "largest relative difference " + worst);
    }

    @Test
    void limitsAndNaN() {
        assertEquals(1, ErfFunctions.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1, ErfFunctions.erf(-40));
        assertEquals(0, ErfFunctions.normalCdf(-1e30));
        assertEquals(1, ErfFunctions.normalCdf(1e30));
        assertTrue(Double.isNaN(ErfFunctions.erf(Double.NaN)));
    }
}
