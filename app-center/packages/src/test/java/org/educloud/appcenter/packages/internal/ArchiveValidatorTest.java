package org.educloud.appcenter.packages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.educloud.appcenter.packages.AppPackageValidator.StoredVersions;
import org.educloud.appcenter.packages.PackageProblem;
import org.educloud.appcenter.packages.PackageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveValidatorTest {

    @TempDir
    Path folder;

    private final ArchiveValidator validator = new ArchiveValidator(limits(50L * 1024 * 1024, 20L * 1024 * 1024));

    private PackageReport check(TestPackage app) throws IOException {
        return validator.validate(app.write(folder), Optional.empty(), StoredVersions.NONE);
    }

    private static void assertRefused(PackageReport report, String where, String what) {
        assertFalse(report.accepted(), "refused");
        assertTrue(report.problems().stream().anyMatch(p -> p.where().equals(where) && p.what().contains(what)),
                "expected a problem at " + where + " saying '" + what + "', got:\n" + report.summary());
        for (PackageProblem problem : report.problems()) {
            assertFalse(problem.fix().isBlank(), "every problem says how to fix it: " + problem);
        }
    }

    @Test
    void aWellFormedPackageIsAcceptedWithItsDescriptorAndChecksum() throws IOException {
        PackageReport report = check(new TestPackage());
        assertTrue(report.accepted(), report.summary());
        assertEquals("hello-school", report.descriptor().orElseThrow().id());
        assertEquals("你好学校", report.descriptor().orElseThrow().nameZh());
        assertEquals(64, report.sha256().length());
    }

    @Test
    void anIconAndScreenshotsMustBeInThePackageSmallAndWhatTheirNamesSay() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        TestPackage good = withImages("\"icon\": \"META-INF/icon.png\", \"screenshots\": [\"META-INF/shot.png\"], "
                + "\"roles\": [\"teacher\"]");
        good.entries.put("META-INF/icon.png", png);
        good.entries.put("META-INF/shot.png", png);
        PackageReport report = check(good);
        assertTrue(report.accepted(), report.summary());
        assertEquals("META-INF/icon.png", report.descriptor().orElseThrow().icon());
        assertEquals(java.util.List.of("teacher"), report.descriptor().orElseThrow().roles());
        assertTrue(report.descriptor().orElseThrow().launchableBy("teacher"));
        assertFalse(report.descriptor().orElseThrow().launchableBy("student"));

        assertRefused(check(withImages("\"icon\": \"META-INF/icon.png\"")), "META-INF/icon.png", "not in the package");
        TestPackage disguised = withImages("\"icon\": \"META-INF/icon.png\"");
        disguised.entries.put("META-INF/icon.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertRefused(check(disguised), "META-INF/icon.png", "not the image its name says");
        TestPackage scripted = withImages("\"icon\": \"META-INF/icon.svg\"");
        scripted.entries.put("META-INF/icon.svg", "<svg onload=\"alert(1)\"></svg>".getBytes(StandardCharsets.UTF_8));
        assertRefused(check(scripted), "META-INF/icon.svg", "not the image its name says");
        TestPackage big = withImages("\"icon\": \"META-INF/icon.png\"");
        byte[] huge = java.util.Arrays.copyOf(png, 65 * 1024);
        big.entries.put("META-INF/icon.png", huge);
        assertRefused(check(big), "META-INF/icon.png", "more than the limit");
        assertRefused(check(withImages("\"icon\": \"../etc/passwd.png\"")), "descriptor.icon", "not an image path");
        assertRefused(check(withImages("\"roles\": [\"Teacher!\"]")), "descriptor.roles[0]", "not valid");
    }

    private static TestPackage withImages(String members) {
        TestPackage app = new TestPackage();
        app.descriptor = app.descriptorJson().replace("\"bundles\"", members + ", \"bundles\"");
        return app;
    }

    @Test
    void theChecksumMustMatchWhenOneIsGiven() throws IOException {
        Path file = new TestPackage().write(folder);
        String real = ArchiveValidator.sha256(file);
        assertTrue(validator.validate(file, Optional.of(real.toUpperCase()), StoredVersions.NONE).accepted());
        // One hex digit changed (a fixed prefix would match the real sum whenever it happens to start with it).
        String wrong = (real.charAt(0) == '0' ? "1" : "0") + real.substring(1);
        PackageReport report = validator.validate(file, Optional.of(wrong), StoredVersions.NONE);
        assertRefused(report, "package", "was expected");
    }

    @Test
    void somethingThatIsNotAZipIsRefused() throws IOException {
        Path file = folder.resolve("notes.kar");
        Files.writeString(file, "this is not a zip");
        assertRefused(validator.validate(file, Optional.empty(), StoredVersions.NONE), "package", "not a zip");
    }

    @Test
    void anOversizedPackageIsRefusedBeforeItIsOpened() throws IOException {
        ArchiveValidator small = new ArchiveValidator(limits(1000, 20L * 1024 * 1024));
        TestPackage app = new TestPackage();
        app.entries.put("META-INF/padding.bin", randomBytes(5000));
        assertRefused(small.validate(app.write(folder), Optional.empty(), StoredVersions.NONE), "package", "more than the limit of 1000");
    }

    @Test
    void aZipSlipEntryIsRefused() throws IOException {
        TestPackage app = new TestPackage();
        app.entries.put("repository/../../../etc/passwd", "root::0:0".getBytes(StandardCharsets.UTF_8));
        assertRefused(check(app), "repository/../../../etc/passwd", "zip-slip");
        TestPackage absolute = new TestPackage();
        absolute.entries.put("/tmp/evil.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
        assertRefused(check(absolute), "/tmp/evil.sh", "zip-slip");
    }

    @Test
    void aZipBombIsRefusedByItsRatioWithoutExpandingIt() throws IOException {
        TestPackage app = new TestPackage();
        app.entries.put("repository/org/example/bomb/1/bomb-1.bin", new byte[10 * 1024 * 1024]);
        assertRefused(check(app), "repository/org/example/bomb/1/bomb-1.bin", "zip bomb");
    }

    @Test
    void anArchiveThatExpandsBeyondTheLimitIsRefused() throws IOException {
        ArchiveValidator strict = new ArchiveValidator(limits(50L * 1024 * 1024, 64 * 1024));
        TestPackage app = new TestPackage();
        app.entries.put("META-INF/big.bin", randomBytes(100 * 1024));
        assertRefused(strict.validate(app.write(folder), Optional.empty(), StoredVersions.NONE), "META-INF/big.bin", "expand to more than");
    }

    @Test
    void aMissingDescriptorIsRefused() throws IOException {
        Path file = folder.resolve("bare.kar");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("repository/x.xml"));
            zip.write("<features xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertRefused(validator.validate(file, Optional.empty(), StoredVersions.NONE), "META-INF/educloud-app.json", "is missing");
    }

    @Test
    void everyBadDescriptorMemberIsNamed() throws IOException {
        TestPackage app = new TestPackage();
        app.descriptor = """
                {"id": "Hello School", "version": "1.0", "sdk": "[2.0", "name": {"zh-CN": ""}, "scopes": ["OK NO"], "bundles": []}
                """;
        PackageReport report = check(app);
        assertRefused(report, "descriptor.id", "not a valid app id");
        assertRefused(report, "descriptor.version", "major.minor.micro");
        assertRefused(report, "descriptor.sdk", "not a version range");
        assertRefused(report, "descriptor.name.zh-CN", "blank");
        assertRefused(report, "descriptor.name.en", "missing");
        assertRefused(report, "descriptor.vendor", "missing");
        assertRefused(report, "descriptor.scopes[0]", "not valid");
        assertRefused(report, "descriptor.bundles", "empty");
    }

    @Test
    void aDescriptorThatIsNotJsonIsRefusedWithTheLine() throws IOException {
        TestPackage app = new TestPackage();
        app.descriptor = "{\"id\": \"hello-school\",\n \"version\": }";
        assertRefused(check(app), "descriptor", "line 2");
    }

    @Test
    void aBundleImportingAKernelInternalPackageIsRefused() throws IOException {
        PackageReport report = check(new TestPackage().header("Import-Package",
                "org.educloud.sdk.user,org.educloud.identity.internal;version=\"[0.1,1)\",org.educloud.persistence"));
        assertRefused(report, "bundle org.example.hello", "kernel internal package org.educloud.identity.internal");
        assertRefused(report, "bundle org.example.hello", "kernel package org.educloud.persistence, which is not part of the SDK");
        assertEquals(2, report.problems().size(), report.summary());
    }

    private static String component(String name, String provide, String properties) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%s">
                  <implementation class="%s"/>
                  <service><provide interface="%s"/></service>
                  %s
                </scr:component>
                """.formatted(name, name, provide, properties).strip();
    }

    @Test
    void aResourceInTheAppsOwnApplicationIsAccepted() throws IOException {
        PackageReport report = check(new TestPackage().component("OSGI-INF/org.example.hello.Greeting.xml",
                component("org.example.hello.Greeting", "org.example.hello.Greeting", """
                        <property name="osgi.jaxrs.resource" type="Boolean" value="true"/>
                        <property name="osgi.jaxrs.application.select" type="String" value="(educloud.app=hello-school)"/>
                        <property name="osgi.jaxrs.extension.select" type="String">(osgi.jaxrs.media.type=application/json)
                        (osgi.jaxrs.name=educloud.bearer-token)</property>""")));
        assertTrue(report.accepted(), report.summary());
    }

    @Test
    void aResourceOrExtensionOutsideTheAppsOwnApplicationIsRefused() throws IOException {
        PackageReport report = check(new TestPackage()
                .component("OSGI-INF/org.example.hello.Takeover.xml", component("org.example.hello.Takeover", "org.example.hello.Takeover",
                        "<property name=\"osgi.jaxrs.resource\" type=\"Boolean\" value=\"true\"/>"))
                .component("OSGI-INF/org.example.hello.Elsewhere.xml", component("org.example.hello.Elsewhere", "org.example.hello.Elsewhere", """
                        <property name="osgi.jaxrs.resource" type="Boolean" value="true"/>
                        <property name="osgi.jaxrs.application.select" type="String" value="(educloud.app=notices)"/>"""))
                .component("OSGI-INF/org.example.hello.Mapper.xml", component("org.example.hello.Mapper", "javax.ws.rs.ext.ExceptionMapper",
                        "<properties entry=\"OSGI-INF/mapper.properties\"/>"))
                .bundleFile("OSGI-INF/mapper.properties", "osgi.jaxrs.extension=true\nosgi.jaxrs.application.select=(osgi.jaxrs.name=*)\n")
                .component("OSGI-INF/org.example.hello.Api.xml", component("org.example.hello.Api", "javax.ws.rs.core.Application",
                        "<property name=\"osgi.jaxrs.application.base\" value=\"/api/identity\"/>")));
        assertRefused(report, "bundle org.example.hello", "component org.example.hello.Takeover is a JAX-RS resource outside the app's own "
                + "application (osgi.jaxrs.application.select is not set): add @JaxrsApplicationSelect(\"(educloud.app=hello-school)\")");
        assertRefused(report, "bundle org.example.hello", "component org.example.hello.Elsewhere is a JAX-RS resource outside");
        assertRefused(report, "bundle org.example.hello", "component org.example.hello.Mapper is a JAX-RS extension outside");
        assertRefused(report, "bundle org.example.hello", "component org.example.hello.Api registers a JAX-RS application");
        assertEquals(4, report.problems().size(), report.summary());
    }

    @Test
    void aComponentDescriptionThatIsMissingOrNotXmlIsRefused() throws IOException {
        PackageReport report = check(new TestPackage().header("Service-Component", "OSGI-INF/missing.xml")
                .component("OSGI-INF/broken.xml", "<scr:component"));
        assertRefused(report, "bundle org.example.hello", "OSGI-INF/missing.xml in Service-Component, which is not in the bundle");
        assertRefused(report, "bundle org.example.hello", "OSGI-INF/broken.xml that is not readable XML");
    }

    @Test
    void aBundleImportingALibraryOutsideTheAllowListIsRefused() throws IOException {
        assertRefused(check(new TestPackage().header("Import-Package", "org.apache.karaf.features,org.slf4j")),
                "bundle org.example.hello", "org.apache.karaf.features");
    }

    @Test
    void dynamicImportsFragmentsAndRequireBundleAreRefused() throws IOException {
        PackageReport report = check(new TestPackage().header("DynamicImport-Package", "*")
                .header("Fragment-Host", "org.educloud.identity").header("Require-Bundle", "org.educloud.persistence"));
        assertRefused(report, "bundle org.example.hello", "DynamicImport-Package");
        assertRefused(report, "bundle org.example.hello", "Fragment-Host");
        assertRefused(report, "bundle org.example.hello", "Require-Bundle");
    }

    @Test
    void aBundleWithoutTheAppHeaderOrNotInTheDescriptorIsRefused() throws IOException {
        TestPackage app = new TestPackage().header("EduCloud-App", "another-app").header("Bundle-SymbolicName", "org.example.other");
        app.features = null;
        PackageReport report = check(app);
        assertRefused(report, "bundle org.example.other", "EduCloud-App: hello-school");
        assertRefused(report, "bundle org.example.other", "not listed in the descriptor");
        assertRefused(report, "descriptor.bundles", "org.example.hello, which is not in the package");
    }

    @Test
    void theFeatureMustBeTheAppsOneFeatureWithOnlyItsOwnBundles() throws IOException {
        TestPackage app = new TestPackage();
        app.features = """
                <features name="x" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <repository>mvn:org.evil/repo/1/xml/features</repository>
                  <feature name="other" version="2.0.0">
                    <feature>webconsole</feature>
                    <configfile finalname="etc/users.properties">mvn:org.evil/users/1/properties</configfile>
                    <bundle>mvn:org.evil/rootkit/1.0</bundle>
                  </feature>
                </features>
                """;
        PackageReport report = check(app);
        String path = "repository/org/example/hello-app/1.0.0/hello-app-1.0.0-features.xml";
        assertRefused(report, path, "refers to other features repositories");
        assertRefused(report, path, "not the app's id 'hello-school'");
        assertRefused(report, path, "not the app's version 1.0.0");
        assertRefused(report, path, "besides bundles");
        assertRefused(report, path, "mvn:org.evil/rootkit/1.0, which is not in the package");
    }

    @Test
    void aFeaturesFileWithADoctypeIsRefused() throws IOException {
        TestPackage app = new TestPackage();
        app.features = "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><features>&x;</features>";
        assertRefused(check(app), "repository/org/example/hello-app/1.0.0/hello-app-1.0.0-features.xml", "not a valid features repository");
    }

    @Test
    void filesOutsideTheAppLayoutAreRefused() throws IOException {
        TestPackage app = new TestPackage();
        app.entries.put("resources/etc/org.educloud.identity.cfg", "issuer=http://evil".getBytes(StandardCharsets.UTF_8));
        assertRefused(check(app), "resources/etc/org.educloud.identity.cfg", "outside META-INF/ and repository/");
    }

    @Test
    void aStoredVersionIsADuplicateAndALowerOneIsOutOfOrder() throws IOException {
        Path same = new TestPackage().version("1.2.0").write(folder);
        assertRefused(validator.validate(same, Optional.empty(), id -> List.of("1.0.0", "1.2.0")), "descriptor.version", "already stored");
        Path lower = new TestPackage().version("1.1.0").write(folder);
        PackageReport report = validator.validate(lower, Optional.empty(), id -> List.of("1.0.0", "1.2.0"));
        assertRefused(report, "descriptor.version", "lower than 1.2.0");
        assertTrue(report.problems().get(0).fix().contains("1.2.1"), report.summary());
        Path higher = new TestPackage().version("1.3.0").write(folder);
        assertTrue(validator.validate(higher, Optional.empty(), id -> List.of("1.0.0", "1.2.0")).accepted());
    }

    @Test
    void importHeadersAreSplitOutsideQuotes() {
        assertEquals(List.of("a.b", "c.d", "e"), ImportPolicy.packageNames("a.b;c.d;version=\"[1,2)\",e;resolution:=optional"));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }

    static PackageLimits limits(long maxPackageBytes, long maxExpandedBytes) {
        return new PackageLimits() {
            public Class<? extends Annotation> annotationType() { return PackageLimits.class; }
            public long maxPackageBytes() { return maxPackageBytes; }
            public long maxExpandedBytes() { return maxExpandedBytes; }
            public int maxCompressionRatio() { return 100; }
            public int maxEntries() { return 2000; }
            public int maxImageBytes() { return 64 * 1024; }
            public String[] allowedImports() {
                return new String[] {"javax.ws.rs", "javax.ws.rs.*", "javax.sql", "org.osgi.service.*", "org.slf4j"};
            }
        };
    }
}
