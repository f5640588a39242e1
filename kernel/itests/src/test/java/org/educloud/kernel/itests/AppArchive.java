package org.educloud.kernel.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An app package (.kar) made on the spot: one bundle with the given headers and files, its feature and descriptor. */
final class AppArchive {

    private AppArchive() {
    }

    static Path write(Path folder, String appId, String version, Map<String, String> headers, Map<String, String> files) throws IOException {
        return write(folder, appId, version, "[1.0,2)", headers, files);
    }

    /** As {@link #write(Path, String, String, Map, Map)}, with binary files (classes) too. */
    static Path write(Path folder, String appId, String version, Map<String, String> headers, Map<String, String> files,
            Map<String, byte[]> binaries) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>(binaries);
        files.forEach((name, text) -> all.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return writeBytes(folder, appId, version, "[1.0,2)", headers, all, List.of(), List.of());
    }

    /** As {@link #write(Path, String, String, Map, Map, Map)}, for an app that asks schools for {@code scopes}. */
    static Path write(Path folder, String appId, String version, String sdk, Map<String, String> headers, Map<String, String> files,
            Map<String, byte[]> binaries, List<String> scopes) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>(binaries);
        files.forEach((name, text) -> all.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return writeBytes(folder, appId, version, sdk, headers, all, scopes, List.of());
    }

    /** A package without files of its own whose app asks schools for {@code scopes}. */
    static Path withScopes(Path folder, String appId, String version, List<String> scopes) throws IOException {
        return writeBytes(folder, appId, version, "[1.0,2)", Map.of(), Map.of(), scopes, List.of());
    }

    /** A package without files of its own that only holders of {@code roles} may launch (its descriptor's {@code roles}). */
    static Path forRoles(Path folder, String appId, String version, List<String> roles) throws IOException {
        return writeBytes(folder, appId, version, "[1.0,2)", Map.of(), Map.of(), List.of(), roles);
    }

    /** As {@link #write(Path, String, String, Map, Map)}, for the SDK versions {@code sdk}. */
    static Path write(Path folder, String appId, String version, String sdk, Map<String, String> headers, Map<String, String> files)
            throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        files.forEach((name, text) -> all.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return writeBytes(folder, appId, version, sdk, headers, all, List.of(), List.of());
    }

    private static Path writeBytes(Path folder, String appId, String version, String sdk, Map<String, String> headers,
            Map<String, byte[]> files, List<String> scopes, List<String> roles) throws IOException {
        String symbolicName = "org.example." + appId;
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("EduCloud-App", appId);
        headers.forEach(main::putValue);
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bundle, manifest)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue());
                jar.closeEntry();
            }
        }
        String descriptor = """
                {"id": "%s", "version": "%s", "sdk": "%s", "name": {"zh-CN": "测试应用", "en": "Test app"},
                 "vendor": "itest", "scopes": [%s], "bundles": ["%s"], "roles": [%s]}
                """.formatted(appId, version, sdk, quoted(scopes), symbolicName, quoted(roles));
        String features = """
                <features name="%s-%s" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="%s" version="%s"><bundle start-level="80">mvn:org.example/%s/%s</bundle></feature>
                </features>
                """.formatted(appId, version, appId, version, appId, version);
        Path file = folder.resolve(appId + "-" + version + ".kar");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "META-INF/educloud-app.json", descriptor.getBytes(StandardCharsets.UTF_8));
            put(zip, "repository/org/example/" + appId + "-app/" + version + "/" + appId + "-app-" + version + "-features.xml",
                    features.getBytes(StandardCharsets.UTF_8));
            put(zip, "repository/org/example/" + appId + "/" + version + "/" + appId + "-" + version + ".jar", bundle.toByteArray());
        }
        return file;
    }

    private static String quoted(List<String> words) {
        return String.join(", ", words.stream().map(word -> "\"" + word + "\"").toList());
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
