package org.educloud.appcenter.catalog.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A school's installations of approved app versions, each after its administrator consented to the
 * scopes the version asks for. The first installation of an app registers its OAuth client (id
 * {@code app-<appId>}) with those scopes; the deployment itself is {@link AppInstallations}' (the
 * reconciler). An app runs at one version per kernel, so an upgrade moves every org that has it.
 */
@Component(service = SchoolInstallations.class)
public class SchoolInstallations {

    private final CatalogTables tables;
    private final AppInstallations apps;
    private final ClientDirectory clients;
    private final Clock clock;

    @Activate
    public SchoolInstallations(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "apps") AppInstallations apps, @Reference(name = "clients") ClientDirectory clients) {
        this(new CatalogTables(dataSource), apps, clients, Clock.systemUTC());
    }

    SchoolInstallations(CatalogTables tables, AppInstallations apps, ClientDirectory clients, Clock clock) {
        this.tables = tables;
        this.apps = apps;
        this.clients = clients;
        this.clock = clock;
    }

    /** The OAuth client id an app gets when it is first installed. */
    static String clientId(String appId) {
        return "app-" + appId;
    }

    /** Installs an approved version for {@code org} after consent to every scope it asks for. */
    public Installation install(String appId, String version, OrgPath org, Collection<String> consent, Actor actor) {
        AppVersion approved = approved(appId, version);
        requireConsent(approved, consent);
        try {
            registerClientOnce(approved, actor);
            Instant now = clock.instant();
            tables.addConsent(new Consent(appId, version, org.value(), approved.scopes(), actor.name(), now));
            try {
                apps.install(appId, version, org.value(), actor.name());
            } catch (AppInstallationException e) {
                throw Refusals.conflict("version", e.getMessage());
            }
            tables.addEvent(appId, version, org.value(), AppAction.INSTALLED, actor, "consented to scopes: " + scopes(approved), now);
            return installation(appId, org).orElseThrow();
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /**
     * Moves the app to a higher approved version (for every org that has it) after {@code org}'s
     * consent. When another org's upgrade has already moved {@code org} to that version, this is
     * {@code org}'s consent to what the version asks for: recorded, and its grant widens to it.
     */
    public Installation upgrade(String appId, String version, OrgPath org, Collection<String> consent, Actor actor) {
        Installation current = installation(appId, org).orElseThrow(() -> Refusals.notFound("appId", appId + " is not installed for "
                + org + "; install it first (POST /api/appcenter/v1/installations)"));
        AppVersion approved = approved(appId, version);
        requireConsent(approved, consent);
        try {
            Instant now = clock.instant();
            tables.addConsent(new Consent(appId, version, org.value(), approved.scopes(), actor.name(), now));
            if (current.version().equals(version)) {
                tables.addEvent(appId, version, org.value(), AppAction.CONSENTED, actor, "consented to scopes: " + scopes(approved), now);
                return current;
            }
            try {
                apps.upgrade(appId, version, actor.name());
            } catch (AppInstallationException e) {
                throw Refusals.conflict("version", e.getMessage());
            }
            scopeClientTo(approved, actor);
            tables.addEvent(appId, version, org.value(), AppAction.UPGRADED, actor, "from " + current.version()
                    + "; consented to scopes: " + scopes(approved), now);
            return installation(appId, org).orElseThrow();
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /**
     * For each installation, the scopes its version asks for that its org's administrator has not
     * consented to (empty when none): after another org's upgrade, an org runs the new version with
     * the grant it agreed to before, until its administrator consents ({@link #upgrade} to the same version).
     */
    public Map<Installation, List<String>> awaitingConsent(Collection<Installation> installed) {
        Map<Installation, List<String>> awaiting = new HashMap<>();
        Map<String, Map<String, Consent>> lastConsents = new HashMap<>();
        Map<String, Optional<AppVersion>> versions = new HashMap<>();
        try {
            for (Installation installation : installed) {
                if (!lastConsents.containsKey(installation.appId())) {
                    Map<String, Consent> byOrg = new HashMap<>();
                    for (Consent consent : tables.consents(installation.appId())) {
                        byOrg.put(consent.org(), consent); // oldest first: the last one stays
                    }
                    lastConsents.put(installation.appId(), byOrg);
                }
                String key = installation.appId() + " " + installation.version();
                if (!versions.containsKey(key)) {
                    versions.put(key, tables.version(installation.appId(), installation.version()));
                }
                Set<String> missing = new LinkedHashSet<>(versions.get(key).map(AppVersion::scopes).orElse(List.of()));
                Consent last = lastConsents.get(installation.appId()).get(installation.org());
                if (last != null) {
                    missing.removeAll(last.scopes());
                }
                awaiting.put(installation, List.copyOf(missing));
            }
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
        return awaiting;
    }

    /** Uninstalls the app for {@code org}; it stops when no org has it any more. */
    public void uninstall(String appId, OrgPath org, Actor actor) {
        Installation current = installation(appId, org).orElseThrow(() -> Refusals.notFound("appId", appId + " is not installed for "
                + org + " (GET /api/appcenter/v1/installations?org=" + org + " lists what is)"));
        try {
            apps.uninstall(appId, org.value(), actor.name());
        } catch (AppInstallationException e) {
            throw Refusals.conflict("appId", e.getMessage());
        }
        try {
            tables.addEvent(appId, current.version(), org.value(), AppAction.UNINSTALLED, actor, null, clock.instant());
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    /** The installations at or below any of {@code orgs}. */
    public List<Installation> installations(List<OrgPath> orgs) {
        return apps.installationsWithin(orgs);
    }

    /** The consents recorded for an app, oldest first. */
    public List<Consent> consents(String appId) {
        try {
            return tables.consents(appId);
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    private Optional<Installation> installation(String appId, OrgPath org) {
        return apps.installationsFor(List.of(org)).stream().filter(i -> i.appId().equals(appId) && i.org().equals(org.value())).findFirst();
    }

    private AppVersion approved(String appId, String version) {
        try {
            AppVersion found = tables.version(appId, version).orElseThrow(() -> Refusals.notFound("version", "no version " + version
                    + " of " + appId + " is in the catalog (GET /api/appcenter/v1/apps/" + appId + "/versions lists them)"));
            if (found.state() != VersionState.APPROVED) {
                throw Refusals.conflict("version", appId + " " + version + " is " + found.state().name().toLowerCase()
                        + ", and only approved versions can be installed; choose an approved version"
                        + (found.state() == VersionState.SUBMITTED ? " or wait for the operator's review" : ""));
            }
            return found;
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }

    private static void requireConsent(AppVersion version, Collection<String> consent) {
        Set<String> missing = new LinkedHashSet<>(version.scopes());
        if (consent != null) {
            missing.removeAll(consent);
        }
        if (!missing.isEmpty()) {
            throw Refusals.invalid("consent", version.appId() + " " + version.version() + " asks for the scopes " + scopes(version)
                    + "; consent to each by listing it in \"consent\" (missing: " + String.join(", ", missing) + ")");
        }
    }

    private void registerClientOnce(AppVersion version, Actor actor) throws SQLException {
        String id = clientId(version.appId());
        if (clients.find(id).isPresent()) {
            return;
        }
        AppListing listing = tables.listing(version.appId()).orElseThrow();
        // client_credentials only: the app runs inside the kernel and acts for itself; users reach it with their own tokens.
        clients.register(new NewClient(id, listing.nameZh(), listing.nameEn(), ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(),
                List.of(), Set.of("client_credentials"), Set.copyOf(version.scopes()), false, Optional.of(OrgPath.of(listing.vendorOrg())),
                Optional.empty()), actor.name());
    }

    /**
     * The app's client may be granted what the version now running asks for, no more: a scope a later
     * version adds becomes available to it, one it drops is taken away (the orgs' grants, which the
     * kernel checks on every call, stay as each administrator consented).
     */
    private void scopeClientTo(AppVersion version, Actor actor) {
        String id = clientId(version.appId());
        clients.find(id).filter(client -> !client.scopes().equals(Set.copyOf(version.scopes())))
                .ifPresent(client -> clients.changeScopes(id, Set.copyOf(version.scopes()), actor.name()));
    }

    private static String scopes(AppVersion version) {
        return version.scopes().isEmpty() ? "(none)" : String.join(" ", version.scopes());
    }
}
