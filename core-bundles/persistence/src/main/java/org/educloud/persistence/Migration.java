package org.educloud.persistence;

import java.time.Instant;

/**
 * The latest outcome of applying one bundle's changelog.
 *
 * @param bundleSymbolicName the bundle that owns the changelog
 * @param bundleVersion      its version
 * @param changelog          the changelog path inside the bundle
 * @param state              what happened
 * @param detail             the reason, when it did not apply; empty otherwise
 * @param at                 when it happened
 */
public record Migration(String bundleSymbolicName, String bundleVersion, String changelog,
        MigrationState state, String detail, Instant at) {
}
