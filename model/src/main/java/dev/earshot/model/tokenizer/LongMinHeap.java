package dev.earshot.model.tokenizer;

import java.util.Arrays;

/** A binary min-heap of primitive longs (BPE packs rank and position into one long, so ties break by position). */
final class LongMinHeap {

    private long[] heap;
    private int size;

    LongMinHeap(int initialCapacity) {
        heap = new long[Math.max(1, initialCapacity)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int child = size++;
        while (child > 0) {
            int parent = (child - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[child] = heap[parent];
            child = parent;
        }
        heap[child] = value;
    }

    long pop() {
        long top = heap[0];
        long last = heap[--size];
        int parent = 0;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[parent] = heap[child];
            parent = child;
        }
        heap[parent] = last;
        return top;
    }
}
