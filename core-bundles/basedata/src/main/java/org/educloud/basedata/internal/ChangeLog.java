package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes the change feed's row of a write, in the write's own transaction.
 *
 * <p>Auto-increment values are handed out when a row is inserted, not when it commits: without care
 * a transaction could commit cursor 12 while 11 is still open, a reader would move past 11 and never
 * see it. So every writer first locks the single row of {@code bd_change_writer}; it holds the lock
 * until it commits, and the next writer gets its cursor only after that. Cursors therefore commit in
 * order and a reader that saw cursor n has seen every committed cursor below n. The lock is taken as
 * the last step of a write, so it is held only for one insert and the commit.
 */
final class ChangeLog {

    private ChangeLog() {
    }

    static void record(Connection connection, String entity, String sourcedId, String operation, int version, String orgPath,
            String actor) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM bd_change_writer WHERE id = 1 FOR UPDATE");
             ResultSet locked = lock.executeQuery()) {
            if (!locked.next()) {
                throw new SQLException("bd_change_writer has lost its row: the basedata changelog did not apply completely");
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_change (entity, sourced_id, operation, "
                + "version, org_path, actor) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entity);
            insert.setString(2, sourcedId);
            insert.setString(3, operation);
            insert.setInt(4, version);
            insert.setString(5, orgPath);
            insert.setString(6, actor.length() > 128 ? actor.substring(0, 128) : actor);
            insert.executeUpdate();
        }
    }
}
