package dev.earshot.model.hub;

import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubModelResolverTest {

    private static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    /** Lays out a snapshot the way Python's huggingface_hub leaves it: blobs, a snapshot of links, refs/main. */
    private static Path cacheLikePython(Path root, String repo) throws IOException {
        Path repository = root.resolve("models--" + repo.replace("/", "--"));
        Path snapshot = repository.resolve("snapshots").resolve(COMMIT);
        Files.createDirectories(snapshot);
        Files.createDirectories(repository.resolve("blobs"));
        Files.createDirectories(repository.resolve("refs"));
        for (String file : new String[]{"config.json", "model.safetensors"}) {
            Path blob = repository.resolve("blobs").resolve("blob-" + file);
            Files.copy(Reference.path("models", "toy-multi", file), blob);
            Files.createSymbolicLink(snapshot.resolve(file), Path.of("../../blobs").resolve(blob.getFileName()));
        }
        Files.writeString(repository.resolve("refs/main"), COMMIT);
        return snapshot;
    }

    private static ModelResolver offlineResolver(Path cache) {
        return new ModelResolver(new HubClient(new HubSettings(URI.create("http://127.0.0.1:9"), cache, true, Optional.empty()),
                new PrintStream(PrintStream.nullOutputStream())));
    }

    @Test
    void aModelNameResolvesToASnapshotAPythonToolAlreadyDownloaded(@TempDir Path cache) throws IOException {
        Path snapshot = cacheLikePython(cache, "openai/whisper-tiny.en");
        assertEquals(snapshot, offlineResolver(cache).resolve("tiny.en"));
        assertEquals(snapshot, offlineResolver(cache).resolve("openai/whisper-tiny.en"));
    }

    @Test
    void anExistingPathIsTakenAsItIs(@TempDir Path cache) throws IOException {
        Path pt = Reference.path("models", "toy-multi", "model.pt");
        assertEquals(pt, offlineResolver(cache).resolve(pt.toString()));
    }

    @Test
    void anUnknownNameListsTheKnownOnes(@TempDir Path cache) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> offlineResolver(cache).resolve("tiniest"));
        assertTrue(e.getMessage().contains("large-v3-turbo") && e.getMessage().contains("distil-large-v3"), e.getMessage());
    }

    @Test
    void theNameTableCoversTheOfficialAndDistilledModels() {
        assertEquals(Optional.of("openai/whisper-large-v3-turbo"), ModelNames.repositoryOf("large-v3-turbo"));
        assertEquals(Optional.of("openai/whisper-large"), ModelNames.repositoryOf("large-v1"));
        assertEquals(Optional.of("distil-whisper/distil-large-v3"), ModelNames.repositoryOf("distil-large-v3"));
        assertEquals(Optional.of("openai/whisper-medium.en"), ModelNames.repositoryOf("medium.en"));
        for (String name : new String[]{"tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium", "medium.en",
                "large-v1", "large-v2", "large-v3", "large-v3-turbo", "distil-large-v3"}) {
            assertTrue(ModelNames.repositoryOf(name).isPresent(), name);
        }
    }
}
