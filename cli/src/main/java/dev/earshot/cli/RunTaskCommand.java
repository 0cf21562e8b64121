package dev.earshot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.tasks.TaskPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code earshot run TASK AUDIO}: any task plugin on the class path, built-in or third-party. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a task plugin (see 'earshot tasks') on an audio file and prints its output.")
final class RunTaskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TASK", description = "The task's name.")
    String task;

    @Parameters(index = "1", paramLabel = "AUDIO", description = "Audio file.")
    Path audio;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A task option; repeat for several.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--language", paramLabel = "CODE", description = "Spoken language; detected when left out.")
    String language;

    @Option(names = "--json", description = "Print the task's data as JSON instead of its text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TaskPlugin plugin = TaskPlugins.named(task, Thread.currentThread().getContextClassLoader());
        Language spoken = language == null ? null : Language.lookup(language.toLowerCase(Locale.ROOT));
        TaskArguments arguments = TaskArguments.of(plugin, options, spoken);
        if (!java.nio.file.Files.isRegularFile(audio)) {
            throw new IllegalArgumentException(audio + ": no such audio file");
        }
        try (ModelOptions.LoadedModel loaded = modelOptions.load(); WhisperSession session = loaded.newSession()) {
            TaskOutput output = TaskRun.run(plugin, arguments, loaded, session, audio,
                    DecodingOptions.builder().beamSize(5).bestOf(5).build());
            System.out.println(json ? new ObjectMapper().writeValueAsString(output.data()) : output.text());
        }
        return 0;
    }
}
