package dev.earshot.evaluation.normalize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.assets.AssetResolver;
import dev.earshot.model.assets.ThirdPartyAsset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * British → American spellings, word by word, from whisper's {@code english.json}. That file is third-party data,
 * so it is found at run time ({@link AssetResolver}) rather than shipped.
 */
public final class EnglishSpellingNormalizer implements TextNormalizer {

    private final Map<String, String> americanSpellings;

    public EnglishSpellingNormalizer(Map<String, String> americanSpellings) {
        this.americanSpellings = Map.copyOf(americanSpellings);
    }

    /** Reads a spelling map in {@code english.json}'s format: one JSON object, word → replacement. */
    public static EnglishSpellingNormalizer fromFile(Path spellingsJson) {
        try {
            Map<String, String> map = new ObjectMapper().readValue(spellingsJson.toFile(), new TypeReference<>() { });
            return new EnglishSpellingNormalizer(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the English spelling map " + spellingsJson, e);
        }
    }

    /** whisper's map, wherever the resolver finds it. */
    public static EnglishSpellingNormalizer fromAssets(AssetResolver resolver) {
        return fromFile(resolver.resolve(ThirdPartyAsset.ENGLISH_SPELLINGS));
    }

    /** Splits on whitespace, replaces each known word, and joins with single spaces. */
    @Override
    public String normalize(String text) {
        return PythonRegex.split(text).stream()
                .map(word -> americanSpellings.getOrDefault(word, word))
                .collect(Collectors.joining(" "));
    }
}
