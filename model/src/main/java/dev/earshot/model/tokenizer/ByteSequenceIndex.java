package dev.earshot.model.tokenizer;

import java.util.Arrays;

/**
 * A hash index from byte strings to their rank, looked up by a range of a larger array so that BPE can ask about
 * "bytes a…b of this piece" without copying them. Open addressing keeps it to two flat arrays.
 */
final class ByteSequenceIndex {

    private static final int EMPTY = -1;

    private final byte[][] bytesByRank;
    private final int[] slots;
    private final int mask;

    /**
     * @param bytesByRank the byte string of every rank, each distinct
     * @throws IllegalArgumentException naming a rank whose bytes repeat an earlier rank's
     */
    ByteSequenceIndex(byte[][] bytesByRank) {
        this.bytesByRank = bytesByRank;
        int capacity = Integer.highestOneBit(Math.max(4, bytesByRank.length * 2 + 1)) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(slots, EMPTY);
        for (int rank = 0; rank < bytesByRank.length; rank++) {
            byte[] key = bytesByRank[rank];
            int slot = hash(key, 0, key.length) & mask;
            while (slots[slot] != EMPTY) {
                if (Arrays.equals(bytesByRank[slots[slot]], key)) {
                    throw new IllegalArgumentException("rank " + rank + " has the same bytes as rank " + slots[slot]);
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = rank;
        }
    }

    /** The rank of {@code source[from, to)}, or -1 if those bytes are not a token. */
    int rankOf(byte[] source, int from, int to) {
        int slot = hash(source, from, to) & mask;
        int length = to - from;
        for (int rank = slots[slot]; rank != EMPTY; rank = slots[slot]) {
            byte[] candidate = bytesByRank[rank];
            if (candidate.length == length && Arrays.equals(candidate, 0, length, source, from, to)) {
                return rank;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    int size() {
        return bytesByRank.length;
    }

    /** FNV-1a with a final avalanche, so that similar short tokens spread over the table. */
    private static int hash(byte[] source, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ (source[i] & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
