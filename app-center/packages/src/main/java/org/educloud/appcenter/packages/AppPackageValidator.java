package org.educloud.appcenter.packages;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks an uploaded app package before anything of it is stored or installed: that it is a
 * Karaf archive of the app shape (descriptor {@value org.educloud.sdk.app.AppDescriptor#PATH},
 * one features repository with exactly one feature named like the app, that feature's bundles and
 * nothing else), within the size limits and free of path tricks (zip-slip) and zip bombs, with a
 * valid descriptor, a checksum that matches when one is given, a version higher than every
 * version stored for the app, and bundles that import only {@code org.educloud.sdk.*} and the
 * libraries the kernel allows, never kernel internals. Every problem is reported, each with how to
 * fix it. Available as an OSGi service.
 */
@ProviderType
public interface AppPackageValidator {

    /**
     * Checks the archive at {@code archive}.
     *
     * @param archive        the uploaded file
     * @param expectedSha256 the checksum the vendor published, lower- or upper-case hex; empty to skip the comparison
     * @param stored         the versions already stored per app id, for the duplicate and ordering checks
     */
    PackageReport validate(Path archive, Optional<String> expectedSha256, StoredVersions stored);

    /** The versions of an app already stored in the app center. */
    @FunctionalInterface
    interface StoredVersions {

        /** Nothing stored yet. */
        StoredVersions NONE = appId -> List.of();

        /** The stored versions of {@code appId}, in any order; empty when none. */
        List<String> of(String appId);
    }
}
