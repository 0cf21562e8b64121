package dev.earshot.tasks;

import dev.earshot.api.audio.MelSource;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TranscriptionRequest;
import dev.earshot.api.task.WindowRequest;
import dev.earshot.api.task.WindowResult;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingResult;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.decoding.LanguageDetector;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.SpecialTokenPolicy;
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.model.transcribe.TranscribeOptions;
import dev.earshot.model.transcribe.Transcriber;

import java.util.Arrays;

/**
 * The engine side of {@link TaskContext}: one audio file's spectrogram, decoded on one session. Tasks see only
 * the interface.
 */
public final class WhisperTaskContext implements TaskContext {

    private final WhisperSession session;
    private final WhisperTokenizer tokenizer;
    private final MelSource mel;                // the audio + 30 s of padding, as transcribe() computes it
    private final DecodingOptions decodingDefaults;
    private final DecodingTask decodingTask;

    /**
     * @param paddedMel        the spectrogram of the audio followed by 30 s of zero samples
     * @param decodingDefaults beam size, best-of, temperatures' seed… applied to every decode the task asks for
     */
    public WhisperTaskContext(WhisperSession session, WhisperTokenizer tokenizer, MelSource paddedMel,
                              DecodingOptions decodingDefaults) {
        if (paddedMel.frameCount() < MelSpectrogram.FRAMES_PER_WINDOW) {
            throw new IllegalArgumentException("the spectrogram must include 30 s of padding");
        }
        this.session = session;
        this.tokenizer = tokenizer;
        this.mel = paddedMel;
        this.decodingDefaults = decodingDefaults;
        this.decodingTask = new DecodingTask(tokenizer, session.model().config());
    }

    @Override
    public SpecialTokens specialTokens() {
        return tokenizer.specialTokens();
    }

    @Override
    public int[] encode(String text) {
        return tokenizer.encode(text, SpecialTokenPolicy.DISALLOWED);
    }

    @Override
    public String decode(int[] tokens) {
        return tokenizer.decode(tokens);
    }

    @Override
    public double audioSeconds() {
        return (mel.frameCount() - MelSpectrogram.FRAMES_PER_WINDOW) / (double) MelSpectrogram.FRAMES_PER_SECOND;
    }

    @Override
    public boolean isMultilingual() {
        return tokenizer.layout().isMultilingual();
    }

    @Override
    public LanguageProbabilities detectLanguage() {
        return detectLanguage(0);
    }

    @Override
    public LanguageProbabilities detectLanguage(double startSeconds) {
        encodeWindowAt(startSeconds);
        return LanguageDetector.detect(session, tokenizer.specialTokens());
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        DecodingOptions decoding = decodingDefaults.toBuilder().task(request.task()).language(request.language())
                .withoutTimestamps(!request.timestamps()).filters(request.filters()).build();
        int[] initialPrompt = request.initialPrompt() == null ? new int[0]
                : encode(" " + PythonText.strip(request.initialPrompt()));
        TranscribeOptions defaults = TranscribeOptions.defaults(decoding);
        TranscribeOptions options = new TranscribeOptions(decoding, defaults.temperatures(),
                defaults.compressionRatioThreshold(), defaults.noSpeechThreshold(), defaults.logProbThreshold(), true,
                initialPrompt, false, java.util.List.of(), null);
        return new Transcriber(tokenizer, decodingTask).transcribe(session, mel, options);
    }

    @Override
    public WindowResult decodeWindow(WindowRequest request) {
        encodeWindowAt(request.startSeconds());
        int[] prompt = request.prompt().tokens();
        boolean timestamps = Arrays.stream(prompt).noneMatch(t -> t == tokenizer.specialTokens().noTimestamps());
        Language language = Arrays.stream(prompt).boxed().map(t -> tokenizer.specialTokens().languageOf(t))
                .flatMap(java.util.Optional::stream).findFirst().orElse(Language.lookup("en"));
        DecodingOptions options = decodingDefaults.toBuilder().withoutTimestamps(!timestamps)
                .sampleLength(request.sampleLength()).filters(request.filters()).temperature(0).build();
        DecodingResult result = decodingTask.run(session, options, request.prompt(), language);
        return new WindowResult(Arrays.stream(result.tokens()).boxed().toList(), result.text(),
                result.averageLogProbability(), result.noSpeechProbability());
    }

    private void encodeWindowAt(double startSeconds) {
        if (!(startSeconds >= 0) || startSeconds >= Math.max(audioSeconds(), 1e-9)) {
            throw new IllegalArgumentException("window start " + startSeconds + " s is outside the audio (0 – "
                    + audioSeconds() + " s)");
        }
        int start = (int) Math.round(startSeconds * MelSpectrogram.FRAMES_PER_SECOND);
        int frames = MelSpectrogram.FRAMES_PER_WINDOW;
        int content = mel.frameCount() - frames;
        session.encode(mel.window(start, Math.min(frames, content - start), frames).data());
    }
}
