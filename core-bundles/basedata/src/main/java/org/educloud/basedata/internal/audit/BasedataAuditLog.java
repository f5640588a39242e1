package org.educloud.basedata.internal.audit;

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
 * The basic data's audit trail ({@code bd_audit_event}: every whole national ID number shown, who
 * saw whose) as an {@link AuditLog}; an event belongs to the org of the person shown. Kept apart
 * from the rest of the bundle: it only reads the table the bundle writes.
 */
@Component(service = AuditLog.class)
public class BasedataAuditLog extends TableAuditLog {

    static final String SOURCE = "basedata";

    @Activate
    public BasedataAuditLog(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        super(SOURCE, dataSource, "SELECT e.id, e.at, e.actor, e.action, e.target, e.org_path, e.detail FROM bd_audit_event e",
                AuditSql.of("e.id", "e.at", "e.actor", "e.action").orgs("(e.org_path = :path OR e.org_path LIKE :under)"),
                row -> new AuditEvent(SOURCE, row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
                        row.getString("action"), text(row, "target"), text(row, "org_path"), Optional.empty(), Optional.empty(),
                        text(row, "detail")));
    }
}
