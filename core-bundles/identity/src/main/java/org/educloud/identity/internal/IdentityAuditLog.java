package org.educloud.identity.internal;

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
 * Identity's audit trail ({@code idn_audit_event}: logins, tokens, consents, account and client
 * changes) as an {@link AuditLog}. Its events name no org; one belongs to an org's subtree when its
 * target is an account holding a role there, so a school administrator finds the logins and
 * changes of their school's accounts, and only region-wide readers see the rest (clients, tokens).
 */
@Component(service = AuditLog.class)
public class IdentityAuditLog extends TableAuditLog {

    static final String SOURCE = "identity";

    @Activate
    public IdentityAuditLog(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        super(SOURCE, dataSource, "SELECT e.id, e.at, e.actor, e.action, e.target, e.address, e.outcome, e.detail FROM idn_audit_event e",
                AuditSql.of("e.id", "e.at", "e.actor", "e.action").orgs("EXISTS (SELECT 1 FROM idn_account a JOIN idn_role_grant g "
                        + "ON g.account_id = a.id WHERE a.username = e.target AND (g.org_path = :path OR g.org_path LIKE :under))"),
                row -> new AuditEvent(SOURCE, row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
                        row.getString("action"), text(row, "target"), Optional.empty(), text(row, "address"), text(row, "outcome"),
                        text(row, "detail")));
    }
}
