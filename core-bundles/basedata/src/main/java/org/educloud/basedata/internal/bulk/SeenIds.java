package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.educloud.basedata.BasedataProblem;

/**
 * The sourcedIds an import has read in each file, with the line each was first on, so a later row
 * with the same sourcedId is refused rather than silently overwriting the first. They are kept in a
 * temporary table of the import's connection, not in memory: a province's file costs the database
 * some rows, not the kernel its heap. Each call commits, so a batch rolled back later keeps them.
 */
final class SeenIds implements AutoCloseable {

    /** Longer ids are refused by validation anyway; clipped, they still fit the key. */
    private static final int MAX = 255;

    private final RowBatch batch;
    private final TemporaryTable table = new TemporaryTable("bd_tmp_import_seen", "file VARCHAR(64) NOT NULL, sourced_id "
            + "VARCHAR(" + MAX + ") NOT NULL, line BIGINT NOT NULL, PRIMARY KEY (file, sourced_id)");

    SeenIds(RowBatch batch) {
        this.batch = batch;
    }

    /**
     * Records the ids (nulls are skipped) and tells, for each, the line it was seen on before in this
     * file (earlier in the same list included), or null when this is its first row.
     */
    Long[] record(String file, List<String> ids, List<Long> lines) {
        Long[] earlier = new Long[ids.size()];
        try {
            Connection connection = batch.connection();
            table.create(connection);
            // First the batch against itself, then one INSERT IGNORE of its ids: when every one of them was new (the usual
            // case) the affected-row count says so, and only otherwise is the table read for the lines of the others.
            Map<String, Long> fresh = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as the table's collation compares
            for (int i = 0; i < ids.size(); i++) {
                String id = key(ids.get(i));
                if (id != null && fresh.putIfAbsent(id, lines.get(i)) != null) {
                    earlier[i] = fresh.get(id);
                }
            }
            if (!fresh.isEmpty() && insert(connection, file, fresh) < fresh.size()) {
                Map<String, Long> stored = firstLines(connection, file, List.copyOf(fresh.keySet()));
                for (int i = 0; i < ids.size(); i++) {
                    String id = key(ids.get(i));
                    Long first = id == null ? null : stored.get(id);
                    if (earlier[i] == null && first != null && !first.equals(lines.get(i))) {
                        earlier[i] = first;
                    }
                }
            }
            batch.commit();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return earlier;
    }

    /** Inserts the ids not yet in the table with their lines, in one statement; how many were new. */
    private int insert(Connection connection, String file, Map<String, Long> fresh) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO " + table.name() + " (file, sourced_id, line) "
                + "VALUES " + String.join(", ", Collections.nCopies(fresh.size(), "(?, ?, ?)")))) {
            int index = 1;
            for (Map.Entry<String, Long> entry : fresh.entrySet()) {
                insert.setString(index++, file);
                insert.setString(index++, entry.getKey());
                insert.setLong(index++, entry.getValue());
            }
            return insert.executeUpdate();
        }
    }

    /** The line each id was first seen on in this file, or null. */
    Long[] firstLines(String file, List<String> ids) {
        try {
            Map<String, Long> stored = firstLines(batch.connection(), file, ids);
            Long[] first = new Long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                first[i] = stored.get(key(ids.get(i)));
            }
            return first;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Map<String, Long> firstLines(Connection connection, String file, List<String> ids) throws SQLException {
        table.create(connection);
        Set<String> keys = new LinkedHashSet<>();
        for (String id : ids) {
            if (key(id) != null) {
                keys.add(key(id));
            }
        }
        Map<String, Long> found = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as the table's collation compares
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT sourced_id, line FROM " + table.name() + " WHERE file = ? AND "
                + "sourced_id IN (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")")) {
            select.setString(1, file);
            int index = 2;
            for (String key : keys) {
                select.setString(index++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return found;
    }

    private static String key(String id) {
        return id == null ? null : id.length() > MAX ? id.substring(0, MAX) : id;
    }

    /** Drops the table, so the pooled connection goes back without it. */
    @Override
    public void close() {
        table.drop(batch.connection());
    }

    private static BasedataProblem unavailable(SQLException e) {
        return TemporaryTable.unavailable(e);
    }
}
