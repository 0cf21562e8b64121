package dev.earshot.api.task;

import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.api.result.Transcript;

/**
 * What a task may use: the audio it runs on, through the model, in Whisper's own terms. Deliberately narrow
 * (like Jackson's {@code Module.SetupContext}): a task composes prompts, adds logit filters and reads tokens;
 * it never sees the backend, the weights or the decoder's state.
 */
public interface TaskContext {

    /** The model's special-token table, to compose prompts with {@link dev.earshot.api.prompt.Prompt#builder}. */
    SpecialTokens specialTokens();

    /** Text tokens of {@code text} (special-token spellings are an error). */
    int[] encode(String text);

    /** Text of {@code tokens}, timestamps dropped. */
    String decode(int[] tokens);

    /** Seconds of audio. */
    double audioSeconds();

    /** Whether the model knows languages other than English (and can identify them). */
    boolean isMultilingual();

    /** The language distribution over the first 30 s; an error for English-only models. */
    LanguageProbabilities detectLanguage();

    /** The language distribution over the 30 s starting at {@code startSeconds}. */
    LanguageProbabilities detectLanguage(double startSeconds);

    /** Long-form transcription of the whole audio. */
    Transcript transcribe(TranscriptionRequest request);

    /** One window decoded with the task's own prompt. */
    WindowResult decodeWindow(WindowRequest request);
}
