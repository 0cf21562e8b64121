package dev.earshot.model.assets;

/** A third-party data file that could not be provided. */
public class AssetException extends RuntimeException {

    private final ThirdPartyAsset asset;

    AssetException(ThirdPartyAsset asset, String message, Throwable cause) {
        super(message, cause);
        this.asset = asset;
    }

    /** The file that was needed. */
    public ThirdPartyAsset asset() {
        return asset;
    }
}
