package org.educloud.workflow.internal;

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
 * The workflows' history ({@code wf_history}: every transition of every case) as an
 * {@link AuditLog}. An entry belongs to the case's school and, for a transfer, its destination
 * school; its org is the school's, its target the case and its subject.
 */
@Component(service = AuditLog.class)
public class WorkflowAuditLog extends TableAuditLog {

    static final String SOURCE = "workflow";

    @Activate
    public WorkflowAuditLog(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        super(SOURCE, dataSource, "SELECT h.id, h.at, h.actor, h.transition, h.address, h.comment, c.id AS case_id, c.definition_id, "
                + "c.subject_name, c.school_org FROM wf_history h JOIN wf_case c ON c.id = h.case_id",
                AuditSql.of("h.id", "h.at", "h.actor", "h.transition").orgs("(c.school_org = :path OR c.school_org LIKE :under "
                        + "OR c.destination_org = :path OR c.destination_org LIKE :under)"),
                row -> new AuditEvent(SOURCE, row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
                        row.getString("transition"), Optional.of(row.getString("definition_id") + " #" + row.getLong("case_id") + " "
                                + row.getString("subject_name")), text(row, "school_org"), text(row, "address"), Optional.empty(),
                        text(row, "comment")));
    }
}
