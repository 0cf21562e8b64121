package dev.earshot.model.tokenizer;

/**
 * Byte-level BPE over tiktoken ranks: a piece starts as single bytes, and the adjacent pair whose concatenation
 * has the lowest rank (the leftmost on ties) is merged until no concatenation is a token. Short pieces use a
 * plain scan, which is fastest for the handful of bytes most pieces have; long pieces use a heap so that a
 * 100 kB run of letters costs n log n instead of n².
 */
final class BytePairEncoder {

    /** The length from which tiktoken switches to its heap-based merge; both orders give the same tokens. */
    static final int HEAP_THRESHOLD = 100;

    private static final int NO_RANK = Integer.MAX_VALUE;

    private final ByteSequenceIndex ranks;

    BytePairEncoder(ByteSequenceIndex ranks) {
        this.ranks = ranks;
    }

    /** Appends the tokens of one pre-tokenizer piece (its UTF-8 bytes). */
    void encode(byte[] piece, IntArrayBuilder out) {
        int whole = ranks.rankOf(piece, 0, piece.length);
        if (whole >= 0) {
            out.add(whole);
        } else if (piece.length < HEAP_THRESHOLD) {
            mergeByScanning(piece, out);
        } else {
            mergeWithHeap(piece, out);
        }
    }

    /** Keeps part boundaries and pair ranks in two arrays and rescans for the minimum after each merge. */
    void mergeByScanning(byte[] piece, IntArrayBuilder out) {
        int parts = piece.length;
        int[] starts = new int[parts + 1];
        for (int i = 0; i <= parts; i++) {
            starts[i] = i;
        }
        // pairRanks[i]: rank of parts i and i+1 joined, for i < parts - 1.
        int[] pairRanks = new int[Math.max(parts - 1, 0)];
        for (int i = 0; i < parts - 1; i++) {
            pairRanks[i] = rankOrNone(piece, starts[i], starts[i + 2]);
        }
        while (parts > 1) {
            int best = -1;
            int bestRank = NO_RANK;
            for (int i = 0; i < parts - 1; i++) {
                if (pairRanks[i] < bestRank) {
                    bestRank = pairRanks[i];
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            System.arraycopy(starts, best + 2, starts, best + 1, parts - best - 1);
            if (parts - best - 3 > 0) {
                System.arraycopy(pairRanks, best + 2, pairRanks, best + 1, parts - best - 3);
            }
            parts--;
            if (best < parts - 1) {
                pairRanks[best] = rankOrNone(piece, starts[best], starts[best + 2]);
            }
            if (best > 0) {
                pairRanks[best - 1] = rankOrNone(piece, starts[best - 1], starts[best + 1]);
            }
        }
        for (int i = 0; i < parts; i++) {
            out.add(tokenOf(piece, starts[i], starts[i + 1]));
        }
    }

    /**
     * Keeps the parts as a linked list keyed by start offset and the candidate pairs in a heap ordered by
     * (rank, start). Entries made stale by a neighbouring merge are skipped when popped: an entry is current when
     * its start still begins a part and that part's pair still has the entry's rank (a rank names one byte string,
     * so equal rank means the same pair).
     */
    void mergeWithHeap(byte[] piece, IntArrayBuilder out) {
        int length = piece.length;
        int[] next = new int[length + 1];
        int[] previous = new int[length + 1];
        int[] pairRank = new int[length + 1];
        boolean[] absorbed = new boolean[length + 1];
        LongMinHeap heap = new LongMinHeap(length);
        for (int start = 0; start <= length; start++) {
            next[start] = Math.min(start + 1, length);
            previous[start] = start - 1;
            pairRank[start] = NO_RANK;
        }
        for (int start = 0; start + 1 < length; start++) {
            setPair(piece, start, next, pairRank, heap);
        }
        while (!heap.isEmpty()) {
            long entry = heap.pop();
            int rank = (int) (entry >>> 32);
            int start = (int) entry;
            if (absorbed[start] || pairRank[start] != rank) {
                continue;
            }
            int absorbedStart = next[start];
            int following = next[absorbedStart];
            absorbed[absorbedStart] = true;
            next[start] = following;
            if (following < length) {
                previous[following] = start;
            }
            setPair(piece, start, next, pairRank, heap);
            if (previous[start] >= 0) {
                setPair(piece, previous[start], next, pairRank, heap);
            }
        }
        for (int start = 0; start < length; start = next[start]) {
            out.add(tokenOf(piece, start, next[start]));
        }
    }

    /** Records the rank of the part at {@code start} joined with the part after it, and offers it to the heap. */
    private void setPair(byte[] piece, int start, int[] next, int[] pairRank, LongMinHeap heap) {
        int second = next[start];
        int rank = second < piece.length ? rankOrNone(piece, start, next[second]) : NO_RANK;
        pairRank[start] = rank;
        if (rank != NO_RANK) {
            heap.push((long) rank << 32 | start);
        }
    }

    private int rankOrNone(byte[] piece, int from, int to) {
        int rank = ranks.rankOf(piece, from, to);
        return rank < 0 ? NO_RANK : rank;
    }

    private int tokenOf(byte[] piece, int from, int to) {
        int rank = ranks.rankOf(piece, from, to);
        if (rank < 0) {
            // Every single byte is a token in a byte-level vocabulary, and merges only produce tokens.
            throw new IllegalStateException("the rank file has no token for byte " + (piece[from] & 0xFF)
                    + "; it is not a byte-level BPE vocabulary");
        }
        return rank;
    }
}
