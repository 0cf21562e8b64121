package dev.earshot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.evaluation.normalize.BasicTextNormalizer;
import dev.earshot.evaluation.normalize.EnglishTextNormalizer;
import dev.earshot.evaluation.normalize.TextNormalizer;
import dev.earshot.evaluation.wer.CorpusErrorRate;
import dev.earshot.evaluation.wer.ErrorCounts;
import dev.earshot.evaluation.wer.ErrorRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code earshot wer}: corpus word error rate of hypothesis lines against reference lines. */
@Command(name = "wer", mixinStandardHelpOptions = true,
        description = "Scores a hypothesis file against a reference file, one utterance per line, and prints the "
                + "corpus WER with the hit/substitution/deletion/insertion counts as JSON.")
final class WerCommand implements Callable<Integer> {

    /** The text normalization applied to both sides before scoring. */
    enum Normalization {
        /** whisper's EnglishTextNormalizer, as for every published English WER. */
        english,
        /** whisper's BasicTextNormalizer, for other languages. */
        basic,
        /** The text as it is. */
        none;

        TextNormalizer create() {
            return switch (this) {
                case english -> EnglishTextNormalizer.fromEnvironment();
                case basic -> new BasicTextNormalizer();
                case none -> TextNormalizer.none();
            };
        }
    }

    @Option(names = "--ref", required = true, paramLabel = "FILE", description = "Reference transcripts, one per line (UTF-8).")
    Path reference;

    @Option(names = "--hyp", required = true, paramLabel = "FILE", description = "Hypotheses, one per line, in the same order.")
    Path hypothesis;

    @Option(names = "--normalize", defaultValue = "english", paramLabel = "english|basic|none",
            description = "Normalizer applied to both files first (default: ${DEFAULT-VALUE}).")
    Normalization normalization;

    @Override
    public Integer call() throws Exception {
        List<String> references = readLines("--ref", reference);
        List<String> hypotheses = readLines("--hyp", hypothesis);
        if (references.size() != hypotheses.size()) {
            throw new IllegalArgumentException("--ref has " + references.size() + " lines but --hyp has "
                    + hypotheses.size() + "; both need one utterance per line, in the same order");
        }
        TextNormalizer normalizer = normalization.create();
        CorpusErrorRate corpus = new CorpusErrorRate();
        for (int i = 0; i < references.size(); i++) {
            corpus.add(ErrorRate.words(normalizer.normalize(references.get(i)),
                    normalizer.normalize(hypotheses.get(i))).counts());
        }
        System.out.println(report(corpus));
        System.out.flush();
        return 0;
    }

    private static String report(CorpusErrorRate corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ErrorCounts totals = corpus.totals();
        ObjectNode node = json.createObjectNode();
        node.put("wer", corpus.rate());
        node.put("utterances", corpus.utterances());
        node.put("reference_words", totals.referenceLength());
        node.put("errors", totals.errors());
        node.put("hits", totals.hits());
        node.put("substitutions", totals.substitutions());
        node.put("deletions", totals.deletions());
        node.put("insertions", totals.insertions());
        return json.writeValueAsString(node);
    }

    private static List<String> readLines(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(option + " " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
