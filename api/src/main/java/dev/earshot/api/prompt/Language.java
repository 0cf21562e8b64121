package dev.earshot.api.prompt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A language Whisper was trained on. The declaration order is Whisper's {@code LANGUAGES} order, which fixes
 * each language token's id ({@code <|startoftranscript|> + 1 + index}); never reorder the constants.
 * Cantonese is last because only the large-v3 vocabulary has a token for it.
 */
public enum Language {
    ENGLISH("en", "english"),
    CHINESE("zh", "chinese"),
    GERMAN("de", "german"),
    SPANISH("es", "spanish"),
    RUSSIAN("ru", "russian"),
    KOREAN("ko", "korean"),
    FRENCH("fr", "french"),
    JAPANESE("ja", "japanese"),
    PORTUGUESE("pt", "portuguese"),
    TURKISH("tr", "turkish"),
    POLISH("pl", "polish"),
    CATALAN("ca", "catalan"),
    DUTCH("nl", "dutch"),
    ARABIC("ar", "arabic"),
    SWEDISH("sv", "swedish"),
    ITALIAN("it", "italian"),
    INDONESIAN("id", "indonesian"),
    HINDI("hi", "hindi"),
    FINNISH("fi", "finnish"),
    VIETNAMESE("vi", "vietnamese"),
    HEBREW("he", "hebrew"),
    UKRAINIAN("uk", "ukrainian"),
    GREEK("el", "greek"),
    MALAY("ms", "malay"),
    CZECH("cs", "czech"),
    ROMANIAN("ro", "romanian"),
    DANISH("da", "danish"),
    HUNGARIAN("hu", "hungarian"),
    TAMIL("ta", "tamil"),
    NORWEGIAN("no", "norwegian"),
    THAI("th", "thai"),
    URDU("ur", "urdu"),
    CROATIAN("hr", "croatian"),
    BULGARIAN("bg", "bulgarian"),
    LITHUANIAN("lt", "lithuanian"),
    LATIN("la", "latin"),
    MAORI("mi", "maori"),
    MALAYALAM("ml", "malayalam"),
    WELSH("cy", "welsh"),
    SLOVAK("sk", "slovak"),
    TELUGU("te", "telugu"),
    PERSIAN("fa", "persian"),
    LATVIAN("lv", "latvian"),
    BENGALI("bn", "bengali"),
    SERBIAN("sr", "serbian"),
    AZERBAIJANI("az", "azerbaijani"),
    SLOVENIAN("sl", "slovenian"),
    KANNADA("kn", "kannada"),
    ESTONIAN("et", "estonian"),
    MACEDONIAN("mk", "macedonian"),
    BRETON("br", "breton"),
    BASQUE("eu", "basque"),
    ICELANDIC("is", "icelandic"),
    ARMENIAN("hy", "armenian"),
    NEPALI("ne", "nepali"),
    MONGOLIAN("mn", "mongolian"),
    BOSNIAN("bs", "bosnian"),
    KAZAKH("kk", "kazakh"),
    ALBANIAN("sq", "albanian"),
    SWAHILI("sw", "swahili"),
    GALICIAN("gl", "galician"),
    MARATHI("mr", "marathi"),
    PUNJABI("pa", "punjabi"),
    SINHALA("si", "sinhala"),
    KHMER("km", "khmer"),
    SHONA("sn", "shona"),
    YORUBA("yo", "yoruba"),
    SOMALI("so", "somali"),
    AFRIKAANS("af", "afrikaans"),
    OCCITAN("oc", "occitan"),
    GEORGIAN("ka", "georgian"),
    BELARUSIAN("be", "belarusian"),
    TAJIK("tg", "tajik"),
    SINDHI("sd", "sindhi"),
    GUJARATI("gu", "gujarati"),
    AMHARIC("am", "amharic"),
    YIDDISH("yi", "yiddish"),
    LAO("lo", "lao"),
    UZBEK("uz", "uzbek"),
    FAROESE("fo", "faroese"),
    HAITIAN_CREOLE("ht", "haitian creole"),
    PASHTO("ps", "pashto"),
    TURKMEN("tk", "turkmen"),
    NYNORSK("nn", "nynorsk"),
    MALTESE("mt", "maltese"),
    SANSKRIT("sa", "sanskrit"),
    LUXEMBOURGISH("lb", "luxembourgish"),
    MYANMAR("my", "myanmar"),
    TIBETAN("bo", "tibetan"),
    TAGALOG("tl", "tagalog"),
    MALAGASY("mg", "malagasy"),
    ASSAMESE("as", "assamese"),
    TATAR("tt", "tatar"),
    HAWAIIAN("haw", "hawaiian"),
    LINGALA("ln", "lingala"),
    HAUSA("ha", "hausa"),
    BASHKIR("ba", "bashkir"),
    JAVANESE("jw", "javanese"),
    SUNDANESE("su", "sundanese"),
    CANTONESE("yue", "cantonese");

