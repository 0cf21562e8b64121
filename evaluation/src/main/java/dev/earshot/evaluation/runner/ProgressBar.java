package dev.earshot.evaluation.runner;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar, redrawn in place with a carriage return; ends its line when the run is done. */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(int done, int total, double corpusWer) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + String.format(Locale.ROOT, "  WER %.2f%%", 100 * corpusWer));
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
