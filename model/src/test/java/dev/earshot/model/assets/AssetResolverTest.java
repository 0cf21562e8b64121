package dev.earshot.model.assets;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.testkit.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resolver's search order and downloads, against a server on 127.0.0.1 (never the real source). */
class AssetResolverTest {

    @TempDir
    Path temp;

    private HttpServer server;
    /** What the server answers for each file name; absent names get 404. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/assets/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/assets/".length());
            byte[] body = served.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI serverSource() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/assets");
    }

    private AssetResolver.Builder resolver(Map<String, String> environment) {
        return AssetResolver.builder().environment(environment).userHome(temp.resolve("home"))
                .cacheDirectory(temp.resolve("cache")).source(serverSource());
    }

    private static byte[] published(ThirdPartyAsset asset) throws IOException {
        return Files.readAllBytes(Reference.assets().resolve(asset.fileName()));
    }

    private List<Path> cacheContents() throws IOException {
        Path assets = temp.resolve("cache").resolve("assets");
        if (!Files.isDirectory(assets)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(assets)) {
            return files.toList();
        }
    }

    @Test
    void theChecksumsAreThoseOfTheReferenceCopies() throws Exception {
        for (ThirdPartyAsset asset : ThirdPartyAsset.values()) {
            byte[] bytes = published(asset);
            assertEquals(asset.size(), bytes.length, asset.fileName());
            assertEquals(asset.sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        assertEquals(ThirdPartyAsset.GPT2_RANKS, ThirdPartyAsset.forFileName("gpt2.tiktoken"));
        assertThrows(IllegalArgumentException.class, () -> ThirdPartyAsset.forFileName("vocab.json"));
    }

    @Test
    void earshotAssetsComesFirst() {
        AssetResolver resolver = resolver(Map.of("EARSHOT_ASSETS", Reference.assets().toString()))
                .modelDirectory(temp).build();
        assertEquals(Reference.assets().resolve("gpt2.tiktoken"), resolver.resolve(ThirdPartyAsset.GPT2_RANKS));
        assertEquals(0, requests.get());
    }

    @Test
    void theModelDirectoryComesBeforeTheCache() throws IOException {
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.writeString(model.resolve("english.json"), "{}");
        AssetResolver resolver = resolver(Map.of("EARSHOT_ASSETS", temp.resolve("empty").toString())).build()
                .withModelDirectory(model);
        assertEquals(model.resolve("english.json"), resolver.resolve(ThirdPartyAsset.ENGLISH_SPELLINGS));
        assertEquals(0, requests.get());
    }

    @Test
    void downloadsOnFirstUseIntoTheCacheAndReusesIt() throws IOException {
        served.put("multilingual.tiktoken", published(ThirdPartyAsset.MULTILINGUAL_RANKS));
        AssetResolver resolver = resolver(Map.of()).build();
        Path path = resolver.resolve(ThirdPartyAsset.MULTILINGUAL_RANKS);
        assertEquals(temp.resolve("cache").resolve("assets").resolve("multilingual.tiktoken"), path);
        assertArrayEquals(published(ThirdPartyAsset.MULTILINGUAL_RANKS), Files.readAllBytes(path));
        assertEquals(List.of(path), cacheContents(), "no partial file is left behind");
        assertEquals(path, resolver.resolve(ThirdPartyAsset.MULTILINGUAL_RANKS));
        assertEquals(1, requests.get(), "the second resolve uses the cache");
    }

    @Test
    void aDamagedCachedFileIsReplaced() throws IOException {
        served.put("english.json", published(ThirdPartyAsset.ENGLISH_SPELLINGS));
        Path cached = Files.createDirectories(temp.resolve("cache").resolve("assets")).resolve("english.json");
        Files.writeString(cached, "{\"truncated\":");
        AssetResolver resolver = resolver(Map.of()).build();
        assertEquals(cached, resolver.resolve(ThirdPartyAsset.ENGLISH_SPELLINGS));
        assertArrayEquals(published(ThirdPartyAsset.ENGLISH_SPELLINGS), Files.readAllBytes(cached));
        assertEquals(1, requests.get());
    }

    @Test
    void aDownloadWithTheWrongChecksumIsDeletedAndReported() throws IOException {
        byte[] altered = published(ThirdPartyAsset.GPT2_RANKS);
        altered[100] ^= 1;
        served.put("gpt2.tiktoken", altered);
        AssetResolver resolver = resolver(Map.of()).build();
        AssetChecksumException e = assertThrows(AssetChecksumException.class,
                () -> resolver.resolve(ThirdPartyAsset.GPT2_RANKS));
        assertEquals(ThirdPartyAsset.GPT2_RANKS, e.asset());
        assertTrue(e.getMessage().contains(ThirdPartyAsset.GPT2_RANKS.sha256())
                && e.getMessage().contains("EARSHOT_ASSETS") && e.getMessage().contains("deleted"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void anOversizedDownloadIsCutShortAndRejected() throws IOException {
        byte[] huge = new byte[(int) ThirdPartyAsset.ENGLISH_SPELLINGS.size() * 20];
        served.put("english.json", huge);
        AssetResolver resolver = resolver(Map.of()).build();
        assertThrows(AssetChecksumException.class, () -> resolver.resolve(ThirdPartyAsset.ENGLISH_SPELLINGS));
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void aMissingFileOnTheServerNamesEarshotAssetsAndTheFile() throws IOException {
        AssetResolver resolver = resolver(Map.of("EARSHOT_ASSETS", temp.resolve("nowhere").toString())).build();
        AssetUnavailableException e = assertThrows(AssetUnavailableException.class,
                () -> resolver.resolve(ThirdPartyAsset.MULTILINGUAL_RANKS));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("set the environment variable EARSHOT_ASSETS"), e.getMessage());
        assertTrue(e.getMessage().contains("multilingual.tiktoken"), e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("nowhere").toString()), "says where it looked: " + e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void anUnreachableServerNamesEarshotAssetsAndTheFile() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AssetResolver resolver = resolver(Map.of()).source(URI.create("http://127.0.0.1:" + closedPort + "/assets/"))
                .build();
        AssetUnavailableException e = assertThrows(AssetUnavailableException.class,
                () -> resolver.resolve(ThirdPartyAsset.GPT2_RANKS));
        assertTrue(e.getMessage().contains("EARSHOT_ASSETS") && e.getMessage().contains("gpt2.tiktoken")
                && e.getMessage().contains("(not set)"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void theCacheDirectoryFollowsTheEnvironment() {
        Path home = Path.of("/home/someone");
        assertEquals(Path.of("/var/cache/x"),
                AssetResolver.defaultCacheDirectory(Map.of("EARSHOT_CACHE", "/var/cache/x", "XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/xdg/earshot"), AssetResolver.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(home.resolve(".cache/earshot"),
                AssetResolver.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "relative"), home));
        assertEquals(home.resolve(".cache/earshot"), AssetResolver.defaultCacheDirectory(Map.of(), home));
        AssetResolver resolver = AssetResolver.builder().environment(Map.of("EARSHOT_CACHE", temp.toString())).build();
        assertEquals(temp.resolve("assets"), resolver.cacheDirectory());
    }

    @Test
    void theDefaultSourceIsWhispersPinnedCommit() {
        assertEquals("https://raw.githubusercontent.com/openai/whisper/c0d2f624c09dc18e709e37c2ad90c039a4eb72a2/"
                + "whisper/assets/gpt2.tiktoken", AssetResolver.DEFAULT_SOURCE.resolve("gpt2.tiktoken").toString());
        assertFalse(AssetResolver.DEFAULT_SOURCE.toString().contains(" "));
    }
}
