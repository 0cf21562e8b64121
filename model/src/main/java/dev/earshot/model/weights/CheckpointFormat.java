package dev.earshot.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The checkpoint formats earshot reads, recognised by what a path is and by its first bytes, never by its name. */
public enum CheckpointFormat {
    /** A directory with config.json and model.safetensors (or shards). */
    HUGGING_FACE_DIRECTORY,
    /** openai/whisper's torch.save zip ({@code .pt}). */
    OPENAI_TORCH_ZIP,
    /** whisper.cpp's {@code ggml-*.bin}. */
    GGML;

    /**
     * Which format {@code location} is in.
     *
     * @throws NoSuchFileException   if nothing is there
     * @throws WeightFormatException if it is a file in no format we read (the message says what it looks like)
     */
    public static CheckpointFormat detect(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            if (!HuggingFaceCheckpoint.isModelDirectory(location)) {
                throw new NoSuchFileException(location.toString(), null,
                        "not a Whisper model directory: expected config.json and model.safetensors (or model.safetensors.index.json)");
            }
            return HUGGING_FACE_DIRECTORY;
        }
        if (!Files.isRegularFile(location)) {
            throw new NoSuchFileException(location.toString(), null,
                    "no model here: pass a Hugging Face model directory, an openai .pt file or a whisper.cpp ggml .bin file");
        }
        byte[] head = new byte[9]; // 9: a safetensors file has its JSON '{' at byte 8
        int read;
        try (InputStream in = Files.newInputStream(location)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 4) {
            int littleEndian = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
            if (littleEndian == TorchZipArchive.LOCAL_HEADER_MAGIC) {
                return OPENAI_TORCH_ZIP;
            }
            if (littleEndian == GgmlCheckpoint.MAGIC) {
                return GGML;
            }
        }
        throw new WeightFormatException(location, describeUnknown(head, read));
    }

    private static String describeUnknown(byte[] head, int read) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(read, 4); i++) {
            hex.append(String.format("%02x ", head[i]));
        }
        String start = read == 0 ? "is empty" : "starts with " + hex.toString().trim();
        String hint;
        if (read >= 2 && (head[0] & 0xff) == 0x80 && head[1] <= 5) {
            hint = "; it looks like a legacy (pre-1.6) torch pickle: re-save it with a current torch.save";
        } else if (read >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            hint = "; it is a GGUF file, which is not the whisper.cpp ggml format";
        } else if (read >= 9 && head[8] == '{') {
            hint = "; a model.safetensors file must be passed as its directory, beside config.json";
        } else {
            hint = "";
        }
        return start + ", which is neither a PyTorch zip (50 4b 03 04) nor whisper.cpp ggml (6c 6d 67 67)" + hint;
    }
}
