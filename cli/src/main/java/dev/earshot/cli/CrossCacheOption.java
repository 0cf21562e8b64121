package dev.earshot.cli;

import dev.earshot.api.backend.DType;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --cross-kv f32|f16}, in any letter case: how a session keeps the decoder's cross-attention keys and values. */
final class CrossCacheOption {

    @Option(names = "--cross-kv", defaultValue = "f32", paramLabel = "f32|f16", converter = Converter.class,
            description = "f32 (default: openai/whisper's tokens) or f16: the decoder keeps each window's cross-attention"
                    + " keys and values in half precision, half the memory and faster token steps, slightly different"
                    + " (cpu backend only).")
    DType type;

    static final class Converter implements CommandLine.ITypeConverter<DType> {

        @Override
        public DType convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "f32" -> DType.F32;
                case "f16" -> DType.F16;
                default -> throw new CommandLine.TypeConversionException("unknown cross-attention cache type '" + value
                        + "'; use f32 or f16");
            };
        }
    }
}
