package dev.earshot.backend.cpu;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Adds {@link JitInlining}'s directive before the first test runs, as opening a backend does before the first kernel
 * runs: tests that call the kernels directly (lane sums, softmax, exp) would otherwise get them compiled without it
 * when they happen to run first, and the allocation tests would again depend on the order of the test classes.
 */
public final class JitDirectiveSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        JitInlining.ensureDirective();
    }
}
