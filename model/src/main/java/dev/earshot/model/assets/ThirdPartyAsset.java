package dev.earshot.model.assets;

/**
 * Data files from openai/whisper that earshot needs but does not ship (DESIGN.md, "Third-party data"). The
 * checksums and sizes are those of whisper's files at the commit {@link AssetResolver#DEFAULT_SOURCE} points to;
 * a download that does not match them is rejected.
 */
public enum ThirdPartyAsset {
    /** GPT-2's BPE ranks, the vocabulary of the English-only models. */
    GPT2_RANKS("gpt2.tiktoken", "Whisper's English-only tokenizer ranks", 835_554,
            "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930"),
    /** The BPE ranks of the multilingual models. */
    MULTILINGUAL_RANKS("multilingual.tiktoken", "Whisper's multilingual tokenizer ranks", 816_730,
            "b34b360dbb493e781e479794586d661700670d65564001f23024971d1f2fa126"),
    /** British → American spellings, used by the English text normalizer. */
    ENGLISH_SPELLINGS("english.json", "Whisper's English spelling map", 56_128,
            "6607f948be9824d2e1b2fa2223cd94c06c45afa4e05ea0e3d5e1f2bdffde2465");

    private final String fileName;
    private final String description;
    private final long size;
    private final String sha256;

    ThirdPartyAsset(String fileName, String description, long size, String sha256) {
        this.fileName = fileName;
        this.description = description;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The file's name, in whisper's {@code assets} directory and in every place earshot looks. */
    public String fileName() {
        return fileName;
    }

    /** What the file is, for messages. */
    public String description() {
        return description;
    }

    /** The size in bytes of the published file. */
    public long size() {
        return size;
    }

    /** The SHA-256 of the published file, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /**
     * The asset with this file name, e.g. a vocabulary layout's rank file.
     *
     * @throws IllegalArgumentException naming the known files
     */
    public static ThirdPartyAsset forFileName(String fileName) {
        for (ThirdPartyAsset asset : values()) {
            if (asset.fileName.equals(fileName)) {
                return asset;
            }
        }
        throw new IllegalArgumentException("'" + fileName + "' is not a third-party file earshot knows; the known files "
                + "are gpt2.tiktoken, multilingual.tiktoken and english.json");
    }
}
