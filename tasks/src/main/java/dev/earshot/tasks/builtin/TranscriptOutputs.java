package dev.earshot.tasks.builtin;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.task.TaskOutput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A transcript as task output: its text, and openai's result shape as data. */
final class TranscriptOutputs {

    private TranscriptOutputs() {
    }

    static TaskOutput of(Transcript transcript) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", transcript.text());
        List<Map<String, Object>> segments = transcript.segments().stream().map(TranscriptOutputs::segment).toList();
        data.put("segments", segments);
        data.put("language", transcript.language().code());
        return new TaskOutput(transcript.text().strip(), data);
    }

    private static Map<String, Object> segment(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("start", s.start());
        m.put("end", s.end());
        m.put("text", s.text());
        m.put("avg_logprob", s.averageLogProbability());
        m.put("no_speech_prob", s.noSpeechProbability());
        return m;
    }
}
