package dev.earshot.model.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The BPE vocabulary of a tiktoken rank file: one line {@code <base64 bytes> <rank>} per token, where a token's id
 * is its rank. Whisper's {@code multilingual.tiktoken} has a line {@code = 50256} whose token is the empty byte
 * string; the JDK's Base64 decoder rejects a lone {@code =}, so padding-only tokens are read as empty here.
 */
public final class MergeableRanks {

    private final byte[][] bytesByRank;
    private final ByteSequenceIndex index;

    private MergeableRanks(byte[][] bytesByRank) {
        this.bytesByRank = bytesByRank;
        this.index = new ByteSequenceIndex(bytesByRank);
    }

    /**
     * Reads a rank file.
     *
     * @throws TokenizerFileException if it cannot be read, a line is malformed, or the ranks are not 0…n-1 once each
     */
    public static MergeableRanks load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot read the tokenizer rank file: " + e.getMessage(), e);
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");
        int count = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                count++;
            }
        }
        byte[][] bytesByRank = new byte[count][];
        Base64.Decoder base64 = Base64.getDecoder();
        for (int lineIndex = 0; lineIndex < lines.length; lineIndex++) {
            String line = lines[lineIndex].strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                throw malformed(file, lineIndex, "expected '<base64 token> <rank>'");
            }
            String encoded = line.substring(0, space).strip();
            int rank;
            try {
                rank = Integer.parseInt(line.substring(space + 1));
            } catch (NumberFormatException e) {
                throw malformed(file, lineIndex, "the rank is not a number");
            }
            if (rank < 0 || rank >= count) {
                throw malformed(file, lineIndex, "rank " + rank + " is outside 0…" + (count - 1)
                        + " (the file has " + count + " tokens)");
            }
            if (bytesByRank[rank] != null) {
                throw malformed(file, lineIndex, "rank " + rank + " appears twice");
            }
            try {
                bytesByRank[rank] = isPaddingOnly(encoded) ? new byte[0] : base64.decode(encoded);
            } catch (IllegalArgumentException e) {
                throw malformed(file, lineIndex, "the token is not valid base64: " + e.getMessage());
            }
        }
        try {
            return new MergeableRanks(bytesByRank);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFileException(file, "the tokenizer rank file is corrupt: " + e.getMessage());
        }
    }

    private static boolean isPaddingOnly(String encoded) {
        return encoded.chars().allMatch(c -> c == '=');
    }

    private static TokenizerFileException malformed(Path file, int lineIndex, String problem) {
        return new TokenizerFileException(file, "line " + (lineIndex + 1) + ": " + problem
                + ". The tokenizer rank file is damaged; delete it so that it is fetched again, "
                + "or point EARSHOT_ASSETS at a directory with an intact copy.");
    }

    /** How many tokens the file has; the first special token gets this id. */
    public int size() {
        return bytesByRank.length;
    }

    /** The bytes of a token (a copy). */
    public byte[] bytes(int rank) {
        return bytesByRank[rank].clone();
    }

    byte[] bytesUnsafe(int rank) {
        return bytesByRank[rank];
    }

    ByteSequenceIndex index() {
        return index;
    }
}
