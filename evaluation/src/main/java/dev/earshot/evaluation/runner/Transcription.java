package dev.earshot.evaluation.runner;

import dev.earshot.evaluation.dataset.Utterance;

/** Whatever turns an utterance's audio into text: a model on a backend, or a stand-in in tests. */
@FunctionalInterface
public interface Transcription {

    String transcribe(Utterance utterance) throws Exception;
}
