package dev.picklewire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code picklewire --version}: the Maven version packaged in the jar, and the Java running it. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"picklewire " + projectVersion(), "Java " + System.getProperty("java.version")};
    }

    /** The version Maven recorded in the jar; a build from the class-path folder has none. */
    static String projectVersion() {
        try (InputStream in = Version.class.getResourceAsStream(
                "/META-INF/maven/dev.picklewire/picklewire-cli/pom.properties")) {
            if (in == null) {
                return "(development build)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
