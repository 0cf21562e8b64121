package dev.earshot.tasks;

import dev.earshot.api.task.TaskPlugin;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The task plugins on a class path, found with {@link ServiceLoader}. */
public final class TaskPlugins {

    private TaskPlugins() {
    }

    /** Every plugin the loader sees, by name. */
    public static List<TaskPlugin> find(ClassLoader loader) {
        return ServiceLoader.load(TaskPlugin.class, loader).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(TaskPlugin::name)).toList();
    }

    /** The plugin called {@code name}; an unknown name is an error that lists the known ones. */
    public static TaskPlugin named(String name, ClassLoader loader) {
        List<TaskPlugin> plugins = find(loader);
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task named '" + name + "'; tasks on the class path: "
                        + plugins.stream().map(TaskPlugin::name).collect(Collectors.joining(", "))
                        + " (a plugin jar adds more: see 'earshot tasks')"));
    }
}
