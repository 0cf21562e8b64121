package dev.earshot.examples.keywords;

import dev.earshot.api.prompt.WhisperTask;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskContext;
import dev.earshot.api.task.TaskOption;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.api.task.TranscriptionRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds where domain terms are spoken. The terms go into the prompt, which biases Whisper toward their
 * spellings (openai's initial_prompt trick), then every segment that contains one is reported with its time.
 * Written against {@code earshot-api} alone, as any third-party task would be.
 */
public final class KeywordSpottingTask implements TaskPlugin {

    @Override
    public String name() {
        return "keywords";
    }

    @Override
    public String description() {
        return "where given terms are spoken, with segment times (the terms also bias the transcription)";
    }

    @Override
    public List<TaskOption> options() {
        return List.of(TaskOption.required("words", "comma-separated terms to spot, e.g. Kubernetes,etcd,Raft"));
    }

    @Override
    public TaskOutput run(TaskContext context, TaskArguments arguments) {
        List<String> keywords = arguments.list("words");
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("give at least one term: --set words=term1,term2");
        }
        String glossary = "Glossary: " + String.join(", ", keywords) + ".";
        Transcript transcript = context.transcribe(new TranscriptionRequest(WhisperTask.TRANSCRIBE, arguments.language(),
                true, glossary, List.of()));
        List<Map<String, Object>> hits = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            List<String> words = normalisedWords(segment.text());
            for (String keyword : keywords) {
                if (containsPhrase(words, normalisedWords(keyword))) {
                    Map<String, Object> hit = new LinkedHashMap<>();
                    hit.put("keyword", keyword);
                    hit.put("start", segment.start());
                    hit.put("end", segment.end());
                    hit.put("text", segment.text().strip());
                    hits.add(hit);
                    text.append(String.format("%s at %.2f–%.2f s: %s%n", keyword, segment.start(), segment.end(),
                            segment.text().strip()));
                }
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keywords", keywords);
        data.put("hits", hits);
        data.put("segments_searched", transcript.segments().size());
        return new TaskOutput(hits.isEmpty() ? "no keyword spoken" : text.toString().stripTrailing(), data);
    }

    /** Lower-cased words with punctuation around them removed, so "Raft," matches "raft". */
    static List<String> normalisedWords(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            String trimmed = word.replaceAll("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$", "");
            if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        return words;
    }

    static boolean containsPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }
}
