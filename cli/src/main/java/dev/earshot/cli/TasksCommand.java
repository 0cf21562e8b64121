package dev.earshot.cli;

import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.tasks.TaskPlugins;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code earshot tasks}: the task plugins on the class path and their options. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Lists the task plugins found on the class path, with their options.")
final class TasksCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (TaskPlugin plugin : TaskPlugins.find(Thread.currentThread().getContextClassLoader())) {
            System.out.printf("%s — %s%n", plugin.name(), plugin.description());
            for (TaskOption option : plugin.options()) {
                System.out.printf("    --set %s=…  %s%s%n", option.name(), option.description(),
                        option.defaultValue() == null ? " (required)" : " (default: " + option.defaultValue() + ")");
            }
        }
        return 0;
    }
}
