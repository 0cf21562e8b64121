package dev.earshot.evaluation.normalize;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The English number vocabulary whisper's number normalizer knows, derived the way whisper derives it — including
 * its quirks, such as "nineth" (not "ninth") being the ordinal it recognises.
 */
final class NumberWords {

    /** A number word with a suffix: "sixes" is 6 with "s", "third" is 3 with "rd". */
    record Suffixed(BigInteger value, String suffix) {
    }

    private static final List<String> ONE_TO_NINETEEN = List.of("one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen");
    private static final List<String> TENS_NAMES = List.of("twenty", "thirty", "forty", "fifty", "sixty",
            "seventy", "eighty", "ninety");
    private static final List<String> MULTIPLIER_NAMES = List.of("hundred", "thousand", "million", "billion",
            "trillion", "quadrillion", "quintillion", "sextillion", "septillion", "octillion", "nonillion",
            "decillion");

    static final Set<String> ZEROS = Set.of("o", "oh", "zero");
    static final Map<String, Integer> ONES = new HashMap<>();
    static final Map<String, Suffixed> ONES_SUFFIXED = new HashMap<>();
    static final Map<String, Integer> TENS = new HashMap<>();
    static final Map<String, Suffixed> TENS_SUFFIXED = new HashMap<>();
    static final Map<String, BigInteger> MULTIPLIERS = new HashMap<>();
    static final Map<String, Suffixed> MULTIPLIERS_SUFFIXED = new HashMap<>();
    /** Words that turn a following number negative or positive. */
    static final Map<String, String> PRECEDING_PREFIXERS = Map.of("minus", "-", "negative", "-", "plus", "+",
            "positive", "+");
    /** Currency words that become a sign in front of the number before them. */
    static final Map<String, String> FOLLOWING_PREFIXERS = Map.of("pound", "£", "pounds", "£", "euro", "€",
            "euros", "€", "dollar", "$", "dollars", "$", "cent", "¢", "cents", "¢");
    /** "percent", and "per" when "cent" follows. */
    static final Set<String> SUFFIXERS = Set.of("per", "percent");
    static final Set<String> SPECIALS = Set.of("and", "double", "triple", "point");
    /** The signs a numeral may start with. */
    static final Set<Integer> PREFIX_SYMBOLS = Set.of((int) '-', (int) '+', (int) '£', (int) '€', (int) '$',
            (int) '¢');
    /** Words that may follow "point": zeros, ones and tens. */
    static final Set<String> DECIMALS = new HashSet<>();
    /** Every word the normalizer treats as part of a number. */
    static final Set<String> ALL = new HashSet<>();

    static {
        for (int i = 0; i < ONE_TO_NINETEEN.size(); i++) {
            String name = ONE_TO_NINETEEN.get(i);
            int value = i + 1;
            ONES.put(name, value);
            ONES_SUFFIXED.put(name.equals("six") ? "sixes" : name + "s", new Suffixed(BigInteger.valueOf(value), "s"));
        }
        Map<String, Suffixed> ordinals = new LinkedHashMap<>();
        ordinals.put("zeroth", new Suffixed(BigInteger.ZERO, "th"));
        ordinals.put("first", new Suffixed(BigInteger.ONE, "st"));
        ordinals.put("second", new Suffixed(BigInteger.TWO, "nd"));
        ordinals.put("third", new Suffixed(BigInteger.valueOf(3), "rd"));
        ordinals.put("fifth", new Suffixed(BigInteger.valueOf(5), "th"));
        ordinals.put("twelfth", new Suffixed(BigInteger.valueOf(12), "th"));
        ONES.forEach((name, value) -> {
            if (value > 3 && value != 5 && value != 12) {
                // whisper's rule: "eight" → "eighth", otherwise add "th" ("nine" → "nineth")
                ordinals.put(name + (name.endsWith("t") ? "h" : "th"), new Suffixed(BigInteger.valueOf(value), "th"));
            }
        });
        ONES_SUFFIXED.putAll(ordinals);

        for (int i = 0; i < TENS_NAMES.size(); i++) {
            String name = TENS_NAMES.get(i);
            int value = 20 + 10 * i;
            TENS.put(name, value);
            TENS_SUFFIXED.put(name.replace("y", "ies"), new Suffixed(BigInteger.valueOf(value), "s"));
            TENS_SUFFIXED.put(name.replace("y", "ieth"), new Suffixed(BigInteger.valueOf(value), "th"));
        }

        MULTIPLIERS.put("hundred", BigInteger.valueOf(100));
        for (int i = 1; i < MULTIPLIER_NAMES.size(); i++) {
            MULTIPLIERS.put(MULTIPLIER_NAMES.get(i), BigInteger.TEN.pow(3 * i));
        }
        MULTIPLIERS.forEach((name, value) -> {
            MULTIPLIERS_SUFFIXED.put(name + "s", new Suffixed(value, "s"));
            MULTIPLIERS_SUFFIXED.put(name + "th", new Suffixed(value, "th"));
        });

        DECIMALS.addAll(ONES.keySet());
        DECIMALS.addAll(TENS.keySet());
        DECIMALS.addAll(ZEROS);

        ALL.addAll(ZEROS);
        ALL.addAll(ONES.keySet());
        ALL.addAll(ONES_SUFFIXED.keySet());
        ALL.addAll(TENS.keySet());
        ALL.addAll(TENS_SUFFIXED.keySet());
        ALL.addAll(MULTIPLIERS.keySet());
        ALL.addAll(MULTIPLIERS_SUFFIXED.keySet());
        ALL.addAll(PRECEDING_PREFIXERS.keySet());
        ALL.addAll(FOLLOWING_PREFIXERS.keySet());
        ALL.addAll(SUFFIXERS);
        ALL.addAll(SPECIALS);
    }

    private NumberWords() {
    }

    /** Membership that, like Python's {@code in}, is simply false for the missing word before or after the text. */
    static boolean contains(Set<String> words, String word) {
        return word != null && words.contains(word);
    }

    static boolean contains(Map<String, ?> words, String word) {
        return word != null && words.containsKey(word);
    }
}
