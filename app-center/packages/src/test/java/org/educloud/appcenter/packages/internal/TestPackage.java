package org.educloud.appcenter.packages.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A small app package written for a test: by default a valid one, then spoiled as the test needs. */
final class TestPackage {

    final Map<String, byte[]> entries = new LinkedHashMap<>();
    final Map<String, String> bundleHeaders = new LinkedHashMap<>();
    final Map<String, String> bundleFiles = new LinkedHashMap<>();
    String id = "hello-school";
    String version = "1.0.0";
    String descriptor;
    String features;

    TestPackage() {
        bundleHeaders.put("Bundle-ManifestVersion", "2");
        bundleHeaders.put("Bundle-SymbolicName", "org.example.hello");
        bundleHeaders.put("EduCloud-App", "hello-school");
        bundleHeaders.put("Import-Package", "java.lang,javax.sql,javax.ws.rs;version=\"[2.1,3)\",javax.ws.rs.core,"
                + "org.educloud.sdk.user;version=\"[1.0,2)\"");
    }

    TestPackage version(String value) {
        version = value;
        return this;
    }

    TestPackage header(String name, String value) {
        bundleHeaders.put(name, value);
        return this;
    }

    /** Adds a Declarative Services component description to the bundle (and to its Service-Component header). */
    TestPackage component(String path, String xml) {
        bundleFiles.put(path, xml);
        bundleHeaders.merge("Service-Component", path, (a, b) -> a + "," + b);
        return this;
    }

    TestPackage bundleFile(String path, String content) {
        bundleFiles.put(path, content);
        return this;
    }

    String descriptorJson() {
        return descriptor != null ? descriptor : """
                {"id": "%s", "version": "%s", "sdk": "[1.0,2)", "name": {"zh-CN": "你好学校", "en": "Hello School"},
                 "vendor": "Example", "scopes": ["profile"], "bundles": ["org.example.hello"]}
                """.formatted(id, version);
    }

    String featuresXml() {
        return features != null ? features : """
                <features name="hello" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="%s" version="%s"><bundle>mvn:org.example/hello/%s</bundle></feature>
                </features>
                """.formatted(id, version, version);
    }

    Path write(Path folder) throws IOException {
        Path file = folder.resolve(id + "-" + version + "-" + System.nanoTime() + ".kar");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "META-INF/educloud-app.json", descriptorJson().getBytes(StandardCharsets.UTF_8));
            put(zip, "repository/org/example/hello-app/" + version + "/hello-app-" + version + "-features.xml",
                    featuresXml().getBytes(StandardCharsets.UTF_8));
            put(zip, "repository/org/example/hello/" + version + "/hello-" + version + ".jar", bundle());
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        }
        return file;
    }

    byte[] bundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-Version", version);
        bundleHeaders.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new ZipEntry("org/example/hello/Hello.class"));
            jar.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
            jar.closeEntry();
            for (Map.Entry<String, String> file : bundleFiles.entrySet()) {
                jar.putNextEntry(new ZipEntry(file.getKey()));
                jar.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
