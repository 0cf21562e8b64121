package dev.earshot.evaluation.normalize;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.earshot.evaluation.normalize.NumberWords.contains;

/**
 * whisper's word-level state machine that turns spelled-out numbers into digits ("twenty one" → "21", "two
 * point five" → "2.5", "five dollars" → "$5"). It reads one word at a time, with the words before and after it,
 * and keeps a number being built plus a pending sign or currency symbol.
 *
 * <p>A number being built is either a whole number, which later words may still add to ("one hundred" then
 * "twenty"), or digit text that later words only append to ("nineteen" "ninety" → "1990"). The two behave
 * differently, exactly as whisper's int and str values do, so they are kept apart here.
 */
final class SpokenNumberReader {

    private static final Pattern NUMERAL = Pattern.compile("\\p{Nd}+(?:\\.\\p{Nd}+)?");
    private static final BigInteger TEN = BigInteger.TEN;
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    /** The number being built. */
    private sealed interface Pending permits Whole, Digits {
    }

    private record Whole(BigInteger value) implements Pending {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    private record Digits(String text) implements Pending {
        @Override
        public String toString() {
            return text;
        }
    }

    private final List<String> output = new ArrayList<>();
    private String prefix;
    private Pending value;

    private SpokenNumberReader() {
    }

    /** The words with every number in them rewritten; other words pass through unchanged. */
    static List<String> read(List<String> words) {
        SpokenNumberReader reader = new SpokenNumberReader();
        boolean skipNext = false;
        for (int i = 0; i < words.size(); i++) {
            if (skipNext) {
                skipNext = false;
                continue;
            }
            String previous = i > 0 ? words.get(i - 1) : null;
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            skipNext = reader.accept(previous, words.get(i), next);
        }
        if (reader.value != null) {
            reader.emitPending();
        }
        return reader.output;
    }

    /** Handles one word; returns whether it also consumed the next one. */
    private boolean accept(String previous, String current, String next) {
        boolean nextIsNumeral = next != null && NUMERAL.matcher(next).matches();
        boolean hasPrefix = NumberWords.PREFIX_SYMBOLS.contains(current.codePointAt(0));
        String unsigned = hasPrefix ? current.substring(1) : current;
        if (NUMERAL.matcher(unsigned).matches()) {
            acceptNumeral(current, unsigned, hasPrefix);
        } else if (!NumberWords.ALL.contains(current)) {
            if (value != null) {
                emitPending();
            }
            emit(current);
        } else if (NumberWords.ZEROS.contains(current)) {
            value = new Digits(textOrEmpty() + "0");
        } else if (NumberWords.ONES.containsKey(current)) {
            acceptOnes(previous, NumberWords.ONES.get(current));
        } else if (NumberWords.ONES_SUFFIXED.containsKey(current)) {
            acceptSuffixedOnes(previous, NumberWords.ONES_SUFFIXED.get(current));
        } else if (NumberWords.TENS.containsKey(current)) {
            acceptTens(NumberWords.TENS.get(current));
        } else if (NumberWords.TENS_SUFFIXED.containsKey(current)) {
            acceptSuffixedTens(NumberWords.TENS_SUFFIXED.get(current));
        } else if (NumberWords.MULTIPLIERS.containsKey(current)) {
            acceptMultiplier(NumberWords.MULTIPLIERS.get(current));
        } else if (NumberWords.MULTIPLIERS_SUFFIXED.containsKey(current)) {
            acceptSuffixedMultiplier(NumberWords.MULTIPLIERS_SUFFIXED.get(current));
        } else if (NumberWords.PRECEDING_PREFIXERS.containsKey(current)) {
            acceptPrecedingPrefixer(current, next, nextIsNumeral);
        } else if (NumberWords.FOLLOWING_PREFIXERS.containsKey(current)) {
            acceptCurrency(current);
        } else if (NumberWords.SUFFIXERS.contains(current)) {
            return acceptPercent(current, next);
        } else {
            return acceptSpecial(previous, current, next, nextIsNumeral);
        }
        return false;
    }

