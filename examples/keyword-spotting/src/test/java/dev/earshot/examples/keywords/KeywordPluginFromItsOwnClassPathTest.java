package dev.earshot.examples.keywords;

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
import dev.earshot.model.tokenizer.WhisperTokenizer;
import dev.earshot.tasks.TaskPlugins;
import dev.earshot.tasks.WhisperTaskContext;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's classes are not on this test's class path (see the pom): the engine must find it through a
 * class loader over the plugin's own directory, as an application finds a third-party jar, and run it.
 */
class KeywordPluginFromItsOwnClassPathTest {

    @Test
    void foundThroughServiceLoaderOnASeparateClassPathAndRunEndToEnd() throws Exception {
        ClassLoader engine = getClass().getClassLoader();
        assertFalse(TaskPlugins.find(engine).stream().anyMatch(p -> p.name().equals("keywords")),
                "the plugin must not be visible without its own class path");

        Path pluginClasses = Path.of(System.getProperty("earshot.example.classes"));
        try (URLClassLoader withPlugin = new URLClassLoader(new URL[] {pluginClasses.toUri().toURL()}, engine)) {
            TaskPlugin plugin = TaskPlugins.named("keywords", withPlugin);
            assertSame(withPlugin, plugin.getClass().getClassLoader());
            assertTrue(TaskPlugins.find(withPlugin).stream().anyMatch(p -> p.name().equals("transcribe")),
                    "built-in tasks are still there");

            try (Backend backend = new CpuBackendProvider().open(BackendOptions.defaults());
                 WhisperModel model = WhisperModel.load(ReferenceModels.modelDirectory("toy-en"), backend);
                 WhisperSession session = model.newSession()) {
                WhisperTokenizer tokenizer = ReferenceModels.tokenizer(model.vocabulary());
                MelSpectrogram window = ReferenceModels.decodeInputMel("jfk", 80);
                MelSpectrogram padded = window.window(0, 1100, 1100 + MelSpectrogram.FRAMES_PER_WINDOW);
                WhisperTaskContext context = new WhisperTaskContext(session, tokenizer, padded,
                        DecodingOptions.builder().build());

                IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                        () -> TaskArguments.of(plugin, Map.of(), null));
                assertTrue(missing.getMessage().contains("--set words="), missing.getMessage());

                TaskOutput output = plugin.run(context, TaskArguments.of(plugin, Map.of("words", "country, Americans"), null));
                assertEquals(List.of("country", "Americans"), output.data().get("keywords"));
                assertTrue((int) output.data().get("segments_searched") > 0, "it transcribed the audio");
                assertTrue(output.data().get("hits") instanceof List<?>);
            }
        }
    }
}
