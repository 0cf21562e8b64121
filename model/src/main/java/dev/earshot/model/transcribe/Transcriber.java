package dev.earshot.model.transcribe;

import dev.earshot.api.audio.MelSource;
import dev.earshot.api.audio.MelSpectrogram;
import dev.earshot.api.prompt.Language;
import dev.earshot.api.prompt.SpecialTokens;
import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.model.WhisperSession;
import dev.earshot.model.decoding.DecodingOptions;
import dev.earshot.model.decoding.DecodingResult;
import dev.earshot.model.decoding.DecodingTask;
import dev.earshot.model.decoding.LanguageDetector;
import dev.earshot.model.decoding.TokenSequences;
import dev.earshot.model.tokenizer.PythonText;
import dev.earshot.model.tokenizer.WhisperTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * openai's {@code transcribe()}: slides a 30 s window over the spectrogram of the whole audio, decodes each
 * window with the previous text as prompt, cuts the output into segments at consecutive timestamp tokens,
 * and moves the window to the last complete segment.
 */
public final class Transcriber {

    private static final int INPUT_STRIDE = 2; // mel frames per encoder position
    private static final double TIME_PRECISION = INPUT_STRIDE * 160 / 16000.0; // seconds per timestamp step

    private final WhisperTokenizer tokenizer;
    private final SpecialTokens specials;
    private final DecodingTask decodingTask;

    public Transcriber(WhisperTokenizer tokenizer, DecodingTask decodingTask) {
        this.tokenizer = tokenizer;
        this.specials = tokenizer.specialTokens();
        this.decodingTask = decodingTask;
    }

    /**
     * @param mel the spectrogram of the audio followed by 30 s of zero samples, as
     *            {@code log_mel_spectrogram(audio, n_mels, padding=N_SAMPLES)}
     */
    public Transcript transcribe(WhisperSession session, MelSource mel, TranscribeOptions options) {
        return transcribe(session, mel, options, segment -> { });
    }

