package dev.earshot.tasks.builtin;

import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.api.task.TranscriptionRequest;

import java.util.List;

/** Speech in any language to English text (Whisper's {@code <|translate|>} task). */
public final class TranslateTask implements TaskPlugin {

    @Override
    public String name() {
        return "translate";
    }

    @Override
    public String description() {
        return "speech in any language to English text, with segment timestamps (multilingual models)";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(TaskOption.optional("timestamps", "true for segment timestamps, false for text only", "true"));
    }

    @Override
    public TaskOutput run(TaskContext context, TaskArguments arguments) {
        if (!context.isMultilingual()) {
            throw new IllegalArgumentException("this model is English-only: it was not trained to translate; use a "
                    + "multilingual model");
        }
        return TranscriptOutputs.of(context.transcribe(new TranscriptionRequest(WhisperTask.TRANSLATE,
                arguments.language(), arguments.flag("timestamps"), null, List.of())));
    }
}
