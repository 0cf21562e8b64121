package dev.earshot.tasks.builtin;

import dev.earshot.api.prompt.Prompt;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.api.task.WindowRequest;
import dev.earshot.api.task.WindowResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speech or not, per 30 s window: the probability of {@code <|nospeech|>} at {@code <|startoftranscript|>},
 * against a threshold. As in openai's transcribe(), a window whose text is probable enough counts as speech
 * whatever that probability says.
 */
public final class SpeechDetectionTask implements TaskPlugin {

    @Override
    public String name() {
        return "speech-detection";
    }

    @Override
    public String description() {
        return "speech or silence per 30 s window, from the no-speech probability";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(TaskOption.optional("threshold", "no-speech probability above which a window is silence", "0.6"),
                TaskOption.optional("logprob-threshold", "average log-probability above which a window is speech anyway", "-1.0"));
    }

    @Override
    public TaskOutput run(TaskContext context, TaskArguments arguments) {
        double threshold = arguments.number("threshold");
        double logProbThreshold = arguments.number("logprob-threshold");
        List<Map<String, Object>> windows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Prompt prompt = Prompt.builder(context.specialTokens()).withoutTimestamps().build();
        for (double start = 0; start < context.audioSeconds(); start += 30) {
            WindowResult result = context.decodeWindow(new WindowRequest(start, prompt, 224, List.of()));
            boolean speech = !(result.noSpeechProbability() > threshold) || result.averageLogProbability() > logProbThreshold;
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("start", start);
            window.put("end", Math.min(start + 30, context.audioSeconds()));
            window.put("no_speech_prob", result.noSpeechProbability());
            window.put("speech", speech);
            windows.add(window);
            text.append(String.format("%8.2f s – %8.2f s  %s (no-speech %.3f)%n", start, (double) window.get("end"),
                    speech ? "speech" : "silence", result.noSpeechProbability()));
        }
        return new TaskOutput(text.toString().stripTrailing(), Map.of("windows", windows));
    }
}
