package dev.earshot.cli;

import picocli.CommandLine;

/** The version Maven wrote into the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"earshot " + (version == null ? "development" : version)};
    }
}
