package dev.earshot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.audio.mel.StreamingMelSource;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.LanguageDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code earshot detect-language}: the language distribution over the first 30 s, as transcribe() detects it. */
@Command(name = "detect-language", mixinStandardHelpOptions = true,
        description = "Prints {\"language\": code, \"probabilities\": {code: p, ...}} for the first 30 s of the audio.")
final class DetectLanguageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "AUDIO", description = "Audio file.")
    Path audio;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isRegularFile(audio)) {
            throw new IllegalArgumentException(audio + ": no such audio file");
        }
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.newSession();
             StreamingMelSource mel = StreamingMelSource.open(audio, loaded.model().config().melCount())) {
            session.encode(mel.padOrTrim(MelSpectrogram.FRAMES_PER_WINDOW).data());
            LanguageProbabilities probabilities = LanguageDetector.detect(session, loaded.tokenizer().specialTokens());
            Map<String, Double> byCode = new LinkedHashMap<>();
            for (Map.Entry<Language, Double> e : probabilities.probabilities().entrySet()) {
                byCode.put(e.getKey().code(), e.getValue());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("language", probabilities.mostLikely().code());
            out.put("probabilities", byCode);
            System.out.println(new ObjectMapper().writeValueAsString(out));
        }
        return 0;
    }
}
