package dev.earshot.api.task;

import dev.earshot.api.prompt.Language;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a task's options, checked against what it declared: unknown names and missing required
 * options are refused before the task runs, and each accessor says which option was malformed.
 */
public final class TaskArguments {

    private final String task;
    private final Map<String, String> values;
    private final Language language;

    private TaskArguments(String task, Map<String, String> values, Language language) {
        this.task = task;
        this.values = values;
        this.language = language;
    }

    /**
     * @param given    name → value as the user gave them
     * @param language the spoken language, or null to detect it
     * @throws IllegalArgumentException naming the unknown or missing option and listing the valid ones
     */
    public static TaskArguments of(TaskPlugin plugin, Map<String, String> given, Language language) {
        Map<String, String> values = new LinkedHashMap<>();
        List<TaskOption> options = plugin.options();
        for (String name : given.keySet()) {
            if (options.stream().noneMatch(o -> o.name().equals(name))) {
                throw new IllegalArgumentException("task '" + plugin.name() + "' has no option '" + name + "'; its options: "
                        + (options.isEmpty() ? "none" : String.join(", ", options.stream().map(TaskOption::name).toList())));
            }
        }
        for (TaskOption option : options) {
            String value = given.getOrDefault(option.name(), option.defaultValue());
            if (value == null) {
                throw new IllegalArgumentException("task '" + plugin.name() + "' needs --set " + option.name() + "=… ("
                        + option.description() + ")");
            }
            values.put(option.name(), value);
        }
        return new TaskArguments(plugin.name(), values, language);
    }

    /** The spoken language the user gave, or null to detect it. */
    public Language language() {
        return language;
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("task '" + task + "' declared no option '" + name + "'");
        }
        return value;
    }

    public double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' of task '" + task + "' must be a number, not '"
                    + text(name) + "'");
        }
    }

    public boolean flag(String name) {
        String value = text(name);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("option '" + name + "' of task '" + task + "' must be true or false, not '"
                    + value + "'");
        }
        return value.equals("true");
    }

    /** A comma-separated list, items trimmed, empty items dropped. */
    public List<String> list(String name) {
        return Arrays.stream(text(name).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
