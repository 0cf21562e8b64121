package dev.earshot.api.backend;

/**
 * Whether a backend can run on this machine. {@code score} ranks the available ones for
 * {@code --backend auto} (higher is better; 0 means it cannot run here); {@code detail} says why not,
 * naming what to install, or describes what was found.
 */
public record Availability(int score, String detail) {

    public Availability {
        if (score < 0) {
            throw new IllegalArgumentException("score must be >= 0");
        }
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("say why: detail must not be empty");
        }
    }

    public static Availability available(int score, String detail) {
        if (score == 0) {
            throw new IllegalArgumentException("an available backend needs a score above 0");
        }
        return new Availability(score, detail);
    }

    public static Availability unavailable(String why) {
        return new Availability(0, why);
    }

    public boolean isAvailable() {
        return score > 0;
    }
}
