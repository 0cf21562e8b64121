package dev.earshot.tasks.builtin;

import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.api.task.TranscriptionRequest;

import java.util.List;

/** Speech to text in the spoken language, with segment timestamps. */
public final class TranscribeTask implements TaskPlugin {

    @Override
    public String name() {
        return "transcribe";
    }

    @Override
    public String description() {
        return "speech to text in the language spoken, with segment timestamps";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(TaskOption.optional("prompt", "text to condition on (names, spellings, style)", ""),
                TaskOption.optional("timestamps", "true for segment timestamps, false for text only", "true"));
    }

    @Override
    public TaskOutput run(TaskContext context, TaskArguments arguments) {
        String prompt = arguments.text("prompt");
        return TranscriptOutputs.of(context.transcribe(new TranscriptionRequest(WhisperTask.TRANSCRIBE,
                arguments.language(), arguments.flag("timestamps"), prompt.isEmpty() ? null : prompt, List.of())));
    }
}
