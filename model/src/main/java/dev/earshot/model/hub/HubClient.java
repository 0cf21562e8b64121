package dev.earshot.model.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.weights.HuggingFaceCheckpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Downloads a Whisper model repository from the Hugging Face hub into the shared hub cache, the way the Python
 * {@code huggingface_hub} lays it out, so either tool reuses the other's downloads. Interrupted downloads resume
 * from their {@code .incomplete} file with an HTTP range request; finished files are checked against the hub's
 * ETag (sha256 for LFS files, git blob sha1 for small ones) before they enter the cache. Offline, or when the hub
 * cannot be reached, a complete cached snapshot is used; otherwise a {@link HubUnavailableException} says what to do.
 */
public final class HubClient {

    public static final String DEFAULT_REVISION = "main";
    private static final String CONFIG = "config.json";
    private static final String GENERATION_CONFIG = "generation_config.json";
    private static final String WEIGHTS = "model.safetensors";
    private static final String WEIGHT_INDEX = "model.safetensors.index.json";
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSettings settings;
    private final HubCache cache;
    private final PrintStream progress;
    private final HttpClient http;

    /** @param progress where progress bars and fallback notices go (standard error for the CLI) */
    public HubClient(HubSettings settings, PrintStream progress) {
        this.settings = settings;
        this.cache = new HubCache(settings.cacheRoot());
        this.progress = progress;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // redirects are followed by hand, to drop the token off-host
                .connectTimeout(Duration.ofSeconds(15))
                .build();
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * A local snapshot directory holding {@code repoId}'s model at {@code revision}: config.json,
     * generation_config.json when the repository has one, and the safetensors weights (single file or shards).
     */
    public Path model(String repoId, String revision) throws IOException {
        if (settings.offline()) {
            return cachedModel(repoId, revision).orElseThrow(() -> unavailable(repoId, revision, "HF_HUB_OFFLINE is set", null));
        }
        try {
            return downloadModel(repoId, revision);
        } catch (HubDownloadException e) {
            throw e;
        } catch (IOException unreachable) {
            Optional<Path> cached = cachedModel(repoId, revision);
            if (cached.isPresent()) {
                progress.println("earshot: the hub at " + settings.endpoint() + " is unreachable (" + unreachable.getMessage()
                        + "); using the cached " + cached.get());
                return cached.get();
            }
            throw unavailable(repoId, revision, "the hub at " + settings.endpoint() + " is unreachable (" + unreachable + ")", unreachable);
        }
    }

    /** A cached snapshot of the model that has config and weights, without any network access. */
    public Optional<Path> cachedModel(String repoId, String revision) throws IOException {
        return cache.cachedSnapshot(repoId, revision).filter(HuggingFaceCheckpoint::isModelDirectory);
    }

    private HubUnavailableException unavailable(String repoId, String revision, String reason, Throwable cause) {
        return new HubUnavailableException("cannot get " + repoId + "@" + revision + ": " + reason + ", and the Hugging Face cache at "
                + cache.root() + " has no complete snapshot of it (looked in " + cache.repository(repoId) + "). Either pass a local model"
                + " with --model PATH (a model directory, an openai .pt or a whisper.cpp ggml .bin), point HF_HUB_CACHE or HF_HOME at a"
                + " cache that has it, or download it where there is network (e.g. huggingface-cli download " + repoId + ").", cause);
    }

    private Path downloadModel(String repoId, String revision) throws IOException {
        FetchedFile config = fetch(repoId, revision, CONFIG).orElseThrow(() -> new HubDownloadException(
                repoId + "@" + revision + " has no " + CONFIG + ": is it a Whisper model repository?", 404));
        String commit = config.commit(); // pin the rest to the commit config.json came from
        fetch(repoId, commit, GENERATION_CONFIG);
        if (fetch(repoId, commit, WEIGHTS).isEmpty()) {
            FetchedFile index = fetch(repoId, commit, WEIGHT_INDEX).orElseThrow(() -> new HubDownloadException(repoId + "@" + commit
                    + " has neither " + WEIGHTS + " nor " + WEIGHT_INDEX + "; earshot reads safetensors weights only", 404));
            for (String shard : shardNames(index.path())) {
                fetch(repoId, commit, shard).orElseThrow(() -> new HubDownloadException(
                        repoId + "@" + commit + " lists shard " + shard + " in " + WEIGHT_INDEX + " but does not have it", 404));
            }
        }
        cache.writeRef(repoId, revision, commit);
        return cache.snapshot(repoId, commit);
    }

    private static Set<String> shardNames(Path index) throws IOException {
        JsonNode weightMap = JSON.readTree(index.toFile()).get("weight_map");
        Set<String> shards = new LinkedHashSet<>();
        if (weightMap != null) {
            weightMap.elements().forEachRemaining(file -> shards.add(file.asText()));
        }
        return shards;
    }

    private record FetchedFile(Path path, String commit) {
    }

    /** What the hub says about a file before it is downloaded. */
    private record FileMetadata(String commit, String etag, long size, URI downloadUri) {
    }

    /** The file in the snapshot of its commit, downloading it if the cache lacks it; empty if the repository has no such file. */
    private Optional<FetchedFile> fetch(String repoId, String revision, String file) throws IOException {
        if (GIT_SHA1.matcher(revision).matches()) {
            Path cached = cache.snapshot(repoId, revision).resolve(file);
            if (Files.isRegularFile(cached)) {
                return Optional.of(new FetchedFile(cached, revision));
            }
        }
        URI uri = URI.create(settings.endpoint() + "/" + repoId + "/resolve/" + revision + "/" + file);
        Optional<FileMetadata> metadata = metadata(uri, repoId + "/" + file);
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        FileMetadata m = metadata.get();
        Path blob = cache.blob(repoId, m.etag());
        if (!Files.isRegularFile(blob)) {
            download(m, blob, file);
        }
        return Optional.of(new FetchedFile(cache.link(repoId, m.commit(), file, blob), m.commit()));
    }

    private Optional<FileMetadata> metadata(URI uri, String what) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<Void> response = send(request(current).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 404) {
                return Optional.empty();
            }
            checkAuthorised(status, what);
            Optional<String> commit = response.headers().firstValue("X-Repo-Commit");
            URI download = current;
            if (isRedirect(status)) {
                URI location = location(current, response);
                if (commit.isEmpty()) { // a renamed repository: ask again at the new place
                    current = location;
                    continue;
                }
                download = location;
            } else if (status != 200) {
                throw new HubDownloadException("the hub answered HTTP " + status + " for " + current, status);
            }
            String etag = response.headers().firstValue("X-Linked-Etag")
                    .or(() -> response.headers().firstValue("ETag")).map(HubClient::normaliseEtag).orElse(null);
            long size = response.headers().firstValue("X-Linked-Size")
                    .or(() -> response.headers().firstValue("Content-Length")).map(Long::parseLong).orElse(-1L);
            if (commit.isEmpty() || etag == null || etag.isEmpty()) {
                throw new HubDownloadException(current + " answered without X-Repo-Commit and ETag headers: is "
                        + settings.endpoint() + " (HF_ENDPOINT) a Hugging Face hub?", status);
            }
            return Optional.of(new FileMetadata(commit.get(), etag, size, download));
        }
        throw new HubDownloadException(uri + " redirects more than " + MAX_REDIRECTS + " times", 0);
    }

    private void download(FileMetadata m, Path blob, String label) throws IOException {
        Files.createDirectories(blob.getParent());
        Path partial = blob.resolveSibling(blob.getFileName() + ".incomplete");
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (m.size() >= 0 && have > m.size()) {
            Files.delete(partial);
            have = 0;
        }
        if (m.size() < 0 || have < m.size()) {
            fetchInto(m, partial, have, label);
        }
        verify(partial, m, label);
        Files.move(partial, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void fetchInto(FileMetadata m, Path partial, long have, String label) throws IOException {
        URI current = m.downloadUri();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = request(current).GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (isRedirect(status)) {
                    current = location(current, response);
                    continue;
                }
                checkAuthorised(status, label);
                boolean resumed;
                if (status == 206) {
                    String range = response.headers().firstValue("Content-Range").orElse("");
                    if (!range.startsWith("bytes " + have + "-")) {
                        throw new HubDownloadException("asked " + current + " for bytes from " + have + " but got range '" + range + "'", status);
                    }
                    resumed = true;
                } else if (status == 200) {
                    resumed = false; // the server ignored the range: start over
                } else if (status == 416 && have == m.size()) {
                    return;
                } else {
                    throw new HubDownloadException("downloading " + label + " from " + current + " failed with HTTP " + status, status);
                }
                copy(body, partial, resumed, new DownloadProgress(progress, label, resumed ? have : 0, m.size()));
                return;
            }
        }
        throw new HubDownloadException(m.downloadUri() + " redirects more than " + MAX_REDIRECTS + " times", 0);
    }

    private static void copy(InputStream body, Path partial, boolean append, DownloadProgress bar) throws IOException {
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bar.advance(n);
            }
        }
        bar.finish();
    }

    /** Checks the finished file against its ETag; a mismatch deletes it, so the next run starts clean. */
    private static void verify(Path file, FileMetadata m, String label) throws IOException {
        if (m.size() >= 0 && Files.size(file) != m.size()) {
            long found = Files.size(file);
            Files.delete(file);
            throw new HubDownloadException(label + ": downloaded " + found + " bytes, the hub announced " + m.size()
                    + "; the partial file was removed, run again", 0);
        }
        String found;
        if (SHA256.matcher(m.etag()).matches()) {
            found = digest(file, "SHA-256", null);
        } else if (GIT_SHA1.matcher(m.etag()).matches()) {
            found = digest(file, "SHA-1", ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        } else {
            return; // an ETag that is not a content hash cannot be checked
        }
        if (!found.equals(m.etag())) {
            Files.delete(file);
            throw new HubDownloadException(label + " is corrupt: its checksum is " + found + " but the hub's ETag is " + m.etag()
                    + "; the download was removed, run again", 0);
        }
    }

    private static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
        if (prefix != null) {
            digest.update(prefix);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("User-Agent", "earshot")
                .header("Accept-Encoding", "identity");
        // the token is for the hub only, never for the storage hosts it redirects to
        if (settings.token().isPresent() && sameHost(uri, settings.endpoint())) {
            builder.header("Authorization", "Bearer " + settings.token().get());
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while talking to " + request.uri());
        }
    }

    private void checkAuthorised(int status, String what) throws HubDownloadException {
        if (status == 401 || status == 403) {
            throw new HubDownloadException(what + ": the hub refused access (HTTP " + status + "); the repository is private or gated"
                    + (settings.token().isPresent() ? " and HF_TOKEN does not grant it" : ": set HF_TOKEN to a token that may read it"), status);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI location(URI from, HttpResponse<?> response) throws HubDownloadException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new HubDownloadException(
                from + " redirected (HTTP " + response.statusCode() + ") without a Location", response.statusCode()));
        return from.resolve(location);
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private static String normaliseEtag(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }
}
