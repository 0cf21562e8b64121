package dev.earshot.model.nn;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.DType;
import dev.earshot.api.backend.Tensor;
import dev.earshot.api.backend.WeightData;
import dev.earshot.model.WhisperConfig;
import dev.earshot.model.weights.CheckpointTensors;
import dev.earshot.model.weights.TensorSlice;
import dev.earshot.model.weights.WeightFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All of a model's weights, uploaded once to one backend. Built from openai-named checkpoint tensors;
 * a conv weight [out, in, 3] becomes the matrix [out × in·3] without a copy (same memory order).
 */
public record ModelWeights(
        LinearWeights conv1,                 // [d × n_mels·3], [1 × d]
        LinearWeights conv2,                 // [d × d·3], [1 × d]
        Tensor audioPositions,               // [n_audio_ctx × d] sinusoids as stored (float16-rounded)
        List<EncoderBlockWeights> encoderBlocks,
        NormWeights encoderNorm,             // ln_post
        Tensor tokenEmbedding,               // [n_vocab × d], also the output projection (tied)
        Tensor textPositions,                // [n_text_ctx × d]
        List<DecoderBlockWeights> decoderBlocks,
        NormWeights decoderNorm) {

    public static ModelWeights upload(CheckpointTensors checkpoint, WhisperConfig config, Backend backend) {
        Uploader u = new Uploader(checkpoint.byOpenaiName(), backend);
        List<EncoderBlockWeights> encoderBlocks = new ArrayList<>();
        for (int i = 0; i < config.audioLayers(); i++) {
            String p = "encoder.blocks." + i + ".";
            encoderBlocks.add(new EncoderBlockWeights(u.norm(p + "attn_ln."), u.attention(p + "attn."),
                    u.norm(p + "mlp_ln."), u.mlp(p)));
        }
        List<DecoderBlockWeights> decoderBlocks = new ArrayList<>();
        for (int i = 0; i < config.textLayers(); i++) {
            String p = "decoder.blocks." + i + ".";
            decoderBlocks.add(new DecoderBlockWeights(u.norm(p + "attn_ln."), u.attention(p + "attn."),
                    u.norm(p + "cross_attn_ln."), u.attention(p + "cross_attn."), u.norm(p + "mlp_ln."), u.mlp(p)));
        }
        return new ModelWeights(
                u.linear("encoder.conv1."), u.linear("encoder.conv2."), u.tensor("encoder.positional_embedding"),
                List.copyOf(encoderBlocks), u.norm("encoder.ln_post."),
                u.tensor("decoder.token_embedding.weight"), u.tensor("decoder.positional_embedding"),
                List.copyOf(decoderBlocks), u.norm("decoder.ln."));
    }

    /** Releases every uploaded tensor. */
    public void release(Backend backend) {
        release(backend, conv1);
        release(backend, conv2);
        backend.release(audioPositions);
        for (EncoderBlockWeights b : encoderBlocks) {
            release(backend, b.attentionNorm());
            release(backend, b.attention());
            release(backend, b.mlpNorm());
            release(backend, b.mlp().up());
            release(backend, b.mlp().down());
        }
        release(backend, encoderNorm);
        backend.release(tokenEmbedding);
        backend.release(textPositions);
        for (DecoderBlockWeights b : decoderBlocks) {
            release(backend, b.selfAttentionNorm());
            release(backend, b.selfAttention());
            release(backend, b.crossAttentionNorm());
            release(backend, b.crossAttention());
            release(backend, b.mlpNorm());
            release(backend, b.mlp().up());
            release(backend, b.mlp().down());
        }
        release(backend, decoderNorm);
    }

    private static void release(Backend backend, AttentionWeights a) {
        release(backend, a.query());
        release(backend, a.key());
        release(backend, a.value());
        release(backend, a.out());
    }

    private static void release(Backend backend, LinearWeights l) {
        backend.release(l.weight());
        if (l.bias() != null) {
            backend.release(l.bias());
        }
    }

    private static void release(Backend backend, NormWeights n) {
        backend.release(n.gamma());
        backend.release(n.beta());
    }

    /** Turns openai names into uploaded tensors. */
    private record Uploader(Map<String, TensorSlice> tensors, Backend backend) {

        Tensor tensor(String name) {
            TensorSlice slice = tensors.get(name);
            if (slice == null) {
                throw new IllegalStateException("checkpoint lacks " + name + " although its layout was checked");
            }
            long[] shape = slice.shape();
            int rows = shape.length == 1 ? 1 : Math.toIntExact(shape[0]);
            long cols = 1;
            for (int i = shape.length == 1 ? 0 : 1; i < shape.length; i++) {
                cols *= shape[i];
            }
            DType type = switch (slice.type()) {
                case F32 -> DType.F32;
                case F16 -> DType.F16;
                case BF16 -> DType.BF16;
                default -> throw new WeightFormatException("tensor " + name + " is stored as " + slice.type()
                        + "; Whisper weights must be F32, F16 or BF16");
            };
            return backend.upload(new WeightData(name, type, rows, Math.toIntExact(cols), slice.bytes()));
        }

        LinearWeights linear(String prefix) {
            String bias = prefix + "bias";
            return new LinearWeights(tensor(prefix + "weight"), tensors.containsKey(bias) ? tensor(bias) : null);
        }

        NormWeights norm(String prefix) {
            return new NormWeights(tensor(prefix + "weight"), tensor(prefix + "bias"));
        }

        AttentionWeights attention(String prefix) {
            return new AttentionWeights(linear(prefix + "query."), linear(prefix + "key."), linear(prefix + "value."),
                    linear(prefix + "out."));
        }

        MlpWeights mlp(String blockPrefix) {
            return new MlpWeights(linear(blockPrefix + "mlp.0."), linear(blockPrefix + "mlp.2."));
        }
    }
}
