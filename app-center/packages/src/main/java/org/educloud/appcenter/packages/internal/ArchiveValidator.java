package org.educloud.appcenter.packages.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.educloud.appcenter.packages.AppPackageValidator;
import org.educloud.appcenter.packages.PackageProblem;
import org.educloud.appcenter.packages.PackageReport;
import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The app package checks, in the order a reviewer would make them: the file (size, checksum),
 * the archive (a zip, entry names, expanded size), its structure, the descriptor, the feature,
 * then each bundle's manifest, and last the version against those already stored. Checks go on
 * after a problem wherever the later ones still make sense, so a vendor sees everything at once.
 * Nothing is written anywhere: entries are read into memory within the limits.
 */
@Component(service = AppPackageValidator.class, configurationPid = "org.educloud.appcenter.packages")
@Designate(ocd = PackageLimits.class)
public class ArchiveValidator implements AppPackageValidator {

    private static final String REPOSITORY = "repository/";
    private static final long LARGE_ENTRY = 1024 * 1024;

    private final PackageLimits limits;
    private final ImportPolicy imports;

    @Activate
    public ArchiveValidator(PackageLimits limits) {
        this.limits = limits;
        this.imports = new ImportPolicy(limits.allowedImports());
    }

    @Override
    public PackageReport validate(Path archive, Optional<String> expectedSha256, StoredVersions stored) {
        List<PackageProblem> problems = new ArrayList<>();
        long size;
        String sha256;
        try {
            size = Files.size(archive);
            sha256 = sha256(archive);
        } catch (IOException e) {
            problems.add(new PackageProblem("package", "cannot be read: " + e.getMessage(), "give the path of a readable .kar file"));
            return new PackageReport(Optional.empty(), "", 0, null, problems);
        }
        if (size > limits.maxPackageBytes()) {
            problems.add(new PackageProblem("package", "is " + size + " bytes, more than the limit of " + limits.maxPackageBytes(),
                    "leave out what the app does not need (e.g. libraries the kernel offers) or ask the operator to raise maxPackageBytes"));
            return new PackageReport(Optional.empty(), sha256, size, null, problems);
        }
        expectedSha256.map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty() && !s.equals(sha256)).ifPresent(expected ->
                problems.add(new PackageProblem("package", "has SHA-256 " + sha256 + " but " + expected + " was expected",
                        "upload the file the checksum was made from (it may have been damaged or altered on the way)")));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Map<String, byte[]> entries = readEntries(zip, problems);
            if (entries == null) {
                return new PackageReport(Optional.empty(), sha256, size, null, problems);
            }
            return checkContent(entries, sha256, size, stored, problems);
        } catch (ZipException e) {
            problems.add(new PackageProblem("package", "is not a zip archive (" + e.getMessage() + ")",
                    "upload the .kar that mvn package made (a Karaf archive is a zip file)"));
        } catch (IOException e) {
            problems.add(new PackageProblem("package", "cannot be read as an archive: " + e.getMessage(), "upload the .kar again"));
        }
        return new PackageReport(Optional.empty(), sha256, size, null, problems);
    }

    /** Every file entry's content by name, or null when the archive is unsafe to look into further. */
    private Map<String, byte[]> readEntries(ZipFile zip, List<PackageProblem> problems) throws IOException {
        if (zip.size() > limits.maxEntries()) {
            problems.add(new PackageProblem("package", "has " + zip.size() + " entries, more than the limit of " + limits.maxEntries(),
                    "package only the app's feature, its bundles and the descriptor"));
            return null;
        }
        Map<String, byte[]> entries = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long expanded = 0;
        boolean unsafe = false;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (!safeName(name)) {
                problems.add(new PackageProblem(printable(name), "is a path that points outside the archive's folder (zip-slip)",
                        "use relative entry names without '..', a leading '/', '\\' or a drive letter"));
                unsafe = true;
                continue;
            }
            if (!seen.add(name)) {
                problems.add(new PackageProblem(name, "appears twice", "let each entry appear once"));
                unsafe = true;
                continue;
            }
            if (entry.isDirectory()) {
                continue;
            }
            // Count what the entry really expands to: the sizes in its header are the uploader's claim.
            byte[] content = readAtMost(zip.getInputStream(entry), limits.maxExpandedBytes() - expanded);
            if (content == null) {
                problems.add(new PackageProblem(name, "makes the archive expand to more than " + limits.maxExpandedBytes() + " bytes (zip bomb?)",
                        "package only what the app needs, or ask the operator to raise maxExpandedBytes"));
                return null;
            }
            expanded += content.length;
            long compressed = Math.max(1, entry.getCompressedSize());
            if (content.length > LARGE_ENTRY && content.length / compressed > limits.maxCompressionRatio()) {
                problems.add(new PackageProblem(name, "expands " + content.length / compressed + " times (" + compressed + " to "
                        + content.length + " bytes), more than the limit of " + limits.maxCompressionRatio() + " (zip bomb?)",
                        "package real content; a legitimate file does not compress that well"));
                return null;
            }
            entries.put(name, content);
        }
        return unsafe ? null : entries;
    }

    private PackageReport checkContent(Map<String, byte[]> entries, String sha256, long size, StoredVersions stored,
            List<PackageProblem> problems) {
        for (String name : entries.keySet()) {
            if (!name.startsWith("META-INF/") && !name.startsWith(REPOSITORY)) {
                problems.add(new PackageProblem(name, "is outside META-INF/ and repository/",
                        "an app package holds only its descriptor, its features repository and its bundles; leave out other files "
                        + "(a Karaf archive's resources/ folder would be copied into the kernel)"));
            }
        }
        Optional<AppDescriptor> descriptor = Optional.empty();
        byte[] json = entries.get(AppDescriptor.PATH);
        if (json == null) {
            problems.add(new PackageProblem(AppDescriptor.PATH, "is missing",
                    "put the app descriptor in src/main/resources/" + AppDescriptor.PATH + " of the package module"));
        } else {
            descriptor = new DescriptorReader(problems).read(json);
        }
        List<String> featureFiles = entries.keySet().stream().filter(n -> n.startsWith(REPOSITORY) && n.endsWith(".xml")).sorted().toList();
        String featuresPath = featureFiles.size() == 1 ? featureFiles.get(0) : null;
        if (featureFiles.size() != 1) {
            problems.add(new PackageProblem("repository/", featureFiles.isEmpty() ? "holds no features repository"
                    : "holds " + featureFiles.size() + " features repositories " + featureFiles,
                    "build the package from one features repository holding the app's one feature (karaf-maven-plugin, packaging kar)"));
        }
        Map<String, byte[]> jars = new HashMap<>();
        entries.forEach((name, content) -> {
            if (name.startsWith(REPOSITORY) && name.endsWith(".jar")) {
                jars.put(name, content);
            }
        });
        if (descriptor.isPresent() && featuresPath != null) {
            checkFeature(descriptor.get(), featuresPath, entries.get(featuresPath), jars, problems);
        }
        descriptor.ifPresent(app -> checkBundles(app, jars, problems));
        descriptor.ifPresent(app -> checkImages(app, entries, problems));
        descriptor.ifPresent(app -> checkVersion(app, stored, problems));
        // The descriptor stays in a refused report too, so callers can say which app was refused.
        return new PackageReport(descriptor, sha256, size, featuresPath, problems);
    }

    /** The icon and screenshots the descriptor names are in the package, small enough, and images of their kind. */
    private void checkImages(AppDescriptor app, Map<String, byte[]> entries, List<PackageProblem> problems) {
        List<String> images = new ArrayList<>(app.screenshots());
        if (app.icon() != null) {
            images.add(0, app.icon());
        }
        for (String image : images) {
            byte[] content = entries.get(image);
            if (content == null) {
                problems.add(new PackageProblem(image, "is named in the descriptor but not in the package",
                        "put the image at that path (src/main/resources/" + image + " of the package module) or fix the path"));
            } else if (content.length > limits.maxImageBytes()) {
                problems.add(new PackageProblem(image, "is " + content.length + " bytes, more than the limit of " + limits.maxImageBytes(),
                        "make the image smaller (an icon of 256x256 pixels is plenty)"));
            } else if (!ImageKind.matches(image, content)) {
                problems.add(new PackageProblem(image, "is not the image its name says (" + image.substring(image.lastIndexOf('.') + 1) + ")",
                        "save it in the format its extension names: PNG, JPEG, SVG or WebP"));
            }
        }
    }

    private void checkFeature(AppDescriptor app, String path, byte[] xml, Map<String, byte[]> jars, List<PackageProblem> problems) {
        FeaturesRepository repository;
        try {
            repository = FeaturesRepository.parse(xml);
        } catch (Exception e) {
            problems.add(new PackageProblem(path, "is not a valid features repository: " + e.getMessage(),
                    "write it as Karaf features XML (http://karaf.apache.org/xmlns/features/v1.6.0)"));
            return;
        }
        if (repository.repositoryReferences() > 0) {
            problems.add(new PackageProblem(path, "refers to other features repositories",
                    "remove the <repository> elements: an app brings only its own feature and uses what the kernel offers"));
        }
        if (repository.features().size() != 1) {
            problems.add(new PackageProblem(path, "holds " + repository.features().size() + " features",
                    "hold exactly one feature, named " + app.id()));
            return;
        }
        FeaturesRepository.AppFeature feature = repository.features().get(0);
        if (!feature.name().equals(app.id())) {
            problems.add(new PackageProblem(path, "names its feature '" + feature.name() + "', not the app's id '" + app.id() + "'",
                    "name the feature " + app.id()));
        }
        if (!Version.parseVersion(feature.version()).equals(DescriptorReader.version(app.version()))) {
            problems.add(new PackageProblem(path, "gives the feature version " + feature.version() + ", not the app's version " + app.version(),
                    "give the feature and the descriptor the same version (both from ${project.version})"));
        }
        if (!feature.otherElements().isEmpty()) {
            problems.add(new PackageProblem(path, "the feature holds " + feature.otherElements().stream().distinct().toList()
                    + " besides bundles", "list only the app's own bundles: other features, configurations and config files "
                    + "would change the kernel for everyone"));
        }
        for (String location : feature.bundles()) {
            String entry = repositoryEntry(location);
            if (entry == null || !jars.containsKey(entry)) {
                problems.add(new PackageProblem(path, "lists the bundle " + location + ", which is not in the package",
                        "list only bundles the package holds, as mvn:groupId/artifactId/version (the kar build adds them)"));
            }
        }
    }

    /** The archive entry of a {@code mvn:group/artifact/version} location, or null for other locations. */
    static String repositoryEntry(String location) {
        if (!location.startsWith("mvn:")) {
            return null;
        }
        String[] parts = location.substring(4).split("/");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        return REPOSITORY + parts[0].replace('.', '/') + "/" + parts[1] + "/" + parts[2] + "/" + parts[1] + "-" + parts[2] + ".jar";
    }

    private void checkBundles(AppDescriptor app, Map<String, byte[]> jars, List<PackageProblem> problems) {
        Set<String> found = new HashSet<>();
        for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
            Manifest manifest;
            Map<String, byte[]> descriptions = new HashMap<>();
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.getValue()))) {
                manifest = in.getManifest();
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (entry.getName().startsWith("OSGI-INF/") && !entry.isDirectory()) {
                        byte[] content = in.readNBytes((int) LARGE_ENTRY + 1); // bounded: the jar may be a bomb of its own
                        if (content.length > LARGE_ENTRY) {
                            throw new IOException(entry.getName() + " expands beyond " + LARGE_ENTRY + " bytes");
                        }
                        descriptions.put(entry.getName(), content);
                    }
                }
            } catch (IOException e) {
                problems.add(new PackageProblem(jar.getKey(), "is not a readable jar: " + e.getMessage(), "package the bundle the build made"));
                continue;
            }
            Attributes headers = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String symbolicName = headers.getValue("Bundle-SymbolicName");
            if (symbolicName == null) {
                problems.add(new PackageProblem(jar.getKey(), "is not an OSGi bundle (no Bundle-SymbolicName)",
                        "build it with bnd-maven-plugin or maven-bundle-plugin"));
                continue;
            }
            symbolicName = symbolicName.split(";")[0].strip();
            String where = "bundle " + symbolicName;
            found.add(symbolicName);
            if (!app.bundles().contains(symbolicName)) {
                problems.add(new PackageProblem(where, "is not listed in the descriptor's bundles", "add \"" + symbolicName
                        + "\" to \"bundles\" in " + AppDescriptor.PATH + ", or leave the bundle out"));
            }
            if (!app.id().equals(headers.getValue(AppDescriptor.APP_HEADER))) {
                problems.add(new PackageProblem(where, "does not carry the manifest header " + AppDescriptor.APP_HEADER + ": " + app.id(),
                        "add '" + AppDescriptor.APP_HEADER + ": " + app.id() + "' to its bnd.bnd"));
            }
            for (String problem : RestComponents.problems(app.id(), headers.getValue("Service-Component"), descriptions)) {
                problems.add(new PackageProblem(where, problem, "serve the app's REST resources from its own JAX-RS application"));
            }
            for (String imported : ImportPolicy.packageNames(headers.getValue("Import-Package"))) {
                imports.refusal(imported).ifPresent(reason -> problems.add(new PackageProblem(where, reason,
                        "use only org.educloud.sdk.* from the kernel and the libraries it offers apps (the operator's allow-list); "
                        + "embed any other library in the bundle (bnd -conditionalpackage)")));
            }
            if (headers.getValue("DynamicImport-Package") != null) {
                problems.add(new PackageProblem(where, "declares DynamicImport-Package, which would let it load any kernel package",
                        "remove DynamicImport-Package and import what it needs"));
            }
            for (String header : List.of("Require-Bundle", "Fragment-Host")) {
                if (headers.getValue(header) != null) {
                    problems.add(new PackageProblem(where, "declares " + header + ", which ties it to another bundle's insides",
                            "remove " + header + " and import SDK packages instead"));
                }
            }
            for (String exported : ImportPolicy.packageNames(headers.getValue("Export-Package"))) {
                if (exported.equals("org.educloud") || exported.startsWith("org.educloud.")) {
                    problems.add(new PackageProblem(where, "exports " + exported + ", a package of the kernel's namespace",
                            "keep the app's packages private or under the vendor's own namespace"));
                }
            }
        }
        for (String listed : app.bundles()) {
            if (!found.contains(listed)) {
                problems.add(new PackageProblem("descriptor.bundles", "lists " + listed + ", which is not in the package",
                        "list exactly the Bundle-SymbolicNames of the bundles in the app's feature"));
            }
        }
    }

    private static void checkVersion(AppDescriptor app, StoredVersions stored, List<PackageProblem> problems) {
        Version version = DescriptorReader.version(app.version());
        Version highest = null;
        for (String known : stored.of(app.id())) {
            Version other = Version.parseVersion(known);
            if (other.equals(version)) {
                problems.add(new PackageProblem("descriptor.version", app.id() + " " + app.version() + " is already stored",
                        "a published version never changes: raise the version (e.g. to " + next(version) + ") and upload again"));
                return;
            }
            highest = highest == null || other.compareTo(highest) > 0 ? other : highest;
        }
        if (highest != null && version.compareTo(highest) < 0) {
            problems.add(new PackageProblem("descriptor.version", app.version() + " is lower than " + highest + ", the highest stored version of " + app.id(),
                    "versions only go up: upload a version higher than " + highest + " (e.g. " + next(highest) + ")"));
        }
    }

    private static String next(Version version) {
        return version.getMajor() + "." + version.getMinor() + "." + (version.getMicro() + 1);
    }

    static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':')) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String name) {
        return name.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** The stream's bytes, or null when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > limit) {
                    return null;
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
