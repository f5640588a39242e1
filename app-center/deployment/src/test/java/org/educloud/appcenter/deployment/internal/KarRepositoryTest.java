package org.educloud.appcenter.deployment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarRepositoryTest {

    private static final String FEATURES = "repository/org/example/hello-app/1.0.0/hello-app-1.0.0-features.xml";

    @TempDir
    Path folder;

    private Path kar(Map<String, String> entries) throws IOException {
        Path file = folder.resolve("app.kar");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void onlyTheRepositoryIsUnpackedIntoTheAppsOwnFolderUnderKar() throws IOException {
        KarRepository repository = new KarRepository(folder.resolve("kar"));
        URI features = repository.unpack(kar(Map.of(FEATURES, "<features/>", "META-INF/educloud-app.json", "{}",
                "repository/org/example/hello/1.0.0/hello-1.0.0.jar", "jar")), "hello-school", "1.0.0", FEATURES);
        Path root = folder.resolve("kar/educloud-app-hello-school-1.0.0");
        assertEquals(root.resolve("org/example/hello-app/1.0.0/hello-app-1.0.0-features.xml").toUri(), features);
        assertEquals(features, repository.featuresUri("hello-school", "1.0.0", FEATURES));
        assertTrue(Files.isRegularFile(root.resolve("org/example/hello/1.0.0/hello-1.0.0.jar")), "a Maven layout pax-url finds");
        assertFalse(Files.exists(root.resolve("META-INF")));
        repository.remove("hello-school", "1.0.0");
        assertFalse(Files.exists(root));
    }

    @Test
    void anEntryEscapingTheFolderIsRefusedEvenIfTheFileChangedAfterItsChecks() throws IOException {
        KarRepository repository = new KarRepository(folder.resolve("kar"));
        Path evil = kar(Map.of(FEATURES, "<features/>", "repository/../../../escaped.txt", "boom"));
        IOException refused = assertThrows(IOException.class, () -> repository.unpack(evil, "hello-school", "1.0.0", FEATURES));
        assertTrue(refused.getMessage().contains("outside the app's folder"));
        assertFalse(Files.exists(Paths.get(folder.toString(), "escaped.txt")));
    }
}
