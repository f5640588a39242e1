package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;

/**
 * Users' primary roles from OneRoster 1.2's roles.csv, kept until users.csv is read (1.2 moved the
 * role out of users.csv). They wait in a temporary table of the import's own connection, not in
 * memory, so a province's roles.csv costs the database some rows rather than the kernel its heap.
 * Works over a {@link RowBatch}'s data source, whose connections are all the same one.
 */
final class RoleStage implements AutoCloseable {

    private static final String TABLE = "bd_tmp_import_role";

    /** A user's primary role and org. */
    record Primary(String role, String orgSourcedId) {
    }

    private final DataSource dataSource;
    private boolean created;

    RoleStage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void put(String userSourcedId, String role, String orgSourcedId) {
        try (Connection connection = dataSource.getConnection()) {
            create(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (user_sourced_id, role, "
                    + "org_sourced_id) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE role = VALUES(role), org_sourced_id = VALUES(org_sourced_id)")) {
                insert.setString(1, userSourcedId);
                insert.setString(2, role);
                insert.setString(3, orgSourcedId);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Optional<Primary> of(String userSourcedId) {
        if (!created) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT role, org_sourced_id FROM " + TABLE
                     + " WHERE user_sourced_id = ?")) {
            select.setString(1, userSourcedId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Primary(row.getString(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void create(Connection connection) throws SQLException {
        if (!created) {
            try (Statement statement = connection.createStatement()) {
                // A pooled connection may still hold the table of an import that ended badly.
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + TABLE);
                statement.execute("CREATE TEMPORARY TABLE " + TABLE + " (user_sourced_id VARCHAR(64) PRIMARY KEY, "
                        + "role VARCHAR(32) NOT NULL, org_sourced_id VARCHAR(64)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            }
            created = true;
        }
    }

    /** Drops the table, so the pooled connection goes back without it. */
    @Override
    public void close() {
        if (created) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + TABLE);
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }
    }

    private static BasedataProblem unavailable(SQLException e) {
        return new BasedataProblem(Kind.UNAVAILABLE, "", "the basic-data database did not answer (" + e.getMessage()
                + "); try again shortly");
    }
}
