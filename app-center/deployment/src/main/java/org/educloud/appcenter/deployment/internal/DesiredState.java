package org.educloud.appcenter.deployment.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The app center's tables: stored packages ({@code app_package}), the desired state
 * ({@code app_installation}) and what each node runs ({@code app_deployment}). Every node shares
 * them; each node reconciles itself to the installations.
 */
final class DesiredState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DUPLICATE_KEY = 1062; // MariaDB ER_DUP_ENTRY
    static final Comparator<String> BY_VERSION = Comparator.comparing(Version::parseVersion);

    private final DataSource dataSource;
    private final Clock clock;

    DesiredState(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A stored package and where its file is. */
    record PackageRow(StoredPackage stored, String file) {
    }

    void addPackage(StoredPackage stored, String file) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO app_package (app_id, version, sha256, size_bytes, "
                     + "descriptor, file, stored_by, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, stored.appId());
            insert.setString(2, stored.version());
            insert.setString(3, stored.sha256());
            insert.setLong(4, stored.size());
            insert.setString(5, json(stored.descriptor()));
            insert.setString(6, file);
            insert.setString(7, stored.storedBy());
            insert.setTimestamp(8, Timestamp.from(stored.storedAt()));
            insert.executeUpdate();
        }
    }

    List<PackageRow> packages(String appId) throws SQLException {
        String sql = "SELECT app_id, version, sha256, size_bytes, descriptor, file, stored_by, stored_at FROM app_package"
                + (appId == null ? "" : " WHERE app_id = ?");
        List<PackageRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            if (appId != null) {
                query.setString(1, appId);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    AppDescriptor descriptor = JSON.readValue(row.getString("descriptor"), AppDescriptor.class);
                    rows.add(new PackageRow(new StoredPackage(descriptor, row.getString("sha256"), row.getLong("size_bytes"),
                            row.getString("stored_by"), row.getTimestamp("stored_at").toInstant()), row.getString("file")));
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("a stored descriptor cannot be read: " + e.getOriginalMessage(), e);
            }
        }
        rows.sort(Comparator.comparing((PackageRow r) -> r.stored().appId()).thenComparing(r -> r.stored().version(), BY_VERSION));
        return rows;
    }

    Optional<PackageRow> storedPackage(String appId, String version) throws SQLException {
        return packages(appId).stream().filter(r -> r.stored().version().equals(version)).findFirst();
    }

    List<Installation> installations(String appId) throws SQLException {
        String sql = "SELECT app_id, org, version, installed_by, installed_at FROM app_installation"
                + (appId == null ? "" : " WHERE app_id = ?") + " ORDER BY app_id, org";
        List<Installation> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            if (appId != null) {
                query.setString(1, appId);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Installation(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant()));
                }
            }
        }
        return rows;
    }

    /** The version the desired state asks this kernel to run: the highest installed for any org. */
    Optional<String> wantedVersion(String appId) throws SQLException {
        return installations(appId).stream().map(Installation::version).max(BY_VERSION);
    }

    /**
     * Adds the org's installation; false when the org already has the app. (Not INSERT IGNORE:
     * that would also swallow the foreign key that ties an installation to a stored package.)
     */
    boolean install(String appId, String version, String org, String actor) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO app_installation (app_id, org, version, "
                     + "installed_by, installed_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, appId);
            insert.setString(2, org);
            insert.setString(3, version);
            insert.setString(4, actor);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            return insert.executeUpdate() == 1;
        } catch (SQLIntegrityConstraintViolationException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Moves every org's installation of the app to {@code version}; returns how many moved. */
    int moveTo(String appId, String version, String actor) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE app_installation SET version = ?, installed_by = ?, "
                     + "installed_at = ? WHERE app_id = ?")) {
            update.setString(1, version);
            update.setString(2, actor);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setString(4, appId);
            return update.executeUpdate();
        }
    }

    /** Removes the org's installation; false when there was none. */
    boolean uninstall(String appId, String org) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM app_installation WHERE app_id = ? AND org = ?")) {
            delete.setString(1, appId);
            delete.setString(2, org);
            return delete.executeUpdate() == 1;
        }
    }

    Deployment record(String node, String appId, Optional<String> running, Optional<String> wanted, DeploymentState state,
            String reason) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO app_deployment (node, app_id, running_version, "
                     + "wanted_version, state, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                     + "running_version = VALUES(running_version), wanted_version = VALUES(wanted_version), state = VALUES(state), "
                     + "reason = VALUES(reason), updated_at = VALUES(updated_at)")) {
            upsert.setString(1, node);
            upsert.setString(2, appId);
            upsert.setString(3, running.orElse(null));
            upsert.setString(4, wanted.orElse(null));
            upsert.setString(5, state.name());
            upsert.setString(6, reason);
            upsert.setTimestamp(7, Timestamp.from(now));
            upsert.executeUpdate();
        }
        return new Deployment(node, appId, running, wanted, state, reason, now);
    }

    List<Deployment> deployments(String node, String appId) throws SQLException {
        String sql = "SELECT node, app_id, running_version, wanted_version, state, reason, updated_at FROM app_deployment WHERE node = ?"
                + (appId == null ? "" : " AND app_id = ?") + " ORDER BY app_id";
        List<Deployment> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, node);
            if (appId != null) {
                query.setString(2, appId);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Deployment(row.getString(1), row.getString(2), Optional.ofNullable(row.getString(3)),
                            Optional.ofNullable(row.getString(4)), DeploymentState.valueOf(row.getString(5)),
                            row.getString(6) == null ? "" : row.getString(6), row.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    /** Every app id that has a package, an installation or a deployment record on this node. */
    List<String> appIds(String node) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT app_id FROM app_installation UNION SELECT app_id FROM "
                     + "app_deployment WHERE node = ? ORDER BY 1")) {
            query.setString(1, node);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    private static String json(AppDescriptor descriptor) {
        try {
            return JSON.writeValueAsString(descriptor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a descriptor is plain data and always serializes", e);
        }
    }
}