    /**
     * As {@link #transcribe(WhisperSession, MelSource, TranscribeOptions)}, handing each segment to
     * {@code listener} as soon as its window is done, so a caller can show or stream them while the rest decodes.
     */
    public Transcript transcribe(WhisperSession session, MelSource mel, TranscribeOptions options,
                                 java.util.function.Consumer<Segment> listener) {
        int windowFrames = MelSpectrogram.FRAMES_PER_WINDOW;
        int contentFrames = mel.frameCount() - windowFrames;
        if (contentFrames < 0) {
            throw new IllegalArgumentException("the spectrogram must include 30 s of padding: it has only "
                    + mel.frameCount() + " frames");
        }
        DecodingOptions decoding = options.decoding();
        Language language = decoding.language();
        if (language == null) {
            if (specials.layout().isMultilingual()) {
                session.encode(mel.padOrTrim(windowFrames).data());
                language = LanguageDetector.detect(session, specials).mostLikely();
            } else {
                language = Language.lookup("en");
            }
        }
        decoding = decoding.toBuilder().language(language).build();

        List<int[]> clips = seekClips(options.clipTimestamps(), contentFrames);
        int textContext = session.model().config().textContext();
        int remainingPromptLength = textContext / 2 - 1;
        int[] initialPrompt = options.initialPrompt();
        List<Integer> allTokens = new ArrayList<>();
        for (int t : initialPrompt) {
            allTokens.add(t);
        }
        remainingPromptLength -= initialPrompt.length;
        List<Segment> allSegments = new ArrayList<>();
        int promptResetSince = 0;
        double lastSpeechTimestamp = 0.0;

        int clipIndex = 0;
        int seek = clips.getFirst()[0];
        while (clipIndex < clips.size()) {
            int clipStart = clips.get(clipIndex)[0];
            int clipEnd = clips.get(clipIndex)[1];
            if (seek < clipStart) {
                seek = clipStart;
            }
            if (seek >= clipEnd) {
                clipIndex++;
                if (clipIndex < clips.size()) {
                    seek = clips.get(clipIndex)[0];
                }
                continue;
            }
            double timeOffset = seek * 160 / 16000.0;
            int segmentSize = Math.min(windowFrames, Math.min(contentFrames - seek, clipEnd - seek));
            double segmentDuration = segmentSize * 160 / 16000.0;
            session.encode(mel.window(seek, segmentSize, windowFrames).data());

            int[] prompt;
            if (options.carryInitialPrompt()) {
                int ignored = Math.max(initialPrompt.length, promptResetSince);
                int[] rest = toArray(allTokens.subList(ignored, allTokens.size()));
                int[] tail = TokenSequences.lastTokens(rest, remainingPromptLength);
                prompt = concat(initialPrompt, tail);
            } else {
                prompt = toArray(allTokens.subList(promptResetSince, allTokens.size()));
            }
            DecodingResult result = decodeWithFallback(session,
                    decoding.toBuilder().prompt(prompt.length == 0 ? null : prompt).build(), options, seek);
            int[] tokens = result.tokens();

            if (options.noSpeechThreshold() != null) {
                boolean skip = result.noSpeechProbability() > options.noSpeechThreshold();
                if (options.logProbThreshold() != null && result.averageLogProbability() > options.logProbThreshold()) {
                    skip = false;
                }
                if (skip) {
                    seek += segmentSize;
                    continue;
                }
            }

            List<DraftSegment> current = new ArrayList<>();
            int timestampBegin = specials.timestampBegin();
            boolean singleTimestampEnding = tokens.length >= 2 && tokens[tokens.length - 2] < timestampBegin
                    && tokens[tokens.length - 1] >= timestampBegin;
            List<Integer> slices = new ArrayList<>();
            for (int i = 1; i < tokens.length; i++) {
                if (tokens[i - 1] >= timestampBegin && tokens[i] >= timestampBegin) {
                    slices.add(i);
                }
            }
            int windowSeek = seek;
            if (!slices.isEmpty()) {
                if (singleTimestampEnding) {
                    slices.add(tokens.length);
                }
                int lastSlice = 0;
                for (int slice : slices) {
                    int[] sliced = Arrays.copyOfRange(tokens, lastSlice, slice);
                    int startPosition = sliced[0] - timestampBegin;
                    int endPosition = sliced[sliced.length - 1] - timestampBegin;
                    current.add(segment(windowSeek, timeOffset + startPosition * TIME_PRECISION,
                            timeOffset + endPosition * TIME_PRECISION, sliced, result));
                    lastSlice = slice;
                }
                if (singleTimestampEnding) {
                    seek += segmentSize;
                } else {
                    int lastTimestampPosition = tokens[lastSlice - 1] - timestampBegin;
                    seek += lastTimestampPosition * INPUT_STRIDE;
                }
            } else {
                double duration = segmentDuration;
                int lastTimestamp = -1;
                for (int token : tokens) {
                    if (token >= timestampBegin) {
                        lastTimestamp = token;
                    }
                }
                if (lastTimestamp >= 0 && lastTimestamp != timestampBegin) {
                    duration = (lastTimestamp - timestampBegin) * TIME_PRECISION;
                }
                current.add(segment(windowSeek, timeOffset, timeOffset + duration, tokens, result));
                seek += segmentSize;
            }

            if (options.wordTimestamps() != null) {
                WordTimestampOptions words = options.wordTimestamps();
                int[] sot = specials.sotSequence(language, decoding.task());
                WordTimestamps.add(current, new WordAligner(tokenizer, session.model().alignmentHeads()), session, sot,
                        segmentSize, language, words, lastSpeechTimestamp, specials.eot());
                if (!singleTimestampEnding) {
                    Double lastWordEnd = lastEnd(current);
                    if (lastWordEnd != null && lastWordEnd > timeOffset) {
                        seek = (int) Math.rint(lastWordEnd * MelSpectrogram.FRAMES_PER_SECOND);
                    }
                }
                if (words.hallucinationSilenceThreshold() != null) {
                    HallucinationSkip skip = HallucinationSkip.check(current, words.hallucinationSilenceThreshold(),
                            singleTimestampEnding, timeOffset, windowSeek, segmentSize, lastSpeechTimestamp, contentFrames);
                    if (skip.seek() != null) {
                        seek = skip.seek();
                    }
                    if (skip.skipWindow()) {
                        continue;
                    }
                }
                Double lastWordEnd = lastEnd(current);
                if (lastWordEnd != null) {
                    lastSpeechTimestamp = lastWordEnd;
                }
            }

            for (DraftSegment s : current) {
                if (s.start == s.end || PythonText.strip(s.text).isEmpty()) {
                    s.text = "";
                    s.tokens = List.of();
                    s.words = List.of();
                }
                Segment kept = s.toSegment(allSegments.size());
                allSegments.add(kept);
                listener.accept(kept);
                allTokens.addAll(kept.tokens());
            }
            if (!options.conditionOnPreviousText() || result.temperature() > 0.5) {
                promptResetSince = allTokens.size();
            }
        }
        String text = tokenizer.decode(toArray(allTokens.subList(initialPrompt.length, allTokens.size())));
        return new Transcript(text, allSegments, language);
    }

