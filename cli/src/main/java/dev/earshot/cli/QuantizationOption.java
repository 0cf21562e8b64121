package dev.earshot.cli;

import dev.earshot.api.backend.WeightQuantization;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code --quantize none|q8_0}, in any letter case: mixed into every command that opens a backend. */
final class QuantizationOption {

    @Option(names = "--quantize", defaultValue = "none", paramLabel = "none|q8_0", converter = Converter.class,
            description = "none (default: the weights as stored, openai/whisper's tokens) or q8_0: token steps read an"
                    + " 8-bit copy of the decoder's weights, faster and slightly different (cpu backend only).")
    WeightQuantization quantization;

    static final class Converter implements CommandLine.ITypeConverter<WeightQuantization> {

        @Override
        public WeightQuantization convert(String value) {
            String wanted = value.trim().toUpperCase(Locale.ROOT);
            for (WeightQuantization q : WeightQuantization.values()) {
                if (q.name().equals(wanted)) {
                    return q;
                }
            }
            throw new CommandLine.TypeConversionException("unknown quantization '" + value + "'; use one of "
                    + Arrays.stream(WeightQuantization.values()).map(q -> q.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }
}
