package dev.earshot.model.transcribe;

import dev.earshot.api.prompt.Language;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.model.tokenizer.WordTokens;
import dev.earshot.model.weights.AlignmentHeads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word timestamps from cross-attention, as openai's {@code find_alignment}: a teacher-forced pass over
 * {@code sot_sequence + <|notimestamps|> + text + EOT}; the alignment heads' attention over the window's
 * frames, softmaxed, standardised per frame over the tokens, median-filtered along time and averaged over
 * heads; dynamic time warping on its negative; word boundaries where the path moves to a new token.
 */
public final class WordAligner {

    /** Encoder positions per second: the alignment's time resolution. */
    static final int TOKENS_PER_SECOND = 50;
    static final int MEDIAN_FILTER_WIDTH = 7;

    private final WhisperTokenizer tokenizer;
    private final int[][] heads;

    public WordAligner(WhisperTokenizer tokenizer, AlignmentHeads heads) {
        this.tokenizer = tokenizer;
        this.heads = heads.toPairs();
    }

    /** The alignment of one window: the DTW input and path (for inspection) and the words. */
    public record Alignment(float[] cost, int rows, int cols, int[][] path, List<WordTiming> words) {
    }

    /**
     * @param session    with the window encoded
     * @param sotSequence the window's {@code <|startoftranscript|>} sequence (language, task)
     * @param textTokens the window's text tokens (no timestamps, no EOT)
     * @param frames     mel frames of real audio in the window (the rest is padding)
     */
    public Alignment align(WhisperSession session, int[] sotSequence, int[] textTokens, int frames, Language language) {
        if (textTokens.length == 0) {
            return new Alignment(new float[0], 0, 0, new int[2][0], List.of());
        }
        int eot = tokenizer.specialTokens().eot();
        int[] tokens = new int[sotSequence.length + textTokens.length + 2];
        System.arraycopy(sotSequence, 0, tokens, 0, sotSequence.length);
        tokens[sotSequence.length] = tokenizer.specialTokens().noTimestamps();
        System.arraycopy(textTokens, 0, tokens, sotSequence.length + 1, textTokens.length);
        tokens[tokens.length - 1] = eot;

        WhisperSession.AlignmentPass pass = session.alignmentPass(tokens, heads);
        double[] textProbabilities = textTokenProbabilities(pass, sotSequence.length, textTokens, eot);

        int count = tokens.length;
        int columns = frames / 2;
        float[] matrix = new float[count * columns]; // [T × columns] mean over heads of the filtered weights
        for (float[] headScores : pass.scores()) {
            float[] weights = standardisedAttention(headScores, count, pass.frames(), columns);
            float[] filtered = medianFilter(weights, count, columns, MEDIAN_FILTER_WIDTH);
            for (int k = 0; k < matrix.length; k++) {
                matrix[k] += filtered[k];
            }
        }
        int rows = count - sotSequence.length - 1; // <|notimestamps|> + text tokens
        float[] cost = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cost[r * columns + c] = -(matrix[(sotSequence.length + r) * columns + c] / heads.length);
            }
        }
        int[][] path = Dtw.path(cost, rows, columns);

        int[] withEot = Arrays.copyOf(textTokens, textTokens.length + 1);
        withEot[textTokens.length] = eot;
        WordTokens split = tokenizer.splitToWordTokens(withEot, language);
        if (split.size() <= 1) {
            return new Alignment(cost, rows, columns, path, List.of());
        }
        List<Double> jumpTimes = new ArrayList<>();
        for (int k = 0; k < path[0].length; k++) {
            if (k == 0 || path[0][k] != path[0][k - 1]) {
                jumpTimes.add(path[1][k] / (double) TOKENS_PER_SECOND);
            }
        }
        List<WordTiming> words = new ArrayList<>();
        int boundary = 0;
        for (int w = 0; w + 1 < split.size(); w++) { // the last "word" is the EOT
            int[] wordTokens = split.tokensOf(w);
            int next = boundary + wordTokens.length;
            double probability = 0;
            for (int t = boundary; t < next; t++) {
                probability += textProbabilities[t];
            }
            words.add(new WordTiming(split.words().get(w), Arrays.stream(wordTokens).boxed().toList(),
                    jumpTimes.get(boundary), jumpTimes.get(next), probability / wordTokens.length));
            boundary = next;
        }
        return new Alignment(cost, rows, columns, path, words);
    }

    /** P(text token i) from the logits one position before it, softmax over the ids below EOT (text tokens only). */
    private static double[] textTokenProbabilities(WhisperSession.AlignmentPass pass, int sotLength, int[] textTokens, int eot) {
        int vocabulary = pass.logits().length / pass.tokens();
        double[] probabilities = new double[textTokens.length];
        for (int i = 0; i < textTokens.length; i++) {
            int offset = (sotLength + i) * vocabulary;
            double max = Double.NEGATIVE_INFINITY;
            for (int id = 0; id < eot; id++) {
                max = Math.max(max, pass.logits()[offset + id]);
            }
            double sum = 0;
            for (int id = 0; id < eot; id++) {
                sum += Math.exp(pass.logits()[offset + id] - max);
            }
            probabilities[i] = (float) (Math.exp(pass.logits()[offset + textTokens[i]] - max) / sum);
        }
        return probabilities;
    }

    /**
     * Softmax over the first {@code columns} frames of each token's scores, then, per frame, standardised over the
     * tokens (population standard deviation). Returns [T × columns].
     */
    static float[] standardisedAttention(float[] scores, int count, int frames, int columns) {
        float[] weights = new float[count * columns];
        for (int t = 0; t < count; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, scores[t * frames + c]);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += Math.exp(scores[t * frames + c] - max);
            }
            for (int c = 0; c < columns; c++) {
                weights[t * columns + c] = (float) (Math.exp(scores[t * frames + c] - max) / sum);
            }
        }
        for (int c = 0; c < columns; c++) {
            double mean = 0;
            for (int t = 0; t < count; t++) {
                mean += weights[t * columns + c];
            }
            mean /= count;
            double variance = 0;
            for (int t = 0; t < count; t++) {
                double d = weights[t * columns + c] - mean;
                variance += d * d;
            }
            double std = Math.sqrt(variance / count);
            for (int t = 0; t < count; t++) {
                weights[t * columns + c] = (float) ((weights[t * columns + c] - mean) / std);
            }
        }
        return weights;
    }

    /** Median over a window of {@code width} frames along time, reflect-padded; too-short rows pass unchanged. */
    static float[] medianFilter(float[] values, int rows, int columns, int width) {
        int half = width / 2;
        if (columns <= half) {
            return values.clone();
        }
        float[] out = new float[values.length];
        float[] window = new float[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                for (int k = -half; k <= half; k++) {
                    int index = c + k;
                    if (index < 0) {
                        index = -index;
                    } else if (index >= columns) {
                        index = 2 * (columns - 1) - index;
                    }
                    window[k + half] = values[r * columns + index];
                }
                Arrays.sort(window);
                out[r * columns + c] = window[half];
            }
        }
        return out;
    }
}
