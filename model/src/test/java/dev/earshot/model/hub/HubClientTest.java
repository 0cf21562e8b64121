package dev.earshot.model.hub;

import dev.earshot.model.weights.CheckpointFormat;
import dev.earshot.model.weights.ModelLocator;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubClientTest {

    private static final String REPO = "openai/whisper-toy";
    private static final Path TOY = Reference.path("models", "toy-multi");

    @TempDir
    Path cacheRoot;
    private FakeHub hub;
    private byte[] weights;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void startHub() throws IOException {
        weights = Files.readAllBytes(TOY.resolve("model.safetensors"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", Files.readAllBytes(TOY.resolve("config.json")));
        files.put("generation_config.json", Files.readAllBytes(TOY.resolve("generation_config.json")));
        files.put("model.safetensors", weights);
        hub = new FakeHub(REPO, files, Set.of("model.safetensors"));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubClient client(boolean offline, Optional<String> token) {
        return client(hub.endpoint(), offline, token);
    }

    private HubClient client(URI endpoint, boolean offline, Optional<String> token) {
        return new HubClient(new HubSettings(endpoint, cacheRoot, offline, token), new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void downloadsIntoTheHuggingFaceCacheLayoutAndTheSnapshotLoads() throws IOException {
        Path snapshot = client(false, Optional.empty()).model(REPO, "main");

        Path repository = cacheRoot.resolve("models--openai--whisper-toy");
        assertEquals(repository.resolve("snapshots").resolve(FakeHub.COMMIT), snapshot);
        assertEquals(FakeHub.COMMIT, Files.readString(repository.resolve("refs/main")));
        Path blob = repository.resolve("blobs").resolve(FakeHub.sha256(weights));
        assertArrayEquals(weights, Files.readAllBytes(blob));
        Path link = snapshot.resolve("model.safetensors");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("../../blobs/" + FakeHub.sha256(weights)), Files.readSymbolicLink(link));
        Path configBlob = repository.resolve("blobs").resolve(FakeHub.gitBlobSha1(Files.readAllBytes(TOY.resolve("config.json"))));
        assertTrue(Files.isRegularFile(configBlob), "small files are stored under their git blob id, as the hub's ETag names them");
        try (Var opened = new Var(ModelLocator.open(snapshot))) {
            assertEquals(CheckpointFormat.HUGGING_FACE_DIRECTORY, opened.value().format());
            assertEquals(2, opened.value().alignmentHeads().heads().size());
        }
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("model.safetensors") && bar.contains("100%"), bar);
    }

    @Test
    void aPartialDownloadIsResumedWithARangeRequest() throws IOException {
        Path blobs = cacheRoot.resolve("models--openai--whisper-toy/blobs");
        Files.createDirectories(blobs);
        int half = 1 << 20;
        Files.write(blobs.resolve(FakeHub.sha256(weights) + ".incomplete"), Arrays.copyOf(weights, half));

        Path snapshot = client(false, Optional.empty()).model(REPO, "main");

        assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("model.safetensors")));
        assertEquals(weights.length - half, hub.blobBytesServed.get(), "only the missing bytes were fetched");
        assertTrue(hub.requests.stream().anyMatch(r -> r.server().equals("cdn") && ("bytes=" + half + "-").equals(r.range())),
                hub.requests.toString());
        assertFalse(Files.exists(blobs.resolve(FakeHub.sha256(weights) + ".incomplete")));
    }

    @Test
    void aDownloadWhoseSha256DiffersFromTheEtagIsDiscarded() {
        hub.corruptBlobs = true;
        HubDownloadException e = assertThrows(HubDownloadException.class, () -> client(false, Optional.empty()).model(REPO, "main"));
        assertTrue(e.getMessage().contains("model.safetensors is corrupt") && e.getMessage().contains(FakeHub.sha256(weights)), e.getMessage());
        Path blobs = cacheRoot.resolve("models--openai--whisper-toy/blobs");
        assertFalse(Files.exists(blobs.resolve(FakeHub.sha256(weights))));
        assertFalse(Files.exists(blobs.resolve(FakeHub.sha256(weights) + ".incomplete")));
        assertFalse(Files.exists(cacheRoot.resolve("models--openai--whisper-toy/snapshots").resolve(FakeHub.COMMIT).resolve("model.safetensors")));
    }

    @Test
    void offlineModeUsesTheCachedSnapshotWithoutAnyRequest() throws IOException {
        Path online = client(false, Optional.empty()).model(REPO, "main");
        long before = hub.requestCount();
        Path offline = client(true, Optional.empty()).model(REPO, "main");
        assertEquals(online, offline);
        assertEquals(before, hub.requestCount());
    }

    @Test
    void offlineModeWithoutACachedSnapshotSaysWhatToDo() {
        HubUnavailableException e = assertThrows(HubUnavailableException.class, () -> client(true, Optional.empty()).model(REPO, "main"));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE is set"), e.getMessage());
        assertTrue(e.getMessage().contains("--model PATH"), e.getMessage());
        assertTrue(e.getMessage().contains(cacheRoot.toString()), e.getMessage());
        assertEquals(0, hub.requestCount());
    }

    @Test
    void anUnreachableHubFallsBackToTheCacheOrSaysWhatToDo() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        HubUnavailableException e = assertThrows(HubUnavailableException.class, () -> client(closed, false, Optional.empty()).model(REPO, "main"));
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains("--model PATH"), e.getMessage());

        Path cached = client(false, Optional.empty()).model(REPO, "main");
        assertEquals(cached, client(closed, false, Optional.empty()).model(REPO, "main"));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("using the cached"));
    }

    @Test
    void theTokenGoesToTheHubButNotToTheStorageItRedirectsTo() throws IOException {
        client(false, Optional.of("hf_secret")).model(REPO, "main");
        assertTrue(hub.requests.stream().filter(r -> r.server().equals("hub")).allMatch(r -> "Bearer hf_secret".equals(r.authorization())));
        assertTrue(hub.requests.stream().anyMatch(r -> r.server().equals("cdn")));
        hub.requests.stream().filter(r -> r.server().equals("cdn")).forEach(r -> assertNull(r.authorization()));
    }

    @Test
    void aRepositoryTheHubDoesNotHaveIsNamed() {
        HubDownloadException e = assertThrows(HubDownloadException.class, () -> client(false, Optional.empty()).model("openai/whisper-nope", "main"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("openai/whisper-nope@main has no config.json"), e.getMessage());
    }

    @Test
    void shardedWeightsAreFetchedThroughTheirIndex() throws IOException {
        hub.close();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", Files.readAllBytes(TOY.resolve("config.json")));
        files.put("model.safetensors.index.json",
                "{\"weight_map\": {\"model.encoder.conv1.weight\": \"model-00001-of-00001.safetensors\"}}".getBytes(StandardCharsets.UTF_8));
        files.put("model-00001-of-00001.safetensors", weights);
        hub = new FakeHub(REPO, files, Set.of("model-00001-of-00001.safetensors"));

        Path snapshot = client(false, Optional.empty()).model(REPO, "main");

        assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("model-00001-of-00001.safetensors")));
        assertFalse(Files.exists(snapshot.resolve("generation_config.json")), "an optional file the repository lacks is skipped");
        try (Var opened = new Var(ModelLocator.open(snapshot))) {
            assertEquals(64, opened.value().config().audioState());
        }
    }

    /** Closes an opened checkpoint (try-with-resources over a record accessor). */
    private record Var(ModelLocator.OpenedCheckpoint value) implements AutoCloseable {
        @Override
        public void close() {
            value.close();
        }
    }
}
