/**
 * The audit trail of the whole platform, read through one contract: each bundle that keeps a
 * record of who did what (identity's logins and account changes, the basic data's ID numbers
 * shown, the app center's submissions, reviews and installations, the workflows' transitions)
 * registers an {@link org.educloud.platform.audit.AuditLog} service over its own table, and a
 * reader such as the operations console merges them. No bundle reads another's table.
 * {@link org.educloud.platform.audit.AuditSql} builds the common part of such a query.
 */
@Version("1.0.0")
@Export
package org.educloud.platform.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
