package dev.earshot.model.hub;

import java.io.IOException;

/** The hub answered, but not with the file: an HTTP error, a missing repository or file, or a checksum mismatch. */
public class HubDownloadException extends IOException {

    private final int status;

    public HubDownloadException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the problem was not an HTTP error. */
    public int status() {
        return status;
    }
}
