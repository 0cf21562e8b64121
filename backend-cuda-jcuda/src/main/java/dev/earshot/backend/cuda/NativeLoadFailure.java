package dev.earshot.backend.cuda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JCuda's native-library failures (an UnsatisfiedLinkError whose message holds two nested stack traces) into
 * the one fact a user needs: which system library is missing, and what installs it.
 */
final class NativeLoadFailure {

    private static final Pattern MISSING_LIBRARY = Pattern.compile("(lib[\\w.+-]+\\.so[.\\d]*): cannot open shared object file");

    private NativeLoadFailure() {
    }

    /** Why JCuda could not load, e.g. {@code no CUDA driver (libcuda.so.1 not found); install the NVIDIA driver}. */
    static String reason(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        Matcher missing = MISSING_LIBRARY.matcher(message);
        if (missing.find()) {
            String library = missing.group(1);
            if (library.startsWith("libcuda.")) {
                return "no CUDA driver (" + library + " not found); install the NVIDIA driver (r580 or newer for this"
                        + " build's PTX)";
            }
            if (library.startsWith("libcublas")) {
                return "no cuBLAS (" + library + " not found); install the CUDA 12 toolkit's libraries"
                        + " (e.g. libcublas12), which JCuda 12 links against";
            }
            return library + " not found; install the CUDA driver and the CUDA 12 libraries";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return failure.getClass().getSimpleName() + ": " + firstLine;
    }
}
