package dev.earshot.cli;

import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.audio.mel.StreamingMelSource;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.tasks.WhisperTaskContext;

import java.io.IOException;
import java.nio.file.Path;

/** Runs a task plugin on one audio file, its spectrogram streamed from the file. */
final class TaskRun {

    private TaskRun() {
    }

    static TaskOutput run(TaskPlugin plugin, TaskArguments arguments, ModelOptions.LoadedModel loaded,
                          WhisperSession session, Path audio, DecodingOptions decodingDefaults) throws IOException {
        try (StreamingMelSource mel = StreamingMelSource.open(audio, loaded.model().config().melCount())) {
            return plugin.run(new WhisperTaskContext(session, loaded.tokenizer(), mel, decodingDefaults), arguments);
        }
    }
}
