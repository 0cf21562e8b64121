package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes a whisper.cpp model file, the layout {@link GgmlCheckpoint} reads and whisper.cpp's
 * {@code whisper_model_load} accepts: magic, eleven int32 hyper-parameters, the mel filter bank, the byte-level
 * vocabulary, then per tensor {dims count, name length, ggml type, dims innermost first, name, data}.
 *
 * <p>whisper.cpp allocates each tensor with a fixed type and rejects a file whose tensor is stored otherwise, so
 * the type of each tensor is not free: {@link #storedType} is that rule, and {@link #write} enforces it.
 */
public final class GgmlWriter {

    /** whisper.cpp stores the two conv biases as [n, 1] matrices, not vectors. */
    private static final Set<String> COLUMN_BIASES = Set.of("encoder.conv1.bias", "encoder.conv2.bias");
    /** Always f32 in whisper.cpp, whatever the file type: they are added, never multiplied. */
    private static final Set<String> ALWAYS_F32 = Set.of("encoder.positional_embedding", "decoder.positional_embedding");

    private GgmlWriter() {
    }

    /**
     * How whisper.cpp expects a tensor of an {@code fileType} (f32 or f16) file to be stored: vectors and the
     * positional embeddings in f32, every matrix and conv kernel in the file's type.
     */
    public static StorageType storedType(String openaiName, int rank, StorageType fileType) {
        if (fileType != StorageType.F32 && fileType != StorageType.F16) {
            throw new IllegalArgumentException("ggml files are written as f32 or f16, not " + fileType);
        }
        return rank < 2 || ALWAYS_F32.contains(openaiName) ? StorageType.F32 : fileType;
    }

    /**
     * Writes the model file.
     *
     * @param melFilters  row-major [n_mels × fftBins], the bank whisper.cpp computes its log-mel with
     * @param vocabulary  token bytes in rank order, without special tokens (whisper.cpp adds those itself)
     * @param tensors     openai names and PyTorch shapes, stored as {@link #storedType} says
     */
    public static void write(Path file, WhisperConfig config, StorageType fileType, float[] melFilters, int fftBins,
                             List<byte[]> vocabulary, List<TensorToWrite> tensors) throws IOException {
        if (config.audioMlpWidth() != 4 * config.audioState() || config.textMlpWidth() != 4 * config.textState()) {
            throw new IllegalArgumentException("whisper.cpp assumes MLP width 4·d; this config has "
                    + config.audioMlpWidth() + " and " + config.textMlpWidth() + " for d = " + config.audioState());
        }
        if (melFilters.length != config.melCount() * fftBins) {
            throw new IllegalArgumentException("mel filters hold " + melFilters.length + " values, not n_mels "
                    + config.melCount() + " × " + fftBins + " bins");
        }
        for (TensorToWrite tensor : tensors) {
            StorageType expected = storedType(tensor.name(), tensor.shape().length, fileType);
            if (tensor.type() != expected) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " must be stored as " + expected
                        + " in a " + fileType + " ggml file (whisper.cpp rejects anything else), not " + tensor.type());
            }
        }
        AtomicFile.write(file, channel -> {
            TensorStreamer.writeFully(channel, header(config, fileType, melFilters, fftBins, vocabulary));
            TensorStreamer streamer = new TensorStreamer();
            for (TensorToWrite tensor : tensors) {
                TensorStreamer.writeFully(channel, tensorHeader(tensor));
                streamer.write(channel, tensor);
            }
        });
    }

    private static ByteBuffer header(WhisperConfig c, StorageType fileType, float[] melFilters, int fftBins, List<byte[]> vocabulary) {
        long vocabularyBytes = vocabulary.stream().mapToLong(token -> 4L + token.length).sum();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(4 + 11 * 4 + 8 + melFilters.length * 4L + 4 + vocabularyBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(GgmlCheckpoint.MAGIC);
        out.putInt(c.vocabularySize()).putInt(c.audioContext()).putInt(c.audioState()).putInt(c.audioHeads())
                .putInt(c.audioLayers()).putInt(c.textContext()).putInt(c.textState()).putInt(c.textHeads())
                .putInt(c.textLayers()).putInt(c.melCount())
                .putInt(fileType == StorageType.F32 ? GgmlType.F32.id() : GgmlType.F16.id());
        out.putInt(c.melCount()).putInt(fftBins);
        for (float f : melFilters) {
            out.putFloat(f);
        }
        out.putInt(vocabulary.size());
        for (byte[] token : vocabulary) {
            out.putInt(token.length).put(token);
        }
        return out.flip();
    }

    private static ByteBuffer tensorHeader(TensorToWrite tensor) {
        long[] shape = COLUMN_BIASES.contains(tensor.name()) ? new long[]{tensor.shape()[0], 1} : tensor.shape();
        byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(12 + 4 * shape.length + name.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(shape.length).putInt(name.length)
                .putInt(tensor.type() == StorageType.F32 ? GgmlType.F32.id() : GgmlType.F16.id());
        for (int i = shape.length - 1; i >= 0; i--) {
            out.putInt(Math.toIntExact(shape[i])); // ggml lists dims innermost first: PyTorch's shape reversed
        }
        return out.put(name).flip();
    }
}
