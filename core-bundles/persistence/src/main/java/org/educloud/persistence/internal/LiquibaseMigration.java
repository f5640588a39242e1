package org.educloud.persistence.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.educloud.persistence.MigrationState;
import org.osgi.framework.Bundle;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.Liquibase;
import liquibase.changelog.FastCheckService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;

/**
 * Applies one bundle's changelog with Liquibase. Liquibase's own lock table makes concurrent
 * kernels (several nodes on one database) apply it one at a time.
 */
final class LiquibaseMigration {

    private static final int MAX_REASON = 600;
    /**
     * No usage reports leave the kernel, no banner, Liquibase's console messages go to the log
     * instead of the kernel's stdout, and a stale lock is given up on in 2 minutes.
     */
    private static final Map<String, Object> SETTINGS = Map.of(
            Scope.Attr.ui.name(), new LoggerUIService(),
            "liquibase.command.showSummaryOutput", "LOG",
            "liquibase.analytics.enabled", false,
            "liquibase.showBanner", false,
            "liquibase.changelogLockWaitTimeInMinutes", 2L);

    private LiquibaseMigration() {
    }

    /**
     * Applies the changelog; returns false when it was already applied in full exactly as it is
     * now (see {@link ChangelogFingerprint}) and Liquibase was not started at all.
     */
    static boolean apply(Bundle bundle, String changelog, DataSource dataSource) throws MigrationFailure {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new MigrationFailure(MigrationState.WAITING_FOR_DATABASE,
                    "the database is unreachable: " + oneLine(e), e);
        }
        if (bundle.getEntry(changelog) == null) {
            close(connection);
            throw new MigrationFailure(MigrationState.FAILED, "the changelog " + changelog + " named in its "
                    + org.educloud.persistence.SchemaMigrations.CHANGELOG_HEADER + " header is not in the bundle", null);
        }
        String fingerprint;
        try {
            fingerprint = ChangelogFingerprint.of(bundle, changelog);
            if (ChangelogFingerprint.matches(connection, bundle, changelog, fingerprint)) {
                close(connection);
                return false;
            }
        } catch (IOException | SQLException e) {
            fingerprint = null; // no fast path this time: Liquibase decides
        }
        try (BundleResourceAccessor accessor = new BundleResourceAccessor(bundle)) {
            Scope.child(SETTINGS, () -> {
                // Liquibase remembers per JVM which changelog path was up to date on which database; a bundle
                // updated in the running kernel keeps its path, and its new change sets would be skipped.
                Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Liquibase liquibase = new Liquibase(BundleResourceAccessor.pathFor(bundle, changelog), accessor, database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            if (fingerprint != null) {
                ChangelogFingerprint.record(connection, bundle, changelog, fingerprint);
            }
            return true;
        } catch (Exception e) {
            throw new MigrationFailure(MigrationState.FAILED, oneLine(e), e);
        } finally {
            close(connection);
        }
    }

    /** The failure and its innermost cause, on one line, short enough for a health report. */
    static String oneLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(failure.getMessage());
        if (root != failure && root.getMessage() != null && !text.contains(root.getMessage())) {
            text = text + " (" + root.getMessage() + ")";
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool replaces a broken connection
        }
    }
}
