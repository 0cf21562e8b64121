package dev.earshot.model.weights;

import dev.earshot.model.WhisperConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: writes whisper.cpp ggml model files with chosen tensors, types and (mis)shapes. */
final class GgmlTestFileWriter {

    /** One tensor: PyTorch shape, ggml type id and the already-encoded data. */
    record Tensor(String name, long[] shape, int typeId, byte[] data) {
    }

    private final WhisperConfig config;
    private final int fileType;
    private final List<Tensor> tensors = new ArrayList<>();

    GgmlTestFileWriter(WhisperConfig config, int fileType) {
        this.config = config;
        this.fileType = fileType;
    }

    GgmlTestFileWriter add(Tensor tensor) {
        tensors.add(tensor);
        return this;
    }

    GgmlTestFileWriter addFloat32(String name, long[] shape, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return add(new Tensor(name, shape, GgmlType.F32.id(), data.array()));
    }

    void write(Path target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        putInt(out, GgmlCheckpoint.MAGIC);
        for (int h : new int[]{config.vocabularySize(), config.audioContext(), config.audioState(), config.audioHeads(),
                config.audioLayers(), config.textContext(), config.textState(), config.textHeads(), config.textLayers(),
                config.melCount(), fileType}) {
            putInt(out, h);
        }
        putInt(out, config.melCount());
        putInt(out, 201);
        for (int i = 0; i < config.melCount() * 201; i++) {
            putInt(out, Float.floatToIntBits(i * 0.001f));
        }
        String[] vocabulary = {"!", "\"", "hello"};
        putInt(out, vocabulary.length);
        for (String token : vocabulary) {
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            putInt(out, bytes.length);
            out.writeBytes(bytes);
        }
        for (Tensor t : tensors) {
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
            putInt(out, t.shape().length);
            putInt(out, name.length);
            putInt(out, t.typeId());
            for (int i = t.shape().length - 1; i >= 0; i--) {
                putInt(out, Math.toIntExact(t.shape()[i]));
            }
            out.writeBytes(name);
            out.writeBytes(t.data());
        }
        Files.write(target, out.toByteArray());
    }

    private static void putInt(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
