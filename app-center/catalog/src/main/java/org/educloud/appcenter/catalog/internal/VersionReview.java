package org.educloud.appcenter.catalog.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * An operator's review of a submitted version: approved versions may be installed by schools,
 * rejected ones never, and the vendor reads the reason. A version is decided once.
 */
@Component(service = VersionReview.class)
public class VersionReview {

    private final CatalogTables tables;
    private final Clock clock;

    @Activate
    public VersionReview(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this(new CatalogTables(dataSource), Clock.systemUTC());
    }

    VersionReview(CatalogTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /** Approves a submitted version; {@code note} may be empty. */
    public AppVersion approve(String appId, String version, String note, Actor actor) {
        return decide(appId, version, VersionState.APPROVED, note == null || note.isBlank() ? null : note.strip(), actor);
    }

    /** Rejects a submitted version; the reason is required, the vendor reads it. */
    public AppVersion reject(String appId, String version, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw Refusals.invalid("reason", "a rejection needs a reason the vendor can act on, e.g. \"the icon is missing\"");
        }
        return decide(appId, version, VersionState.REJECTED, reason.strip(), actor);
    }

    private AppVersion decide(String appId, String version, VersionState decision, String reason, Actor actor) {
        try {
            AppVersion current = tables.version(appId, version).orElseThrow(() -> Refusals.notFound("version", "no version "
                    + version + " of " + appId + " was submitted (app:show " + appId + " or GET apps/" + appId + "/versions lists them)"));
            Instant now = clock.instant();
            if (current.state() != VersionState.SUBMITTED || !tables.decide(appId, version, decision, actor.name(), reason, now)) {
                AppVersion decided = tables.version(appId, version).orElse(current);
                throw Refusals.conflict("version", appId + " " + version + " was already " + decided.state().name().toLowerCase()
                        + " by " + decided.reviewedBy() + "; a version is reviewed once (the vendor submits a new version to change it)");
            }
            tables.addEvent(appId, version, null, decision == VersionState.APPROVED ? AppAction.APPROVED : AppAction.REJECTED, actor,
                    reason, now);
            return tables.version(appId, version).orElseThrow();
        } catch (SQLException e) {
            throw Refusals.database(e);
        }
    }
}
