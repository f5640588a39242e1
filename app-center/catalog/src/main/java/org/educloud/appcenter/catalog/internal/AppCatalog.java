package org.educloud.appcenter.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.appcenter.packages.AppPackageValidator;
import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.appcenter.packages.PackageReport;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.sdk.app.AppDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The catalog: apps with their names, vendor, category and description, and their versions.
 * Vendors submit versions here: each upload runs through {@link AppPackageValidator}, is kept by
 * {@link AppInstallations#store} and listed as {@link VersionState#SUBMITTED} with the checks it
 * passed, waiting for {@link VersionReview}.
 */
@Component(service = AppCatalog.class)
public class AppCatalog {

    /** The checks every stored package passed (see AppPackageValidator), kept with the version. */
    static final List<String> CHECKS = List.of("size within the limit", "checksum", "a zip of the app shape", "no zip-slip paths",
            "no zip bomb", "descriptor valid", "one feature of the app's own bundles", "imports only the SDK and the allow-list",
            "version higher than every stored one");

    /** Who may submit for which vendor org; throws a 403 problem when the caller may not. */
    @FunctionalInterface
    public interface VendorCheck {
        /** The vendor org to list a new app under ({@code existing} empty), or the check that the caller acts for {@code existing}'s. */
        String vendorOrg(Optional<AppListing> existing);
    }

    private final CatalogTables tables;
    private final AppPackageValidator validator;
    private final AppInstallations apps;
    private final Clock clock;

    @Activate
    public AppCatalog(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "validator") AppPackageValidator validator, @Reference(name = "apps") AppInstallations apps) {
        this(new CatalogTables(dataSource), validator, apps, Clock.systemUTC());
    }

    AppCatalog(CatalogTables tables, AppPackageValidator validator, AppInstallations apps, Clock clock) {
        this.tables = tables;
        this.validator = validator;
        this.apps = apps;
        this.clock = clock;
    }

    /**
     * Checks and keeps an uploaded version and lists it as submitted.
     *
     * @throws PackageRefusedException with every problem when a check fails; nothing is kept then
     */
    public AppVersion submit(Path archive, Optional<String> expectedSha256, String category, String description, VendorCheck vendor,
            Actor actor) {
        String sha256 = sha256(archive);
        // A package the operator already stored from the shell (the same file) may still be submitted for the catalog.
        PackageReport report = validator.validate(archive, expectedSha256, appId -> apps.packages(appId).stream()
                .filter(p -> !p.sha256().equalsIgnoreCase(sha256)).map(StoredPackage::version).toList());
        AppDescriptor app = report.acceptedDescriptor();
        try {
            Optional<AppListing> existing = tables.listing(app.id());
            String vendorOrg = vendor.vendorOrg(existing);
            if (tables.version(app.id(), app.version()).isPresent()) {
                throw Refusals.conflict("version", app.id() + " " + app.version() + " was submitted already; raise the version in "
                        + "the descriptor and the feature, and submit the new package");
            }
            boolean stored = apps.packages(app.id()).stream().anyMatch(p -> p.version().equals(app.version())
                    && p.sha256().equalsIgnoreCase(report.sha256()));
            if (!stored) {
                apps.store(archive, Optional.of(report.sha256()), actor.name());
            }
            Instant now = clock.instant();
            tables.saveListing(new AppListing(app.id(), app.nameZh(), app.nameEn(), app.vendor(), vendorOrg,
                    category == null ? "" : category.strip(), description == null ? "" : description.strip(), now));
            AppVersion version = new AppVersion(app.id(), app.version(), VersionState.SUBMITTED, report.sha256(), report.size(),
                    app.scopes(), CHECKS, actor.name(), now, null, null, null);
            if (!tables.addVersion(version)) {
                throw Refusals.conflict("version", app.id() + " " + app.version() + " was submitted at the same moment by someone "
                        + "else; look at GET apps/" + app.id() + "/versions");
            }
            tables.addEvent(app.id(), app.version(), null, AppAction.SUBMITTED, actor, "SHA-256 " + report.sha256(), now);
            return version;
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** Apps in id order after {@code after}; see {@link CatalogTables#search}. */
    public List<AppListing> search(String text, String category, String vendor, String after, int limit, boolean everything,
            List<String> ownVendorOrgs) {
        try {
            return tables.search(text, category, vendor, after, limit, !everything, ownVendorOrgs);
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** The app, or a 404 problem. */
    public AppListing app(String appId) {
        try {
            return tables.listing(appId).orElseThrow(() -> Refusals.notFound("appId", "no app " + appId
                    + " is in the catalog; search it with GET /api/appcenter/v1/catalog?q=..."));
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** The app's versions in submission order. */
    public List<AppVersion> versions(String appId) {
        try {
            return tables.versions(appId, null);
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** Versions waiting for review, oldest first. */
    public List<AppVersion> submitted() {
        try {
            return tables.versions(null, VersionState.SUBMITTED);
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** The version, or a 404 problem naming the versions there are. */
    public AppVersion version(String appId, String version) {
        List<AppVersion> all = versions(appId);
        return all.stream().filter(v -> v.version().equals(version)).findFirst().orElseThrow(() -> Refusals.notFound("version",
                appId + " has no version " + version + " (submitted: "
                        + String.join(", ", all.stream().map(AppVersion::version).toList()) + ")"));
    }

    /** Who did what to the app, oldest first. */
    public List<AppEvent> record(String appId) {
        try {
            return tables.events(appId);
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    private static String sha256(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            // The validator reports an unreadable file with its fix.
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
