package org.educloud.persistence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A database server the kernel runs itself, used when no external database URL is configured.
 * The kernel asks for this service only in that case, so an implementation should be a delayed
 * component that starts its server when first obtained and stops it when released.
 */
@ConsumerType
public interface EmbeddedDatabase {

    /** A JDBC URL of the running server's EduCloud database. */
    String jdbcUrl();

    /** The user to connect as. */
    String user();

    /** That user's password; may be empty. */
    String password();
}
