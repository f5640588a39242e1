package org.educloud.platform.audit;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One bundle's audit trail, searchable. Register an implementation as an OSGi service; a reader
 * merges every registered log by time. The reader decides who may search what: it passes the orgs
 * whose events the person may read as {@link AuditQuery#within()}, and the log returns nothing
 * outside them.
 */
@ConsumerType
public interface AuditLog {

    /** A short, stable name of the log, such as {@code identity} or {@code appcenter}; unique among the logs. */
    String source();

    /**
     * The events matching {@code query}, newest first by {@link AuditEvent#id()} (which grows with
     * time within one log), only those with an id below {@link AuditQuery#beforeId()} when it is
     * not 0, at most {@link AuditQuery#limit()}.
     *
     * @throws IllegalStateException when the log cannot be read now (the database is down), saying why
     */
    List<AuditEvent> search(AuditQuery query);
}