    /**
     * Other English names Whisper accepts for a language (its {@code TO_LANGUAGE_CODE} extras), so that a
     * user typing "castilian" or "burmese" gets the language they mean.
     */
    private static final Map<String, Language> ALIASES = Map.ofEntries(
            Map.entry("burmese", MYANMAR),
            Map.entry("valencian", CATALAN),
            Map.entry("flemish", DUTCH),
            Map.entry("haitian", HAITIAN_CREOLE),
            Map.entry("letzeburgesch", LUXEMBOURGISH),
            Map.entry("pushto", PASHTO),
            Map.entry("panjabi", PUNJABI),
            Map.entry("moldavian", ROMANIAN),
            Map.entry("moldovan", ROMANIAN),
            Map.entry("sinhalese", SINHALA),
            Map.entry("castilian", SPANISH),
            Map.entry("mandarin", CHINESE));

    private static final Map<String, Language> BY_CODE_NAME_OR_ALIAS = buildLookup();

    private final String code;
    private final String englishName;

    Language(String code, String englishName) {
        this.code = code;
        this.englishName = englishName;
    }

    /** Whisper's language code, e.g. {@code "en"}, {@code "haw"}, {@code "yue"}. */
    public String code() {
        return code;
    }

    /** Whisper's lower-case English name, e.g. {@code "haitian creole"}. */
    public String englishName() {
        return englishName;
    }

    /** Position in Whisper's {@code LANGUAGES} order (0 for English). */
    public int index() {
        return ordinal();
    }

    /** The special-token text, e.g. {@code <|en|>}. */
    public String tokenText() {
        return "<|" + code + "|>";
    }

    /** All languages in Whisper's order. */
    public static List<Language> all() {
        return List.of(values());
    }

    /**
     * Finds a language the way Whisper's {@code get_tokenizer} does: the input is lower-cased, then read as a
     * code ({@code "de"}), an English name ({@code "German"}) or an alias ({@code "castilian"}).
     *
     * @throws UnknownLanguageException if it is none of those
     */
    public static Language lookup(String codeOrName) {
        if (codeOrName == null) {
            throw new UnknownLanguageException(null, allCodes());
        }
        Language language = BY_CODE_NAME_OR_ALIAS.get(codeOrName.toLowerCase(Locale.ROOT));
        if (language == null) {
            throw new UnknownLanguageException(codeOrName, allCodes());
        }
        return language;
    }

    /** Every accepted lookup key (codes, names and aliases, lower-case) and the language it means. */
    public static Map<String, Language> lookupTable() {
        return BY_CODE_NAME_OR_ALIAS;
    }

    private static String allCodes() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
    }

    private static Map<String, Language> buildLookup() {
        Map<String, Language> lookup = new HashMap<>();
        for (Language language : values()) {
            lookup.put(language.code, language);
            lookup.put(language.englishName, language);
        }
        lookup.putAll(ALIASES);
        return Map.copyOf(lookup);
    }
}
