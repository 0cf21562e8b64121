package dev.earshot.model.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds third-party data files (DESIGN.md, "Third-party data"), looking in this order:
 * <ol>
 *   <li>the directory named by {@code $EARSHOT_ASSETS};</li>
 *   <li>the model's directory, when the model carries its own copy;</li>
 *   <li>the earshot cache, {@code <cache>/assets}, where {@code <cache>} is {@code $EARSHOT_CACHE}, else
 *       {@code $XDG_CACHE_HOME/earshot}, else {@code ~/.cache/earshot};</li>
 *   <li>a download from the file's public source into the cache, accepted only with the published SHA-256 and
 *       moved into place atomically, so that the cache never holds a partial or wrong file.</li>
 * </ol>
 * Files in the first two places are the user's choice and used as they are; cached files are checked again, and a
 * damaged one is replaced. Everything the resolver depends on (environment, home, cache, source, HTTP client) is
 * given to it, so tests run it against a local server.
 */
public final class AssetResolver {

    /** The variable naming a directory that holds the files; the way to run offline. */
    public static final String ASSETS_VARIABLE = "EARSHOT_ASSETS";
    /** The variable naming earshot's cache directory. */
    public static final String CACHE_VARIABLE = "EARSHOT_CACHE";
    /** whisper's {@code assets} directory at the release the reference data was made with. */
    public static final URI DEFAULT_SOURCE = URI.create(
            "https://raw.githubusercontent.com/openai/whisper/c0d2f624c09dc18e709e37c2ad90c039a4eb72a2/whisper/assets/");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final Path assetsDirectory;
    private final Path modelDirectory;
    private final Path cacheDirectory;
    private final URI source;
    private final HttpClient httpClient;

    private AssetResolver(Path assetsDirectory, Path modelDirectory, Path cacheDirectory, URI source,
                          HttpClient httpClient) {
        this.assetsDirectory = assetsDirectory;
        this.modelDirectory = modelDirectory;
        this.cacheDirectory = cacheDirectory;
        this.source = source;
        this.httpClient = httpClient;
    }

    /** A resolver for this process: its environment, the user's home, the public source. */
    public static AssetResolver fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same resolver, also looking in a model's directory (after {@code $EARSHOT_ASSETS}). */
    public AssetResolver withModelDirectory(Path directory) {
        return new AssetResolver(assetsDirectory, directory, cacheDirectory, source, httpClient);
    }

    /**
     * {@code $EARSHOT_CACHE}, else {@code $XDG_CACHE_HOME/earshot} (when absolute, as the XDG spec requires), else
     * {@code <home>/.cache/earshot}.
     */
    public static Path defaultCacheDirectory(Map<String, String> environment, Path userHome) {
        String earshotCache = environment.get(CACHE_VARIABLE);
        if (earshotCache != null && !earshotCache.isBlank()) {
            return Path.of(earshotCache);
        }
        String xdgCache = environment.get("XDG_CACHE_HOME");
        if (xdgCache != null && !xdgCache.isBlank() && Path.of(xdgCache).isAbsolute()) {
            return Path.of(xdgCache, "earshot");
        }
        return userHome.resolve(".cache").resolve("earshot");
    }

    /** Where downloaded files are kept. */
    public Path cacheDirectory() {
        return cacheDirectory.resolve("assets");
    }

    /**
     * The path of a readable copy of the file, downloading it on first use.
     *
     * @throws AssetUnavailableException if it is nowhere and cannot be downloaded; the message names EARSHOT_ASSETS
     * @throws AssetChecksumException    if the download is not the published file
     */
    public Path resolve(ThirdPartyAsset asset) {
        List<String> searched = new ArrayList<>();
        if (assetsDirectory != null) {
            Path candidate = assetsDirectory.resolve(asset.fileName());
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            searched.add("$" + ASSETS_VARIABLE + " (" + assetsDirectory + ")");
        } else {
            searched.add("$" + ASSETS_VARIABLE + " (not set)");
        }
        if (modelDirectory != null) {
            Path candidate = modelDirectory.resolve(asset.fileName());
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            searched.add("the model directory (" + modelDirectory + ")");
        }
        Path cached = cacheDirectory().resolve(asset.fileName());
        searched.add("the cache (" + cached.getParent() + ")");
        if (Files.isRegularFile(cached) && hasPublishedContent(cached, asset)) {
            return cached;
        }
        return download(asset, cached, String.join(", ", searched));
    }

    private static boolean hasPublishedContent(Path file, ThirdPartyAsset asset) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).equals(asset.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    private Path download(ThirdPartyAsset asset, Path target, String searched) {
        URI uri = source.resolve(asset.fileName());
        Path directory = target.getParent();
        Path partial = null;
        try {
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, asset.fileName() + ".", ".partial");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            String actualSha256;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new AssetUnavailableException(asset, uri, searched, "the server answered HTTP "
                            + response.statusCode(), null);
                }
                actualSha256 = copyHashing(body, partial, asset.size());
            }
            if (!actualSha256.equals(asset.sha256())) {
                throw new AssetChecksumException(asset, uri, actualSha256);
            }
            moveIntoPlace(partial, target);
            partial = null;
            return target;
        } catch (IOException e) {
            throw new AssetUnavailableException(asset, uri, searched, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetUnavailableException(asset, uri, searched, "the download was interrupted", e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * Copies the body into the file and returns its SHA-256. Copying stops one byte past the published size: that
     * is enough to know the content is wrong, and a misbehaving server cannot fill the disk.
     */
    private static String copyHashing(InputStream body, Path file, long expectedSize) throws IOException {
        MessageDigest digest = sha256();
        long limit = expectedSize + 1;
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (written < limit && (n = body.read(buffer, 0, (int) Math.min(buffer.length, limit - written))) >= 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                written += n;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on unusual file systems; a plain replace is the best left.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String describe(IOException e) {
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + detail;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing more to do: a leftover ".partial" file is never mistaken for the asset.
        }
    }

    private HttpClient client() {
        return httpClient != null ? httpClient : DefaultClient.INSTANCE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Created only when something is downloaded, since a client starts a thread. */
    private static final class DefaultClient {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Settings of a resolver; each defaults to this process's environment. */
    public static final class Builder {

        private Map<String, String> environment = System.getenv();
        private Path userHome = Path.of(System.getProperty("user.home"));
        private Path cacheDirectory;
        private Path modelDirectory;
        private URI source = DEFAULT_SOURCE;
        private HttpClient httpClient;

        private Builder() {
        }

        /** Environment variables to read ({@code EARSHOT_ASSETS}, {@code EARSHOT_CACHE}, {@code XDG_CACHE_HOME}). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder userHome(Path userHome) {
            this.userHome = userHome;
            return this;
        }

        /** The cache directory, instead of the one the environment names. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        public Builder modelDirectory(Path modelDirectory) {
            this.modelDirectory = modelDirectory;
            return this;
        }

        /** The base address files are downloaded from; a file's URL is this plus its name. */
        public Builder source(URI source) {
            String text = source.toString();
            this.source = text.endsWith("/") ? source : URI.create(text + "/");
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public AssetResolver build() {
            String assets = environment.get(ASSETS_VARIABLE);
            Path assetsDirectory = assets == null || assets.isBlank() ? null : Path.of(assets);
            Path cache = cacheDirectory != null ? cacheDirectory : defaultCacheDirectory(environment, userHome);
            return new AssetResolver(assetsDirectory, modelDirectory, cache, source, httpClient);
        }
    }
}
