package org.educloud.appcenter.catalog.internal;

import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.educloud.platform.audit.AuditEvent;
import org.educloud.platform.audit.AuditLog;
import org.educloud.platform.audit.AuditSql;
import org.educloud.platform.audit.TableAuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The app center's record ({@code app_event}: submitted, approved, rejected, installed, upgraded,
 * uninstalled) as an {@link AuditLog}. Installations belong to the org they were for; submissions
 * and reviews name no org and are the region's (their readers are region-wide reviewers).
 */
@Component(service = AuditLog.class)
public class AppCenterAuditLog extends TableAuditLog {

    static final String SOURCE = "appcenter";

    @Activate
    public AppCenterAuditLog(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        super(SOURCE, dataSource, "SELECT e.id, e.at, e.actor, e.action, e.app_id, e.version, e.org, e.address, e.detail FROM app_event e",
                AuditSql.of("e.id", "e.at", "e.actor", "e.action").orgs("(e.org = :path OR e.org LIKE :under)"),
                row -> new AuditEvent(SOURCE, row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
                        row.getString("action"), Optional.of(row.getString("app_id") + text(row, "version").map(v -> " " + v).orElse("")),
                        text(row, "org"), text(row, "address"), Optional.empty(), text(row, "detail")));
    }
}
