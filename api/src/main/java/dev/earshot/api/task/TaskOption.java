package dev.earshot.api.task;

/**
 * An option a task accepts ({@code --set name=value} on the command line).
 *
 * @param defaultValue the value when not given, or null when the option is required
 */
public record TaskOption(String name, String description, String defaultValue) {

    public TaskOption {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option names are lower-case words joined by '-', not '" + name + "'");
        }
    }

    public static TaskOption required(String name, String description) {
        return new TaskOption(name, description, null);
    }

    public static TaskOption optional(String name, String description, String defaultValue) {
        return new TaskOption(name, description, defaultValue);
    }
}
