package dev.earshot.evaluation.dataset;

/** A dataset file that cannot be read as its format says; the message names the file and line. */
public final class DatasetFormatException extends IllegalArgumentException {

    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
