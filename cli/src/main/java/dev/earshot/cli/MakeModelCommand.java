package dev.earshot.cli;

import dev.earshot.api.prompt.VocabularyLayout;
import dev.earshot.audio.mel.MelFilterBank;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.assets.ThirdPartyAsset;
import dev.earshot.model.random.ModelShape;
import dev.earshot.model.random.RandomWhisperModel;
import dev.earshot.model.tokenizer.MergeableRanks;
import dev.earshot.model.weights.StorageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code earshot make-model}: a random-weight Whisper of a real shape, for benchmarks that need no download. */
@Command(name = "make-model", mixinStandardHelpOptions = true,
        description = {"Writes a Whisper with random weights and the exact dimensions of a published model, in "
                + "Hugging Face layout (config.json, generation_config.json, model.safetensors) and/or as a whisper.cpp "
                + "ggml file (ggml-model.bin). The same seed gives the same values in every format."})
final class MakeModelCommand implements Callable<Integer> {

    /** Room left on the disk beyond the model, so writing one never fills the disk to the last byte. */
    private static final long DISK_MARGIN_BYTES = 64L << 20;

    @Option(names = "--shape", required = true, paramLabel = "NAME",
            description = "tiny, base, small, medium or large-v3 (128 mel bins, 51866 tokens).")
    String shape;

    @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f16",
            description = "Weight storage (default: ${DEFAULT-VALUE}). In ggml, vectors and positional embeddings stay f32 as whisper.cpp expects.")
    String dtype;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path output;

    @Option(names = "--format", defaultValue = "hf", split = ",", paramLabel = "hf|ggml",
            description = "hf, ggml, or both as hf,ggml (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    /** Where the ggml vocabulary's ranks come from; tests replace it to see a missing asset refused. */
    Supplier<AssetResolver> assets = AssetResolver::fromEnvironment;

    @Override
    public Integer call() throws IOException {
        ModelShape modelShape = ModelShape.named(shape);
        StorageType storage = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f32" -> StorageType.F32;
            case "f16" -> StorageType.F16;
            default -> throw new IllegalArgumentException("--dtype must be f32 or f16, not '" + dtype + "'");
        };
        Set<String> wanted = new LinkedHashSet<>();
        for (String format : formats) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("hf") && !f.equals("ggml")) {
                throw new IllegalArgumentException("--format must be hf, ggml or hf,ggml, not '" + format + "'");
            }
            wanted.add(f);
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("--output " + output + " is a file; give a directory");
        }
        RandomWhisperModel model = new RandomWhisperModel(modelShape.config(), storage, seed);
        // Before anything is written: a missing tokenizer asset must not leave the Hugging Face files behind.
        List<byte[]> ggmlVocabulary = wanted.contains("ggml") ? ggmlVocabulary(model) : null;
        Files.createDirectories(output);
        checkDiskSpace(model.weightBytes() * wanted.size());
        long started = System.nanoTime();
        List<Path> written = new ArrayList<>();
        if (wanted.contains("hf")) {
            written.add(model.writeHuggingFace(output));
        }
        if (wanted.contains("ggml")) {
            written.add(writeGgml(model, ggmlVocabulary));
        }
        System.err.printf("make-model: %s %s seed %d, %.1f MB of weights per format, in %.1f s%n", modelShape, dtype, seed,
                model.weightBytes() / 1e6, (System.nanoTime() - started) / 1e9);
        written.forEach(path -> System.out.println(path));
        return 0;
    }

    /** whisper.cpp reads the BPE tokens from the file (it adds the special tokens itself), so the real ranks go in. */
    private List<byte[]> ggmlVocabulary(RandomWhisperModel model) throws IOException {
        VocabularyLayout layout = VocabularyLayout.fromVocabularySize(model.config().vocabularySize());
        Path rankFile = assets.get().resolve(ThirdPartyAsset.forFileName(layout.rankFileName()));
        MergeableRanks ranks = MergeableRanks.load(rankFile);
        List<byte[]> vocabulary = new ArrayList<>(ranks.size());
        for (int rank = 0; rank < ranks.size(); rank++) {
            vocabulary.add(ranks.bytes(rank));
        }
        return vocabulary;
    }

    private Path writeGgml(RandomWhisperModel model, List<byte[]> vocabulary) throws IOException {
        MelFilterBank filters = MelFilterBank.whisper(model.config().melCount());
        return model.writeGgml(output.resolve(RandomWhisperModel.GGML_FILE), filters.toDense(), filters.binCount(), vocabulary);
    }

    private void checkDiskSpace(long needed) throws IOException {
        long usable = Files.getFileStore(output).getUsableSpace();
        if (usable < needed + DISK_MARGIN_BYTES) {
            throw new IOException(String.format("%s has %.1f GB free but the model needs %.1f GB: choose another --output or a smaller --shape",
                    output, usable / 1e9, needed / 1e9));
        }
    }
}
