package dev.viewpair.recipes.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version {@code --version} prints: the POM's {@code project.version}, written into {@code version.properties}
 * by Maven's resource filtering when the module is built (so it never drifts from the POM).
 */
final class PomVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"viewpair " + version()};
    }

    /** The POM's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        var properties = new Properties();
        try (var in = PomVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + PomVersion.class.getName()
                        + ": build the recipes module with Maven (mvn package), which writes it from the POM");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
