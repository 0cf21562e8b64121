package dev.earshot.evaluation.runner;

import dev.earshot.evaluation.dataset.Utterance;
import dev.earshot.evaluation.normalize.TextNormalizer;
import dev.earshot.evaluation.wer.Alignment;
import dev.earshot.evaluation.wer.CorpusErrorRate;
import dev.earshot.evaluation.wer.ErrorRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transcribes, normalizes and scores a dataset, recording each utterance as it finishes so that an interrupted
 * run can be resumed: utterances already in the results log are taken from it, not transcribed again.
 */
public final class EvaluationRunner {

    private final Transcription transcription;
    private final TextNormalizer normalizer;
    private final ProgressListener progress;

    public EvaluationRunner(Transcription transcription, TextNormalizer normalizer, ProgressListener progress) {
        this.transcription = transcription;
        this.normalizer = normalizer;
        this.progress = progress;
    }

    /** Results for every utterance, in dataset order. */
    public List<UtteranceResult> run(List<Utterance> dataset, ResultsLog log) throws Exception {
        Map<String, UtteranceResult> finished = log.load();
        log.prepareForAppend();
        List<UtteranceResult> results = new ArrayList<>(dataset.size());
        CorpusErrorRate corpus = new CorpusErrorRate();
        for (Utterance utterance : dataset) {
            UtteranceResult result = finished.get(utterance.id());
            if (result == null) {
                result = score(utterance, transcription.transcribe(utterance));
                log.append(result);
            }
            results.add(result);
            corpus.add(result.counts());
            progress.progress(results.size(), dataset.size(), corpus.rate());
        }
        return results;
    }

    private UtteranceResult score(Utterance utterance, String hypothesis) {
        String reference = normalizer.normalize(utterance.text());
        String recognised = normalizer.normalize(hypothesis);
        Alignment alignment = ErrorRate.words(reference, recognised);
        return new UtteranceResult(utterance.id(), utterance.audio().toString(), utterance.text(), hypothesis,
                reference, recognised, alignment.counts());
    }
}
