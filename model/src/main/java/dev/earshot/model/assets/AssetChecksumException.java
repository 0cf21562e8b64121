package dev.earshot.model.assets;

import java.net.URI;

/** A downloaded third-party data file whose content is not the published file; the download has been deleted. */
public class AssetChecksumException extends AssetException {

    AssetChecksumException(ThirdPartyAsset asset, URI source, String actualSha256) {
        super(asset, "The download of " + asset.fileName() + " from " + source + " has SHA-256 " + actualSha256
                + " but the published file has " + asset.sha256() + "; it was deleted and not used. The server, a "
                + "proxy or the connection altered it. Retry, or copy a verified " + asset.fileName()
                + " into a directory and set " + AssetResolver.ASSETS_VARIABLE + " to it.", null);
    }
}
