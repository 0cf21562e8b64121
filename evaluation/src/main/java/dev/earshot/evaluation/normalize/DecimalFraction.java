package dev.earshot.evaluation.normalize;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact decimal such as "1.50" or ".5", read the way Python's {@code Fraction(str)} reads it: digits of any
 * script, an optional sign, an optional fraction part (which may be empty: "5." is 5), no exponent needed here.
 */
record DecimalFraction(BigInteger numerator, BigInteger denominator) {

    private static final Pattern DECIMAL = Pattern.compile(
            "([+-]?)(?=\\p{Nd}|\\.\\p{Nd})(\\p{Nd}*)(?:\\.(\\p{Nd}*))?");

    static DecimalFraction of(BigInteger whole) {
        return new DecimalFraction(whole, BigInteger.ONE);
    }

    /** The value, or empty when Python's {@code Fraction} would raise {@code ValueError}. */
    static Optional<DecimalFraction> parse(String text) {
        Matcher m = DECIMAL.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String integerDigits = m.group(2);
        String fractionDigits = m.group(3) == null ? "" : m.group(3);
        BigInteger numerator = digits(integerDigits + fractionDigits);
        BigInteger denominator = BigInteger.TEN.pow(fractionDigits.codePointCount(0, fractionDigits.length()));
        if (m.group(1).equals("-")) {
            numerator = numerator.negate();
        }
        return Optional.of(new DecimalFraction(numerator, denominator));
    }

    private static BigInteger digits(String text) {
        BigInteger value = BigInteger.ZERO;
        for (int digit : text.codePoints().map(c -> Character.digit(c, 10)).toArray()) {
            value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(digit));
        }
        return value;
    }

    boolean isWhole() {
        return numerator.mod(denominator).signum() == 0;
    }

    /** The whole-number value; only meaningful when {@link #isWhole()}. */
    BigInteger wholeValue() {
        return numerator.divide(denominator);
    }

    DecimalFraction times(BigInteger factor) {
        return new DecimalFraction(numerator.multiply(factor), denominator);
    }
}
