package dev.earshot.model.weights;

import java.util.Map;

/**
 * The tensors of a loaded checkpoint under openai/whisper's names ({@code encoder.blocks.0.attn.query.weight}),
 * whatever the file format; the data stays where the format put it (usually a memory-mapped file) until
 * a backend uploads it. Closing releases the mappings.
 */
public interface CheckpointTensors extends AutoCloseable {

    /** openai name → tensor, in a stable order. */
    Map<String, TensorSlice> byOpenaiName();

    @Override
    void close();
}
