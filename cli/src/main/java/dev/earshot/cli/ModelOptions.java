package dev.earshot.cli;

import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.backend.DType;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.hub.HubClient;
import dev.earshot.model.hub.HubSettings;
import dev.earshot.model.hub.ModelResolver;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The options every command that runs a model shares: which model, on which backend and device. */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME|PATH",
            description = "A model name (tiny, base.en, small, large-v3, … see 'earshot models'), a Hugging Face repository "
                    + "id, a Hugging Face model directory, an openai .pt or a whisper.cpp ggml .bin.")
    String model;

    @Option(names = "--backend", defaultValue = Backends.AUTO, paramLabel = "NAME",
            description = "cpu, opencl, … or auto: the best available (default). See 'earshot devices'.")
    String backend;

    @Option(names = "--device", paramLabel = "N|NAME", description = "Device index or part of its name (default: the backend's first).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Host threads (default: all cores).")
    int threads;

    @Mixin
    QuantizationOption quantize;

    @Mixin
    CrossCacheOption crossCache;

    /** Opens the backend, loads the model and its tokenizer; close it to release all three. */
    LoadedModel load() throws IOException {
        Path location = new ModelResolver(new HubClient(HubSettings.fromEnvironment(), System.err)).resolve(model);
        Backend opened = Backends.open(backend, new BackendOptions(device, threads, quantize.quantization), System.err);
        try {
            WhisperModel whisper = WhisperModel.load(location, opened);
            try {
                Path modelDirectory = java.nio.file.Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
                WhisperTokenizer tokenizer = WhisperTokenizer.load(whisper.vocabulary(),
                        AssetResolver.fromEnvironment().withModelDirectory(modelDirectory));
                return new LoadedModel(opened, whisper, tokenizer, crossCache.type);
            } catch (RuntimeException e) {
                whisper.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    record LoadedModel(Backend backend, WhisperModel model, WhisperTokenizer tokenizer, DType crossCache)
            implements AutoCloseable {

        /** A session with the cross-attention cache --cross-kv asked for. */
        WhisperSession newSession() {
            return model.newSession(crossCache);
        }

        @Override
        public void close() {
            model.close();
            backend.close();
        }
    }
}
