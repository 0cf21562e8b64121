package dev.earshot.model.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Hugging Face hub cache layout, shared with Python tools:
 * {@code <root>/models--<org>--<name>/blobs/<etag>} holds each file once,
 * {@code snapshots/<commit>/<file>} links to it, and {@code refs/<revision>} holds the commit a branch pointed at.
 */
public final class HubCache {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** {@code models--openai--whisper-tiny} for {@code openai/whisper-tiny}. */
    public Path repository(String repoId) {
        return root.resolve("models--" + repoId.replace("/", "--"));
    }

    public Path blob(String repoId, String etag) {
        return repository(repoId).resolve("blobs").resolve(etag);
    }

    public Path snapshot(String repoId, String commit) {
        return repository(repoId).resolve("snapshots").resolve(commit);
    }

    /** The snapshot a revision (branch name or commit) resolves to in the cache, if it was recorded. */
    public Optional<Path> cachedSnapshot(String repoId, String revision) throws IOException {
        String commit = revision;
        if (!COMMIT.matcher(revision).matches()) {
            Path ref = repository(repoId).resolve("refs").resolve(revision);
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
        }
        Path snapshot = snapshot(repoId, commit);
        return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
    }

    void writeRef(String repoId, String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repository(repoId).resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path temporary = ref.resolveSibling(ref.getFileName() + ".tmp");
        Files.writeString(temporary, commit, StandardCharsets.UTF_8);
        Files.move(temporary, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes {@code snapshots/<commit>/<file>} point at the blob (a relative symlink, or a copy where links are not allowed). */
    Path link(String repoId, String commit, String file, Path blob) throws IOException {
        Path target = snapshot(repoId, commit).resolve(file);
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
