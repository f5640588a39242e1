package org.educloud.appcenter.deployment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where an app's bundles come from at install time: the {@code repository/} part of its package,
 * unpacked into a folder of its own under {@code data/kar}, the Maven repository root Karaf's URL
 * handler already searches for archive content ({@code @multi} in {@code org.ops4j.pax.url.mvn.cfg}).
 * So the feature's {@code mvn:} locations resolve without any network and without Karaf's
 * KarService, which would install the feature itself (and refresh bundles) as it pleases.
 */
final class KarRepository {

    private static final String REPOSITORY = "repository/";

    private final Path root;

    KarRepository(Path root) {
        this.root = root;
    }

    /** The folder of one app version's bundles. */
    Path folder(String appId, String version) {
        return root.resolve("educloud-app-" + appId + "-" + version);
    }

    /**
     * Unpacks the package's repository and returns the URI of its features repository. The
     * package passed the checks when stored; entry names are still confined to the folder here,
     * since the file could have been replaced on disk since.
     */
    URI unpack(Path archive, String appId, String version, String featuresEntry) throws IOException {
        Path target = folder(appId, version).toAbsolutePath().normalize();
        remove(appId, version);
        Files.createDirectories(target);
        URI features = null;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(REPOSITORY)) {
                    continue;
                }
                Path file = target.resolve(entry.getName().substring(REPOSITORY.length())).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("the entry " + entry.getName() + " points outside the app's folder; upload the package again");
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().equals(featuresEntry)) {
                    features = file.toUri();
                }
            }
        }
        if (features == null) {
            throw new IOException("the package has no " + featuresEntry + "; upload the package again");
        }
        return features;
    }

    /** The features repository URI of an unpacked app version. */
    URI featuresUri(String appId, String version, String featuresEntry) {
        return folder(appId, version).toAbsolutePath().normalize().resolve(featuresEntry.substring(REPOSITORY.length())).toUri();
    }

    void remove(String appId, String version) throws IOException {
        Path folder = folder(appId, version);
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
