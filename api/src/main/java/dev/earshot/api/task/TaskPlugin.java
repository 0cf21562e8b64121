package dev.earshot.api.task;

import java.util.List;

/**
 * A task over Whisper's special-token grammar: language identification, speech detection, transcription,
 * translation, or a third party's own. Found with {@link java.util.ServiceLoader}: a jar with a
 * {@code META-INF/services/dev.earshot.api.task.TaskPlugin} entry adds one without touching the engine.
 * Implementations are stateless and thread-safe; {@link #run} gets everything through its context.
 */
public interface TaskPlugin {

    /** The name users type ({@code earshot run NAME}); lower-case words joined by '-'. */
    String name();

    /** One line for {@code earshot tasks}. */
    String description();

    /** The options the task accepts; {@link TaskArguments} checks the user's against them. */
    List<TaskOption> options();

    TaskOutput run(TaskContext context, TaskArguments arguments);
}
