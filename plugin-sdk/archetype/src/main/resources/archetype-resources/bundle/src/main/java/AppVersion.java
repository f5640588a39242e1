package ${package};

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This app's version, as the build wrote it into {@code /app.properties}. */
final class AppVersion {

    private AppVersion() {
    }

    static String current() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/app.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
