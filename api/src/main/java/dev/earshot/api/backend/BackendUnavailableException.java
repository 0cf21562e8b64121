package dev.earshot.api.backend;

/** A backend that cannot run here (library or driver missing, no such device, out of device memory). */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