    private void acceptNumeral(String current, String unsigned, boolean hasPrefix) {
        DecimalFraction number = DecimalFraction.parse(unsigned).orElseThrow();
        if (value != null) {
            if (value instanceof Digits digits && digits.text().endsWith(".")) {
                // the digits after "point", or the next part of an address such as 192.168
                value = new Digits(digits.text() + current);
                return;
            }
            emitPending();
        }
        if (hasPrefix) {
            prefix = current.substring(0, 1);
        }
        value = number.isWhole() ? new Whole(number.wholeValue()) : new Digits(unsigned);
    }

    private void acceptOnes(String previous, int ones) {
        if (value == null) {
            value = new Whole(BigInteger.valueOf(ones));
        } else if (value instanceof Digits || contains(NumberWords.ONES, previous)) {
            value = new Digits(appendOnes(previous, ones));
        } else {
            BigInteger whole = ((Whole) value).value();
            value = fitsInto(whole, ones) ? new Whole(whole.add(BigInteger.valueOf(ones)))
                    : new Digits(whole + Integer.toString(ones));
        }
    }

    private void acceptSuffixedOnes(String previous, NumberWords.Suffixed word) {
        int ones = word.value().intValueExact();
        if (value == null) {
            emit(ones + word.suffix());
        } else if (value instanceof Digits || contains(NumberWords.ONES, previous)) {
            emit(appendOnes(previous, ones) + word.suffix());
        } else {
            BigInteger whole = ((Whole) value).value();
            emit((fitsInto(whole, ones) ? whole.add(word.value()).toString() : whole + Integer.toString(ones))
                    + word.suffix());
        }
        value = null;
    }

    /** After a tens word the digit replaces its zero ("twenty" "one" → "21"); otherwise it is appended. */
    private String appendOnes(String previous, int ones) {
        String text = value.toString();
        if (contains(NumberWords.TENS, previous) && ones < 10) {
            if (!text.endsWith("0")) {
                throw new IllegalStateException("a tens word left '" + text + "', which does not end in 0");
            }
            return text.substring(0, text.length() - 1) + ones;
        }
        return text + ones;
    }

    /** Whether adding keeps the number's shape: a digit into a round ten, eleven…nineteen into a round hundred. */
    private static boolean fitsInto(BigInteger whole, int ones) {
        BigInteger unit = ones < 10 ? TEN : HUNDRED;
        return whole.mod(unit).signum() == 0;
    }

    private void acceptTens(int tens) {
        if (value == null) {
            value = new Whole(BigInteger.valueOf(tens));
        } else if (value instanceof Digits digits) {
            value = new Digits(digits.text() + tens);
        } else {
            BigInteger whole = ((Whole) value).value();
            value = whole.mod(HUNDRED).signum() == 0 ? new Whole(whole.add(BigInteger.valueOf(tens)))
                    : new Digits(whole.toString() + tens);
        }
    }

    private void acceptSuffixedTens(NumberWords.Suffixed word) {
        if (value == null) {
            emit(word.value() + word.suffix());
        } else if (value instanceof Digits digits) {
            emit(digits.text() + word.value() + word.suffix());
        } else {
            BigInteger whole = ((Whole) value).value();
            emit((whole.mod(HUNDRED).signum() == 0 ? whole.add(word.value()).toString() : whole.toString()
                    + word.value()) + word.suffix());
        }
    }

    private void acceptMultiplier(BigInteger multiplier) {
        if (value == null) {
            value = new Whole(multiplier);
        } else if (value instanceof Digits || isZero(value)) {
            Optional<DecimalFraction> product = asFraction(value).map(f -> f.times(multiplier));
            if (product.isPresent() && product.get().isWhole()) {
                value = new Whole(product.get().wholeValue());
            } else {
                emitPending();
                value = new Whole(multiplier);
            }
        } else {
            value = new Whole(scaleLastGroup(((Whole) value).value(), multiplier));
        }
    }

