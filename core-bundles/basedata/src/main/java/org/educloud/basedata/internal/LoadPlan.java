package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.educloud.basedata.BasedataProblem;

/**
 * What a bulk load decided for each row of its batch — refused, unchanged, to create or to update —
 * and the batched statements that write the rows to create and to update.
 *
 * @param <W> what a load keeps of a row it writes
 */
final class LoadPlan<W> {

    /** Binds one row to a batched statement (and notes its change-feed row). */
    interface Binder<W> {
        void bind(PreparedStatement statement, W row) throws SQLException;
    }

    private final Loaded[] results;
    private final List<W> creates = new ArrayList<>();
    private final List<W> updates = new ArrayList<>();
    private final List<Integer> createdAt = new ArrayList<>();
    private final List<Integer> updatedAt = new ArrayList<>();
    private final List<ChangeLog.Entry> changes = new ArrayList<>();

    LoadPlan(int rows) {
        this.results = new Loaded[rows];
    }

    void refuse(int row, BasedataProblem problem) {
        results[row] = Loaded.refused(problem);
    }

    void unchanged(int row) {
        results[row] = Loaded.UNCHANGED;
    }

    void taken(int row, String what, String sourcedId) {
        results[row] = Loaded.taken(what, sourcedId);
    }

    /** True when the row was decided before writing (refused or unchanged). */
    boolean decided(int row) {
        return results[row] != null;
    }

    void create(int row, W write) {
        createdAt.add(row);
        creates.add(write);
    }

    void update(int row, W write) {
        updatedAt.add(row);
        updates.add(write);
    }

    List<W> creates() {
        return creates;
    }

    List<W> updates() {
        return updates;
    }

    void change(String entity, String sourcedId, String operation, int version, String orgPath) {
        changes.add(new ChangeLog.Entry(entity, sourcedId, operation, version, orgPath));
    }

    /** Inserts the rows to create with one batched statement. */
    void insert(Connection connection, String sql, Binder<W> binder) throws SQLException {
        execute(connection, sql, creates, binder, false);
    }

    /** Updates the rows to update with one batched statement; each must hit its row at the version read. */
    void update(Connection connection, String sql, Binder<W> binder) throws SQLException {
        execute(connection, sql, updates, binder, true);
    }

    /** Records the change-feed rows (one take of its lock) and gives each row's result, in order. */
    List<Loaded> finish(Connection connection, String actor) throws SQLException {
        ChangeLog.recordAll(connection, changes, actor);
        createdAt.forEach(row -> results[row] = Loaded.CREATED);
        updatedAt.forEach(row -> results[row] = Loaded.UPDATED);
        return Arrays.asList(results);
    }

    /**
     * Runs {@code sql} once for each row as one batch. With {@code each}, every row must have been
     * hit: otherwise someone changed it since it was read, and the batch fails (its caller writes it
     * again row by row, which says which).
     */
    static <W> void execute(Connection connection, String sql, List<W> rows, Binder<W> binder, boolean each) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (W row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; each && i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new SQLException("a row of this batch (" + rows.get(i) + ") changed while the batch was written");
                }
            }
        }
    }
}
