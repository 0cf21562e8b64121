package dev.earshot.model.tokenizer;

import java.util.Arrays;

/** A growable list of ints, so that token ids are not boxed while a text is encoded. */
final class IntArrayBuilder {

    private int[] values = new int[16];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    void addAll(int[] more) {
        for (int value : more) {
            add(value);
        }
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
