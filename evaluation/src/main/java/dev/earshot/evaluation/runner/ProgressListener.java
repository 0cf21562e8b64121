package dev.earshot.evaluation.runner;

/** Told after each utterance is scored, including those a resumed run found already done. */
@FunctionalInterface
public interface ProgressListener {

    void progress(int done, int total, double corpusWer);

    static ProgressListener silent() {
        return (done, total, wer) -> { };
    }
}
