package dev.earshot.model.assets;

import java.net.URI;

/** A third-party data file found nowhere locally that could not be downloaded either (offline, blocked, gone). */
public class AssetUnavailableException extends AssetException {

    AssetUnavailableException(ThirdPartyAsset asset, URI source, String placesSearched, String reason, Throwable cause) {
        super(asset, "Cannot get " + asset.fileName() + " (" + asset.description() + "). It is not in "
                + placesSearched + ", and downloading it from " + source + " failed: " + reason + ". To run offline, "
                + "copy " + asset.fileName() + " (sha256 " + asset.sha256() + ") into a directory and set the "
                + "environment variable " + AssetResolver.ASSETS_VARIABLE + " to that directory.", cause);
    }
}
