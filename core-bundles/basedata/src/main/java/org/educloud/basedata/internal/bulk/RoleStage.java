package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;

/**
 * Users' primary roles from OneRoster 1.2's roles.csv, kept until users.csv is read (1.2 moved the
 * role out of users.csv). They wait in a temporary table of the import's own connection, not in
 * memory, so a province's roles.csv costs the database some rows rather than the kernel its heap.
 * Works over a {@link RowBatch}'s data source, whose connections are all the same one.
 */
final class RoleStage implements AutoCloseable {


    /** A user's primary role and org. */
    record Primary(String role, String orgSourcedId) {
    }

    /** A primary role of roles.csv, to stage. */
    record Entry(String userSourcedId, String role, String orgSourcedId) {
    }

    private final DataSource dataSource;
    private final TemporaryTable table = new TemporaryTable("bd_tmp_import_role", "user_sourced_id VARCHAR(64) PRIMARY KEY, "
            + "role VARCHAR(32) NOT NULL, org_sourced_id VARCHAR(64)");

    RoleStage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stages a batch's roles in one statement over {@code connection}, the import's own (the table is its); a later
     * entry for the same user wins, as a later line of the file does.
     */
    void putAll(Connection connection, java.util.List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        table.create(connection);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.name() + " (user_sourced_id, role, "
                + "org_sourced_id) VALUES " + String.join(", ", java.util.Collections.nCopies(entries.size(), "(?, ?, ?)"))
                + " ON DUPLICATE KEY UPDATE role = VALUES(role), org_sourced_id = VALUES(org_sourced_id)")) {
            int index = 1;
            for (Entry entry : entries) {
                insert.setString(index++, entry.userSourcedId());
                insert.setString(index++, entry.role());
                insert.setString(index++, entry.orgSourcedId());
            }
            insert.executeUpdate();
        }
    }

    void put(String userSourcedId, String role, String orgSourcedId) {
        try (Connection connection = dataSource.getConnection()) {
            putAll(connection, java.util.List.of(new Entry(userSourcedId, role, orgSourcedId)));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Optional<Primary> of(String userSourcedId) {
        if (!table.created()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT role, org_sourced_id FROM " + table.name()
                     + " WHERE user_sourced_id = ?")) {
            select.setString(1, userSourcedId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Primary(row.getString(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The primary roles of these users, by user, in one query (a batch of users.csv). */
    java.util.Map<String, Primary> of(java.util.List<String> userSourcedIds) {
        java.util.Map<String, Primary> found = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!table.created() || userSourcedIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT user_sourced_id, role, org_sourced_id FROM " + table.name()
                     + " WHERE user_sourced_id IN (" + String.join(", ", java.util.Collections.nCopies(userSourcedIds.size(), "?"))
                     + ")")) {
            for (int i = 0; i < userSourcedIds.size(); i++) {
                select.setString(i + 1, userSourcedIds.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.put(row.getString(1), new Primary(row.getString(2), row.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return found;
    }

    /** Drops the table, so the pooled connection goes back without it. */
    @Override
    public void close() {
        try (Connection connection = dataSource.getConnection()) {
            table.drop(connection);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static BasedataProblem unavailable(SQLException e) {
        return TemporaryTable.unavailable(e);
    }
}
