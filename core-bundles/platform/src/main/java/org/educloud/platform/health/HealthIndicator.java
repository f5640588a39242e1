package org.educloud.platform.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the platform that can tell whether it works. Register an implementation as an OSGi
 * service; the platform health report lists it under its {@link #name()}.
 *
 * <p>{@link #check()} is called on every health request, so it must be quick (well under a
 * second) and must not throw: a failure to check is itself a {@link HealthStatus#DOWN} report.
 */
@ConsumerType
public interface HealthIndicator {

    /** A short, stable name, such as {@code "database"} or {@code "migrations"}. */
    String name();

    /** Checks the part now. */
    HealthReport check();
}