    /**
     * openai's {@code decode_with_fallback}: tries each temperature until the result is neither a repetition
     * loop (compression ratio) nor improbable (average log-probability), unless the window looks silent.
     */
    private DecodingResult decodeWithFallback(WhisperSession session, DecodingOptions decoding, TranscribeOptions options,
                                              int seek) {
        DecodingResult result = null;
        List<Double> temperatures = options.temperatures();
        for (int attempt = 0; attempt < temperatures.size(); attempt++) {
            double t = temperatures.get(attempt);
            DecodingOptions attemptOptions = decoding.toBuilder().temperature(t)
                    .seed(decoding.seed() + 1_000_003L * seek + attempt).build(); // repeatable, distinct per window and try
            result = decodingTask.run(session, attemptOptions);
            boolean needsFallback = options.compressionRatioThreshold() != null
                    && result.compressionRatio() > options.compressionRatioThreshold();
            if (options.logProbThreshold() != null && result.averageLogProbability() < options.logProbThreshold()) {
                needsFallback = true;
            }
            if (options.noSpeechThreshold() != null && result.noSpeechProbability() > options.noSpeechThreshold()
                    && options.logProbThreshold() != null && result.averageLogProbability() < options.logProbThreshold()) {
                needsFallback = false; // silence: no temperature will make it speech
            }
            if (!needsFallback) {
                break;
            }
        }
        return result;
    }

    private DraftSegment segment(int seek, double start, double end, int[] tokens, DecodingResult result) {
        int[] textTokens = Arrays.stream(tokens).filter(t -> t < specials.eot()).toArray();
        return new DraftSegment(seek, start, end, tokenizer.decode(textTokens), Arrays.stream(tokens).boxed().toList(),
                result.temperature(), result.averageLogProbability(), result.compressionRatio(),
                result.noSpeechProbability());
    }

    /** openai's {@code get_end}: the last word's end, else the last segment's end, else null. */
    static Double lastEnd(List<DraftSegment> segments) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            List<dev.earshot.api.result.Word> words = segments.get(i).words;
            if (words != null && !words.isEmpty()) {
                return words.getLast().end();
            }
        }
        return segments.isEmpty() ? null : segments.getLast().end;
    }

    /** Start/end frame pairs from clip timestamps in seconds, as openai computes {@code seek_clips}. */
    static List<int[]> seekClips(List<Double> clipTimestamps, int contentFrames) {
        List<Integer> points = new ArrayList<>();
        for (double t : clipTimestamps) {
            points.add((int) Math.rint(t * MelSpectrogram.FRAMES_PER_SECOND));
        }
        if (points.isEmpty()) {
            points.add(0);
        }
        if (points.size() % 2 == 1) {
            points.add(contentFrames);
        }
        List<int[]> clips = new ArrayList<>();
        for (int i = 0; i < points.size(); i += 2) {
            clips.add(new int[] {points.get(i), points.get(i + 1)});
        }
        return clips;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
