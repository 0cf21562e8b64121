package dev.earshot.model.decoding;

import java.util.Arrays;

/** Python list slicing that openai's prompt handling relies on, quirks included. */
public final class TokenSequences {

    private TokenSequences() {
    }

    /**
     * Python's {@code items[-n:]}: the last n items; all of them when n is 0 (so {@code [-0:]} keeps
     * everything, which openai's prefix truncation depends on); all but the first −n when n is negative.
     */
    public static int[] lastTokens(int[] items, int n) {
        if (n == 0 || n >= items.length) {
            return items.clone();
        }
        int from = n > 0 ? items.length - n : Math.min(-n, items.length);
        return Arrays.copyOfRange(items, from, items.length);
    }
}
