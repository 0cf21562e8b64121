package dev.earshot.audio.wav;

import dev.earshot.audio.AudioFileNotFoundException;
import dev.earshot.audio.AudioFormatException;
import dev.earshot.audio.AudioStream;
import dev.earshot.audio.UnsupportedAudioEncodingException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV file's samples, mixed down to mono, read a block at a time: memory use does not grow with the file.
 *
 * <p>A data chunk that ends early (a truncated file) yields the whole frames that are present, with a warning,
 * as ffmpeg and so openai/whisper do; a file that ends before its samples start is an error.
 */
public final class WavAudioStream implements AudioStream {

    private static final System.Logger LOG = System.getLogger(WavAudioStream.class.getName());
    private static final int BLOCK_BYTES = 64 * 1024;

    private final LittleEndianInput in;
    private final InputStream closeable;
    private final WavHeader header;
    private final SampleEncoding encoding;
    private final int channels;
    private final int blockAlign;
    private final byte[] raw;
    private final float[] interleaved;
    private final int framesPerBlock;
    private long framesLeft;
    private long framesRead;
    private boolean ended;

    private WavAudioStream(LittleEndianInput in, InputStream closeable, WavHeader header, SampleEncoding encoding) {
        this.in = in;
        this.closeable = closeable;
        this.header = header;
        this.encoding = encoding;
        this.channels = header.format().channels();
        this.blockAlign = header.format().blockAlign();
        this.framesPerBlock = Math.max(1, BLOCK_BYTES / blockAlign);
        this.raw = new byte[framesPerBlock * blockAlign];
        this.interleaved = channels == 1 ? null : new float[framesPerBlock * channels];
        this.framesLeft = header.frameCount();
    }

    /** Opens a WAV file; the file's size tells a truncated data chunk apart before any sample is read. */
    public static WavAudioStream open(Path file) throws IOException {
        requireRegularFile(file);
        long fileSize = Files.size(file);
        InputStream stream = new BufferedInputStream(Files.newInputStream(file));
        try {
            LittleEndianInput in = new LittleEndianInput(stream, file.toString());
            WavHeader header = WavHeaderReader.read(in);
            long available = fileSize - header.dataOffset();
            if (header.dataBytes() == WavHeader.UNKNOWN_SIZE) {
                header = header.withDataBytes(available);
            } else if (header.dataBytes() > available) {
                warnTruncated(header, available);
                header = header.withDataBytes(available);
            }
            return start(in, stream, header);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads a WAV stream (a pipe, a network body) that it then owns and closes.
     *
     * @param source the name to use in messages
     */
    public static WavAudioStream open(InputStream stream, String source) throws IOException {
        InputStream buffered = new BufferedInputStream(stream);
        try {
            LittleEndianInput in = new LittleEndianInput(buffered, source);
            return start(in, buffered, WavHeaderReader.read(in));
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /** Reads only the header of a WAV file: what it holds and whether this reader decodes it. */
    public static WavHeader readHeader(Path file) throws IOException {
        requireRegularFile(file);
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
            return WavHeaderReader.read(new LittleEndianInput(stream, file.toString()));
        }
    }

    /** Whether {@link #open} can decode what {@code header} describes. */
    public static boolean decodes(WavHeader header) {
        return SampleEncoding.of(header.format()).isPresent();
    }

    private static WavAudioStream start(LittleEndianInput in, InputStream stream, WavHeader header) throws IOException {
        SampleEncoding encoding = SampleEncoding.of(header.format()).orElseThrow(() -> unsupported(header));
        return new WavAudioStream(in, stream, header, encoding);
    }

    private static UnsupportedAudioEncodingException unsupported(WavHeader header) {
        return new UnsupportedAudioEncodingException(header.source(), header.format().encodingName(),
                "Convert it to PCM, e.g. `ffmpeg -i in.wav -c:a pcm_s16le out.wav`; "
                        + "AudioLoader decodes such files itself when ffmpeg is installed (apt-get install ffmpeg).");
    }

    private static void requireRegularFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new AudioFileNotFoundException(file);
        }
        if (Files.isDirectory(file)) {
            throw new AudioFormatException(file.toString(), "is a directory, not an audio file");
        }
    }

    public WavHeader header() {
        return header;
    }

    @Override
    public int sampleRate() {
        return header.format().sampleRate();
    }

    @Override
    public long sampleCount() {
        return header.frameCount();
    }

    @Override
    public String description() {
        WavFormat f = header.format();
        return header.source() + " (" + (header.variant() == RiffVariant.RF64 ? "RF64 " : "") + "WAV, "
                + f.encodingName() + ", " + f.channels() + (f.channels() == 1 ? " channel, " : " channels, ")
                + f.sampleRate() + " Hz)";
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (ended || framesLeft == 0) {
            return -1;
        }
        int frames = Math.min(length, framesPerBlock);
        if (framesLeft > 0) {
            frames = (int) Math.min(frames, framesLeft);
        }
        int wanted = frames * blockAlign;
        int got = in.readUpTo(raw, 0, wanted);
        int whole = got / blockAlign;
        if (got < wanted) {
            ended = true;
            noteEarlyEnd(got);
        }
        if (whole == 0) {
            return -1;
        }
        int firstBad = channels == 1
                ? encoding.decode(raw, buffer, offset, whole)
                : encoding.decode(raw, interleaved, 0, whole * channels);
        if (firstBad >= 0) {
            throw nonFinite(firstBad);
        }
        if (channels > 1) {
            ChannelDownmix.mean(interleaved, whole, channels, buffer, offset);
        }
        framesRead += whole;
        if (framesLeft > 0) {
            framesLeft -= whole;
        }
        return whole;
    }

    private void noteEarlyEnd(int bytesInLastBlock) {
        if (bytesInLastBlock % blockAlign != 0) {
            LOG.log(Level.WARNING, "{0}: the data ends in the middle of a frame; dropping the last {1} bytes",
                    header.source(), bytesInLastBlock % blockAlign);
        }
        if (framesLeft > 0) {
            long present = header.dataOffset() + framesRead * blockAlign + bytesInLastBlock;
            warnTruncated(header, present - header.dataOffset());
        }
    }

    private static void warnTruncated(WavHeader header, long bytesPresent) {
        LOG.log(Level.WARNING, "{0}: the data chunk declares {1} bytes but only {2} are present: the file is truncated. "
                        + "Using the {3} whole frames there are (ffmpeg, and so openai/whisper, does the same).",
                header.source(), header.dataBytes(), bytesPresent, bytesPresent / header.format().blockAlign());
    }

    private AudioFormatException nonFinite(int indexInBlock) {
        long sampleIndex = framesRead * channels + indexInBlock;
        long frame = sampleIndex / channels;
        return new AudioFormatException(header.source(), String.format(
                "sample %d (frame %d, channel %d, at %.3f s) is not a finite number (NaN or infinity); a float WAV "
                        + "must hold finite values. The file is corrupt or was written by a faulty program; re-export it.",
                sampleIndex, frame, sampleIndex % channels, frame / (double) sampleRate()));
    }

    @Override
    public void close() throws IOException {
        closeable.close();
    }
}
