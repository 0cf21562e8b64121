package dev.earshot.tasks.writers;

/** openai's {@code format_timestamp}, with Python's round-half-to-even. */
public final class Timestamps {

    private Timestamps() {
    }

    /** Python's {@code round(x)} for a float: nearest integer, ties to even. */
    static long roundHalfEven(double x) {
        return (long) Math.rint(x);
    }

    /**
     * {@code [hh:]mm:ss<marker>mmm}; hours appear when asked for or when non-zero.
     *
     * @throws IllegalArgumentException for a negative time, as openai asserts
     */
    public static String format(double seconds, boolean alwaysIncludeHours, char decimalMarker) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("non-negative timestamp expected, not " + seconds);
        }
        long millis = roundHalfEven(seconds * 1000.0);
        long hours = millis / 3_600_000;
        millis -= hours * 3_600_000;
        long minutes = millis / 60_000;
        millis -= minutes * 60_000;
        long secs = millis / 1000;
        millis -= secs * 1000;
        String hoursPart = alwaysIncludeHours || hours > 0 ? String.format("%02d:", hours) : "";
        return hoursPart + String.format("%02d:%02d%c%03d", minutes, secs, decimalMarker, millis);
    }
}
