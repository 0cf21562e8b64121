package dev.earshot.cli;

import dev.earshot.evaluation.normalize.BasicTextNormalizer;
import dev.earshot.evaluation.normalize.EnglishTextNormalizer;
import dev.earshot.evaluation.normalize.TextNormalizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code earshot normalize}: whisper's text normalizers as a filter, stdin lines → stdout lines. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Reads text lines from stdin and prints each one normalized as openai/whisper's "
                + "EnglishTextNormalizer or BasicTextNormalizer would (the form WER is computed on).")
final class NormalizeCommand implements Callable<Integer> {

    /** Exactly one normalizer must be named. */
    static final class Which {
        @Option(names = "--english", required = true,
                description = "EnglishTextNormalizer: numbers as digits, American spellings, contractions spelled out.")
        boolean english;

        @Option(names = "--basic", required = true,
                description = "BasicTextNormalizer: lower case, symbols and punctuation removed; any language.")
        boolean basic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--remove-diacritics", description = "With --basic: strip accents (é → e) as well.")
    boolean removeDiacritics;

    @Option(names = "--split-letters", description = "With --basic: put a space between every letter "
            + "(grapheme cluster), for languages written without spaces.")
    boolean splitLetters;

    @Override
    public Integer call() throws Exception {
        if (which.english && (removeDiacritics || splitLetters)) {
            throw new IllegalArgumentException("--remove-diacritics and --split-letters only apply to --basic");
        }
        TextNormalizer normalizer = which.english ? EnglishTextNormalizer.fromEnvironment()
                : new BasicTextNormalizer(removeDiacritics, splitLetters);
        LineFilter.run((line, lineNumber) -> normalizer.normalize(line));
        return 0;
    }
}