    private void acceptSuffixedMultiplier(NumberWords.Suffixed word) {
        if (value == null) {
            emit(word.value() + word.suffix());
        } else if (value instanceof Digits) {
            Optional<DecimalFraction> product = asFraction(value).map(f -> f.times(word.value()));
            if (product.isPresent() && product.get().isWhole()) {
                emit(product.get().wholeValue() + word.suffix());
            } else {
                emitPending();
                emit(word.value() + word.suffix());
            }
        } else {
            emit(scaleLastGroup(((Whole) value).value(), word.value()) + word.suffix());
        }
        value = null;
    }

    /** "two thousand five hundred": only the part below a thousand is multiplied. */
    private static BigInteger scaleLastGroup(BigInteger whole, BigInteger multiplier) {
        BigInteger[] split = whole.divideAndRemainder(THOUSAND);
        return split[0].multiply(THOUSAND).add(split[1].multiply(multiplier));
    }

    private void acceptPrecedingPrefixer(String current, String next, boolean nextIsNumeral) {
        if (value != null) {
            emitPending();
        }
        if (contains(NumberWords.ALL, next) || nextIsNumeral) {
            prefix = NumberWords.PRECEDING_PREFIXERS.get(current);
        } else {
            emit(current);
        }
    }

    private void acceptCurrency(String current) {
        if (value != null) {
            prefix = NumberWords.FOLLOWING_PREFIXERS.get(current);
            emitPending();
        } else {
            emit(current);
        }
    }

    private boolean acceptPercent(String current, String next) {
        if (value == null) {
            emit(current);
            return false;
        }
        if (current.equals("percent")) {
            emit(value + "%");
            return false;
        }
        if ("cent".equals(next)) {
            emit(value + "%");
            return true;
        }
        emitPending();
        emit(current);
        return false;
    }

    private boolean acceptSpecial(String previous, String current, String next, boolean nextIsNumeral) {
        if (!contains(NumberWords.ALL, next) && !nextIsNumeral) {
            // nothing numeric can follow, so the word is just a word
            if (value != null) {
                emitPending();
            }
            emit(current);
            return false;
        }
        switch (current) {
            case "and" -> {
                // "one hundred and five": "and" after a multiplier is part of the number
                if (!contains(NumberWords.MULTIPLIERS, previous)) {
                    if (value != null) {
                        emitPending();
                    }
                    emit(current);
                }
            }
            case "double", "triple" -> {
                if (contains(NumberWords.ONES, next) || contains(NumberWords.ZEROS, next)) {
                    String digit = Integer.toString(NumberWords.ONES.getOrDefault(next, 0));
                    value = new Digits(textOrEmpty() + digit.repeat(current.equals("double") ? 2 : 3));
                    return true;
                }
                if (value != null) {
                    emitPending();
                }
                emit(current);
            }
            case "point" -> {
                if (contains(NumberWords.DECIMALS, next) || nextIsNumeral) {
                    value = new Digits(textOrEmpty() + ".");
                }
            }
            default -> throw new IllegalStateException("unexpected number word '" + current + "'");
        }
        return false;
    }

    /** Python's {@code str(value or "")}: a zero counts as nothing, like no number at all. */
    private String textOrEmpty() {
        if (value == null || isZero(value)) {
            return "";
        }
        return value.toString();
    }

    private static boolean isZero(Pending pending) {
        return pending instanceof Whole whole && whole.value().signum() == 0;
    }

    private static Optional<DecimalFraction> asFraction(Pending pending) {
        return switch (pending) {
            case Whole whole -> Optional.of(DecimalFraction.of(whole.value()));
            case Digits digits -> DecimalFraction.parse(digits.text());
        };
    }

    private void emitPending() {
        emit(value.toString());
    }

    /** Writes a word, with the pending sign or currency in front; the number being built is finished. */
    private void emit(String word) {
        output.add(prefix == null ? word : prefix + word);
        prefix = null;
        value = null;
    }
}
