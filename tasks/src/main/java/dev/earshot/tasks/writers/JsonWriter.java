package dev.earshot.tasks.writers;

import dev.earshot.api.result.Segment;
import dev.earshot.api.result.Transcript;
import dev.earshot.api.result.Word;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code .json}: openai's result dict {@code {"text", "segments", "language"}} written as Python's
 * {@code json.dump} does — {@code ", "} and {@code ": "} separators, non-ASCII escaped as {@code \\uXXXX},
 * floats in Python's {@code repr} — so files are interchangeable with openai/whisper's byte for byte.
 */
public final class JsonWriter implements TranscriptWriter {

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String format(Transcript transcript) {
        StringBuilder out = new StringBuilder("{\"text\": ");
        string(out, transcript.text());
        out.append(", \"segments\": [");
        List<Segment> segments = transcript.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            out.append(i == 0 ? "" : ", ").append("{\"id\": ").append(s.id()).append(", \"seek\": ").append(s.seek())
                    .append(", \"start\": ").append(pythonFloat(s.start())).append(", \"end\": ").append(pythonFloat(s.end()))
                    .append(", \"text\": ");
            string(out, s.text());
            out.append(", \"tokens\": [");
            for (int t = 0; t < s.tokens().size(); t++) {
                out.append(t == 0 ? "" : ", ").append(s.tokens().get(t));
            }
            out.append("], \"temperature\": ").append(pythonFloat(s.temperature()))
                    .append(", \"avg_logprob\": ").append(pythonFloat(s.averageLogProbability()))
                    .append(", \"compression_ratio\": ").append(pythonFloat(s.compressionRatio()))
                    .append(", \"no_speech_prob\": ").append(pythonFloat(s.noSpeechProbability()));
            if (s.words() != null) {
                out.append(", \"words\": [");
                for (int w = 0; w < s.words().size(); w++) {
                    Word word = s.words().get(w);
                    out.append(w == 0 ? "" : ", ").append("{\"word\": ");
                    string(out, word.word());
                    out.append(", \"start\": ").append(pythonFloat(word.start())).append(", \"end\": ")
                            .append(pythonFloat(word.end())).append(", \"probability\": ")
                            .append(pythonFloat(word.probability())).append('}');
                }
                out.append(']');
            }
            out.append('}');
        }
        out.append("], \"language\": ");
        string(out, transcript.language().code());
        return out.append('}').toString();
    }

    /** A JSON string with Python's {@code ensure_ascii} escaping. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c)); // UTF-16 units: astral characters become pairs
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that round-trip, positional when the decimal exponent
     * is in [−4, 16), else {@code d.ddde±XX}; integral values keep {@code .0}.
     */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros(); // JDK 19+: shortest digits
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // value = d.ddd × 10^exponent
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
