package dev.earshot.model.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * openai's {@code BeamSearchDecoder} for one audio: each beam proposes its {@code beamSize + 1} likeliest
 * next tokens; candidates are keyed by the whole sequence (so identical beams collapse), ranked by
 * cumulative float32 log-probability (stable on ties); those ending in EOT are set aside as finished, the
 * best {@code beamSize} others continue. Done when {@code round(beamSize · patience)} have finished.
 */
final class BeamSearchDecoder implements TokenDecoder {

    private final int beamSize;
    private final int eot;
    private final int maxCandidates;
    private final Map<SequenceKey, Float> finished = new LinkedHashMap<>();

    BeamSearchDecoder(int beamSize, int eot, double patience) {
        this.beamSize = beamSize;
        this.eot = eot;
        this.maxCandidates = (int) Math.rint(beamSize * patience);
        if (maxCandidates <= 0) {
            throw new IllegalArgumentException("beam size × patience must round to at least 1");
        }
    }

    @Override
    public Step update(Sequences sequences, float[] logits) {
        int vocabulary = logits.length / sequences.batch();
        Map<SequenceKey, Float> scores = new LinkedHashMap<>();
        Map<SequenceKey, Integer> sources = new LinkedHashMap<>();
        for (int beam = 0; beam < sequences.batch(); beam++) {
            int offset = beam * vocabulary;
            double logSumExp = LogProbabilities.logSumExp(logits, offset, vocabulary);
            int[] prefix = sequences.prefix(beam);
            for (int token : LogProbabilities.topK(logits, offset, vocabulary, beamSize + 1)) {
                float logProb = (float) (logits[offset + token] - logSumExp);
                int[] extended = Arrays.copyOf(prefix, prefix.length + 1);
                extended[prefix.length] = token;
                SequenceKey key = new SequenceKey(extended);
                scores.put(key, sequences.sumLogProbs[beam] + logProb);
                sources.put(key, beam);
            }
        }
        List<SequenceKey> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.comparing((SequenceKey k) -> scores.get(k)).reversed()); // stable, like sorted()
        Map<SequenceKey, Float> newlyFinished = new LinkedHashMap<>();
        List<SequenceKey> continuing = new ArrayList<>();
        for (SequenceKey key : ranked) {
            if (key.last() == eot) {
                newlyFinished.put(key, scores.get(key));
            } else {
                continuing.add(key);
                if (continuing.size() == beamSize) {
                    break;
                }
            }
        }
        int[] sourceOf = new int[continuing.size()];
        for (int i = 0; i < continuing.size(); i++) {
            SequenceKey key = continuing.get(i);
            System.arraycopy(key.tokens(), 0, sequences.tokens[i], 0, key.tokens().length);
            sequences.sumLogProbs[i] = scores.get(key);
            sourceOf[i] = sources.get(key);
        }
        sequences.length++;
        for (Map.Entry<SequenceKey, Float> e : newlyFinished.entrySet()) { // already best first
            if (finished.size() >= maxCandidates) {
                break;
            }
            finished.put(e.getKey(), e.getValue());
        }
        return new Step(sourceOf, finished.size() >= maxCandidates);
    }

    @Override
    public List<Candidate> finish(Sequences sequences) {
        if (finished.size() < beamSize) { // not enough finished: add the live beams, best first
            Integer[] order = new Integer[sequences.batch()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing((Integer i) -> sequences.sumLogProbs[i]).reversed());
            for (int beam : order) {
                int[] tokens = Arrays.copyOf(sequences.tokens[beam], sequences.length + 1);
                tokens[sequences.length] = eot;
                finished.put(new SequenceKey(tokens), sequences.sumLogProbs[beam]);
                if (finished.size() >= beamSize) {
                    break;
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        finished.forEach((key, score) -> candidates.add(new Candidate(key.tokens(), score)));
        return candidates;
    }

    /** A token sequence as a map key (openai keys candidates by the tuple of tokens). */
    private record SequenceKey(int[] tokens) {
        int last() {
            return tokens[tokens.length - 1];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SequenceKey other && Arrays.equals(tokens, other.tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }
    }
}
