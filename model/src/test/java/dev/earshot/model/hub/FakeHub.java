package dev.earshot.model.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test double of the Hugging Face hub on 127.0.0.1: {@code /{repo}/resolve/{revision}/{file}} answers with the
 * hub's headers (X-Repo-Commit, ETag, X-Linked-Etag, X-Linked-Size); large ("LFS") files redirect with 302 to a
 * second server standing in for the storage CDN, which serves {@code /blobs/<sha256>} with range support.
 */
final class FakeHub implements AutoCloseable {

    record Request(String server, String method, String path, String range, String authorization) {
    }

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final String repository;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> lfsFiles;
    private final HttpServer hub;
    private final HttpServer cdn;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong blobBytesServed = new AtomicLong();
    volatile boolean corruptBlobs;

    FakeHub(String repository, Map<String, byte[]> files, Set<String> lfsFiles) throws IOException {
        this.repository = repository;
        this.files.putAll(files);
        this.lfsFiles = Set.copyOf(lfsFiles);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        hub.createContext("/", this::resolve);
        cdn.createContext("/", this::blob);
        hub.start();
        cdn.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(data));
    }

    static String gitBlobSha1(byte[] data) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(data));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String server, HttpExchange exchange) {
        requests.add(new Request(server, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Range"), exchange.getRequestHeaders().getFirst("Authorization")));
    }

    private void resolve(HttpExchange exchange) throws IOException {
        try (exchange) {
            record("hub", exchange);
            String prefix = "/" + repository + "/resolve/";
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(prefix)) {
                exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String rest = path.substring(prefix.length());
            String revision = rest.substring(0, rest.indexOf('/'));
            String file = rest.substring(revision.length() + 1);
            byte[] data = files.get(file);
            if (data == null || !(revision.equals("main") || revision.equals(COMMIT))) {
                exchange.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("X-Repo-Commit", COMMIT);
            headers.set("X-Linked-Size", Long.toString(data.length));
            if (lfsFiles.contains(file)) {
                String sha = sha256(data);
                headers.set("X-Linked-Etag", "\"" + sha + "\"");
                headers.set("ETag", "W/\"not-the-content-hash\"");
                headers.set("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/blobs/" + sha);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            headers.set("ETag", "\"" + gitBlobSha1(data) + "\"");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, data.length);
                exchange.getResponseBody().write(data);
            }
        }
    }

    private void blob(HttpExchange exchange) throws IOException {
        try (exchange) {
            record("cdn", exchange);
            String sha = exchange.getRequestURI().getPath().substring("/blobs/".length());
            byte[] data = files.values().stream().filter(d -> sha256(d).equals(sha)).findFirst().orElse(null);
            if (data == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (corruptBlobs) {
                data = data.clone();
                data[data.length / 2] ^= 1;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = 0;
            int status = 200;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                if (from >= data.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.sendResponseHeaders(status, data.length - from);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(data, from, data.length - from);
            }
            blobBytesServed.addAndGet(data.length - from);
        }
    }

    long requestCount() {
        return requests.size();
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
    }
}
