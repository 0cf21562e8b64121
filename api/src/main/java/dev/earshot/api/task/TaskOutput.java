package dev.earshot.api.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a task produced: text for people, and a JSON-shaped value (maps, lists, strings, numbers, booleans)
 * for programs.
 */
public record TaskOutput(String text, Map<String, Object> data) {

    public TaskOutput {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
