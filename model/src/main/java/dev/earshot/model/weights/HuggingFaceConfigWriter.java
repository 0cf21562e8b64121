package dev.earshot.model.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the {@code config.json} and {@code generation_config.json} of a Hugging Face Whisper export, with the keys
 * and values {@code transformers} writes for openai's checkpoints, so the directory loads here, in
 * {@code transformers} and in converters that read those files.
 */
public final class HuggingFaceConfigWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_INITIAL_TIMESTAMP_INDEX = 50;

    private HuggingFaceConfigWriter() {
    }

    public static void writeConfig(Path file, WhisperConfig c, StorageType dtype) throws IOException {
        SpecialTokens tokens = SpecialTokens.of(VocabularyLayout.fromVocabularySize(c.vocabularySize()));
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("WhisperForConditionalGeneration");
        root.put("model_type", "whisper");
        root.put("vocab_size", c.vocabularySize());
        root.put("num_mel_bins", c.melCount());
        root.put("d_model", c.audioState());
        root.put("encoder_layers", c.audioLayers());
        root.put("encoder_attention_heads", c.audioHeads());
        root.put("encoder_ffn_dim", c.audioMlpWidth());
        root.put("decoder_layers", c.textLayers());
        root.put("decoder_attention_heads", c.textHeads());
        root.put("decoder_ffn_dim", c.textMlpWidth());
        root.put("max_source_positions", c.audioContext());
        root.put("max_target_positions", c.textContext());
        root.put("num_hidden_layers", c.audioLayers());
        root.put("activation_function", "gelu");
        root.put("scale_embedding", false);
        root.put("tie_word_embeddings", true);
        root.put("use_cache", true);
        root.put("is_encoder_decoder", true);
        root.put("bos_token_id", tokens.eot());
        root.put("eos_token_id", tokens.eot());
        root.put("pad_token_id", tokens.eot());
        root.put("decoder_start_token_id", tokens.sot());
        root.putArray("begin_suppress_tokens").add(220).add(tokens.eot());
        root.put("max_length", c.textContext());
        root.put("torch_dtype", dtype == StorageType.F16 ? "float16" : "float32");
        JSON.writeValue(file.toFile(), root);
    }

    /** The decoding settings, and the cross-attention heads word timestamps use (read back by {@link AlignmentHeads}). */
    public static void writeGenerationConfig(Path file, WhisperConfig c, AlignmentHeads heads) throws IOException {
        VocabularyLayout layout = VocabularyLayout.fromVocabularySize(c.vocabularySize());
        SpecialTokens tokens = SpecialTokens.of(layout);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode pairs = root.putArray("alignment_heads");
        for (AlignmentHeads.Head head : heads.heads()) {
            pairs.addArray().add(head.layer()).add(head.head());
        }
        root.putArray("begin_suppress_tokens").add(220).add(tokens.eot());
        root.put("bos_token_id", tokens.eot());
        root.put("decoder_start_token_id", tokens.sot());
        root.put("eos_token_id", tokens.eot());
        root.put("pad_token_id", tokens.eot());
        root.put("is_multilingual", layout.isMultilingual());
        if (layout.isMultilingual()) {
            ObjectNode languages = root.putObject("lang_to_id");
            for (Language language : layout.languages()) {
                int id = tokens.languageToken(language);
                languages.put(tokens.text(id), id);
            }
            ObjectNode tasks = root.putObject("task_to_id");
            tasks.put("transcribe", tokens.taskToken(WhisperTask.TRANSCRIBE));
            tasks.put("translate", tokens.taskToken(WhisperTask.TRANSLATE));
        }
        root.put("no_timestamps_token_id", tokens.noTimestamps());
        root.put("prev_sot_token_id", tokens.sotPrev());
        root.put("max_initial_timestamp_index", MAX_INITIAL_TIMESTAMP_INDEX);
        root.put("max_length", c.textContext());
        JSON.writeValue(file.toFile(), root);
    }
}
