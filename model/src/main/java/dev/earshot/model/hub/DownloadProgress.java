package dev.earshot.model.hub;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar ({@code \r}-redrawn) for a download, throttled so a fast copy does not flood the terminal. */
final class DownloadProgress {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private long done;
    private long lastDrawn = Long.MIN_VALUE;

    DownloadProgress(PrintStream out, String label, long alreadyDone, long total) {
        this.out = out;
        this.label = label;
        this.done = alreadyDone;
        this.total = total;
    }

    void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_NANOS) {
            draw();
            lastDrawn = now;
        }
    }

    void finish() {
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        String bar;
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%% %s/%s", Math.min(100, done * 100 / total), mebibytes(done), mebibytes(total));
        } else {
            bar = mebibytes(done);
        }
        out.print("\r" + label + " " + bar);
        out.flush();
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
