package dev.earshot.tasks.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.backend.Backend;
import dev.earshot.api.backend.BackendOptions;
import dev.earshot.api.task.TaskArguments;
import dev.earshot.api.task.TaskOutput;
import dev.earshot.api.task.TaskPlugin;
import dev.earshot.backend.cpu.CpuBackendProvider;
import dev.earshot.backend.tck.ReferenceModels;
import dev.earshot.model.WhisperModel;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.tasks.TaskPlugins;
import dev.earshot.tasks.WhisperTaskContext;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in tasks, found through ServiceLoader and checked against openai's numbers where they exist. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInTasksTest {

    private Backend backend;

    @BeforeAll
    void open() {
        backend = new CpuBackendProvider().open(BackendOptions.defaults());
    }

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void allFourAreOnTheClassPath() {
        List<String> names = TaskPlugins.find(getClass().getClassLoader()).stream().map(TaskPlugin::name).toList();
        assertTrue(names.containsAll(List.of("transcribe", "translate", "language-id", "speech-detection")), names.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskPlugins.named("summarize", getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("transcribe"), e.getMessage());
    }

    @Test
    void languageIdGivesOpenaisDistribution() throws Exception {
        JsonNode expected = Reference.json(ReferenceModels.expected("toy-multi", "language.json")).get("clips").get("jfk");
        TaskOutput output = run("toy-multi", "language-id", Map.of("top", "3"));
        assertEquals(expected.get("language").asText(), output.data().get("language"));
        assertEquals(expected.get("probs").get(expected.get("language").asText()).asDouble(),
                (double) output.data().get("probability"), 2e-5);
        assertEquals(3, ((Map<?, ?>) output.data().get("top")).size());
    }

    @Test
    void speechDetectionReadsOpenaisNoSpeechProbability() throws Exception {
        JsonNode greedy = null;
        for (JsonNode c : Reference.json(ReferenceModels.expected("toy-en", "decode.json")).get("cases")) {
            if (c.get("name").asText().equals("greedy") && c.get("clip").asText().equals("jfk")) {
                greedy = c;
            }
        }
        double expected = greedy.get("result").get("no_speech_prob").asDouble();
        TaskOutput output = run("toy-en", "speech-detection", Map.of());
        List<?> windows = (List<?>) output.data().get("windows");
        assertEquals(1, windows.size(), "11 s of audio is one window");
        Map<?, ?> window = (Map<?, ?>) windows.getFirst();
        assertEquals(expected, (double) window.get("no_speech_prob"), 1e-4 * expected);
        assertEquals(true, window.get("speech"), "far below the 0.6 threshold");
        TaskOutput strict = run("toy-en", "speech-detection", Map.of("threshold", "0", "logprob-threshold", "0"));
        assertEquals(false, ((Map<?, ?>) ((List<?>) strict.data().get("windows")).getFirst()).get("speech"));
    }

    @Test
    void translateRefusesEnglishOnlyModels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("toy-en", "translate", Map.of()));
        assertTrue(e.getMessage().contains("English-only"), e.getMessage());
    }

    @Test
    void badOptionsAreRefusedBeforeRunning() {
        TaskPlugin transcribe = TaskPlugins.named("transcribe", getClass().getClassLoader());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TaskArguments.of(transcribe, Map.of("beam", "5"), null));
        assertTrue(unknown.getMessage().contains("no option 'beam'") && unknown.getMessage().contains("prompt"),
                unknown.getMessage());
        TaskArguments notABoolean = TaskArguments.of(transcribe, Map.of("timestamps", "yes"), null);
        assertThrows(IllegalArgumentException.class, () -> notABoolean.flag("timestamps"));
    }

    private TaskOutput run(String modelName, String task, Map<String, String> options) throws Exception {
        TaskPlugin plugin = TaskPlugins.named(task, getClass().getClassLoader());
        try (WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory(modelName), backend);
             WhisperSession session = model.newSession()) {
            MelSpectrogram window = ReferenceModels.decodeInputMel("jfk", 80);
            MelSpectrogram padded = window.window(0, 1100, 1100 + MelSpectrogram.FRAMES_PER_WINDOW);
            WhisperTaskContext context = new WhisperTaskContext(session, ReferenceModels.tokenizer(model.vocabulary()), padded,
                    DecodingOptions.builder().build());
            return plugin.run(context, TaskArguments.of(plugin, options, null));
        }
    }
}
