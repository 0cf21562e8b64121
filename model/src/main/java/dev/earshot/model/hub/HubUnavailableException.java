package dev.earshot.model.hub;

import java.io.IOException;

/** The hub cannot be reached (offline mode, no network) and the cache does not have what is needed. */
public class HubUnavailableException extends IOException {

    public HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
