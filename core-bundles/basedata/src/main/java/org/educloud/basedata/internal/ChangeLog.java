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

    /** One change of a bulk load: what changed, to which version, where. */
    record Entry(String entity, String sourcedId, String operation, int version, String orgPath) {
    }

    static void record(Connection connection, String entity, String sourcedId, String operation, int version, String orgPath,
            String actor) throws SQLException {
        recordAll(connection, java.util.List.of(new Entry(entity, sourcedId, operation, version, orgPath)), actor);
    }

    /**
     * The change rows of many writes under one take of the writer lock, as one batch (a bulk load
     * calls it once per batch of rows, last, so the lock is held only for this insert and the commit).
     */
    static void recordAll(Connection connection, java.util.List<Entry> entries, String actor) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM bd_change_writer WHERE id = 1 FOR UPDATE");
             ResultSet locked = lock.executeQuery()) {
            if (!locked.next()) {
                throw new SQLException("bd_change_writer has lost its row: the basedata changelog did not apply completely");
            }
        }
        String who = actor.length() > 128 ? actor.substring(0, 128) : actor;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_change (entity, sourced_id, operation, "
                + "version, org_path, actor) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                insert.setString(1, entry.entity());
                insert.setString(2, entry.sourcedId());
                insert.setString(3, entry.operation());
                insert.setInt(4, entry.version());
                insert.setString(5, entry.orgPath());
                insert.setString(6, who);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
