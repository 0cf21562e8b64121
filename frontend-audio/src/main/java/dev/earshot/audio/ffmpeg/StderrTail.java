package dev.earshot.audio.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's standard error on its own thread (a full pipe would stall the process) and keeps only the
 * last bytes, which is where ffmpeg says why it failed; an hours-long run cannot fill memory with log lines.
 */
final class StderrTail {

    private static final int KEEP_BYTES = 16 * 1024;

    private final byte[] ring = new byte[KEEP_BYTES];
    private long total;
    private final Thread drainer;

    StderrTail(InputStream stderr) {
        drainer = Thread.ofVirtual().name("ffmpeg-stderr").start(() -> drain(stderr));
    }

    private void drain(InputStream stderr) {
        byte[] buffer = new byte[4096];
        try (stderr) {
            int n;
            while ((n = stderr.read(buffer)) > 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The process was killed or closed its end; what was captured so far is all there is.
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (total++ % KEEP_BYTES)] = buffer[i];
        }
    }

    /** Waits for the process to close its standard error, then returns its last bytes as text. */
    String awaitText() throws InterruptedException {
        drainer.join();
        synchronized (this) {
            int kept = (int) Math.min(total, KEEP_BYTES);
            byte[] tail = new byte[kept];
            for (int i = 0; i < kept; i++) {
                tail[i] = ring[(int) ((total - kept + i) % KEEP_BYTES)];
            }
            String text = new String(tail, StandardCharsets.UTF_8);
            return total > KEEP_BYTES ? "[...]" + text : text;
        }
    }
}
