package dev.earshot.evaluation.wer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Levenshtein alignment with unit costs. Several minimum-cost alignments can split the same error count
 * differently between substitutions, deletions and insertions; this one always takes the split found by walking
 * back from the end preferring a hit, then a substitution, then a deletion, then an insertion, so that counts are
 * reproducible (the convention of the reference data).
 */
public final class Aligner {

    private Aligner() {
    }

    public static Alignment align(List<String> reference, List<String> hypothesis) {
        int[][] cost = distances(reference, hypothesis);
        List<AlignedToken> steps = new ArrayList<>();
        int hits = 0;
        int substitutions = 0;
        int deletions = 0;
        int insertions = 0;
        int i = reference.size();
        int j = hypothesis.size();
        while (i > 0 || j > 0) {
            boolean diagonal = i > 0 && j > 0;
            if (diagonal && reference.get(i - 1).equals(hypothesis.get(j - 1)) && cost[i][j] == cost[i - 1][j - 1]) {
                steps.add(new AlignedToken(EditOperation.HIT, reference.get(i - 1), hypothesis.get(j - 1)));
                hits++;
                i--;
                j--;
            } else if (diagonal && cost[i][j] == cost[i - 1][j - 1] + 1) {
                steps.add(new AlignedToken(EditOperation.SUBSTITUTION, reference.get(i - 1), hypothesis.get(j - 1)));
                substitutions++;
                i--;
                j--;
            } else if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
                steps.add(new AlignedToken(EditOperation.DELETION, reference.get(i - 1), null));
                deletions++;
                i--;
            } else {
                steps.add(new AlignedToken(EditOperation.INSERTION, null, hypothesis.get(j - 1)));
                insertions++;
                j--;
            }
        }
        Collections.reverse(steps);
        return new Alignment(steps, new ErrorCounts(hits, substitutions, deletions, insertions));
    }

    /** cost[i][j]: edits turning the first i reference tokens into the first j hypothesis tokens. */
    private static int[][] distances(List<String> reference, List<String> hypothesis) {
        int n = reference.size();
        int m = hypothesis.size();
        int[][] cost = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int diagonal = cost[i - 1][j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                cost[i][j] = Math.min(diagonal, Math.min(cost[i - 1][j], cost[i][j - 1]) + 1);
            }
        }
        return cost;
    }
}
