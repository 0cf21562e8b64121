package dev.earshot.tasks.builtin;

import dev.earshot.api.prompt.Language;
import dev.earshot.api.result.LanguageProbabilities;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spoken language: the distribution over language tokens after {@code <|startoftranscript|>}. */
public final class LanguageIdTask implements TaskPlugin {

    @Override
    public String name() {
        return "language-id";
    }

    @Override
    public String description() {
        return "the spoken language and its probability, over the first 30 s (multilingual models)";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(TaskOption.optional("top", "how many of the likeliest languages to list", "5"));
    }

    @Override
    public TaskOutput run(TaskContext context, TaskArguments arguments) {
        LanguageProbabilities probabilities = context.detectLanguage();
        int top = (int) arguments.number("top");
        Map<String, Object> likeliest = new LinkedHashMap<>();
        for (Map.Entry<Language, Double> e : probabilities.top(Math.max(1, top))) {
            likeliest.put(e.getKey().code(), e.getValue());
        }
        Language language = probabilities.mostLikely();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("language", language.code());
        data.put("probability", probabilities.probability(language));
        data.put("top", likeliest);
        return new TaskOutput(language.code() + " (" + language.englishName() + ")", data);
    }
}
