package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.educloud.basedata.internal.bulk.RowBatch;
import org.educloud.basedata.internal.bulk.WriteLanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Write lanes against MariaDB: each batch its own transaction on its lane, nothing half-written left behind. */
class WriteLanesTest {

    private DataSource dataSource;

    @BeforeEach
    void aTable() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_lanes");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lane_row (id INT PRIMARY KEY)");
        }
    }

    @Test
    void aBatchTheDatabaseRefusesComesBackRefusedAndRolledBack() throws Exception {
        try (RowBatch own = new RowBatch(dataSource); WriteLanes lanes = WriteLanes.open(dataSource, 2, own)) {
            WriteLanes.Done done = WriteLanes.await(lanes.send(connection -> insert(connection, 1, 2, 1)));
            assertNotNull(done.refused(), "a duplicate key refuses the batch");
            assertNull(done.results());
            WriteLanes.Done next = WriteLanes.await(lanes.send(connection -> insert(connection, 3)));
            assertNull(next.refused());
        }
        assertEquals(List.of(3L), ids(), "the refused batch's rows are gone, the next batch is committed");
    }

    @Test
    void aProblemInALaneIsThrownWhereTheBatchIsAwaitedAndLeavesNothingForTheLanesNextBatch() throws Exception {
        try (RowBatch own = new RowBatch(dataSource); WriteLanes lanes = WriteLanes.open(dataSource, 1, own)) {
            Future<WriteLanes.Done> failing = lanes.send(connection -> {
                insert(connection, 5);
                throw new IllegalStateException("a bug in a load");
            });
            assertEquals("a bug in a load", assertThrows(IllegalStateException.class, () -> WriteLanes.await(failing)).getMessage());
            WriteLanes.await(lanes.send(connection -> insert(connection, 6)));
        }
        assertEquals(List.of(6L), ids(), "row 5 was rolled back, not committed with the lane's next batch");
    }

    @Test
    void withoutLanesABatchIsWrittenAtOnceInTheImportsOwnTransaction() throws Exception {
        try (RowBatch own = new RowBatch(dataSource); WriteLanes lanes = WriteLanes.none(own)) {
            Future<WriteLanes.Done> sent = lanes.send(connection -> insert(connection, 7));
            assertTrue(sent.isDone(), "written before send returns");
            assertEquals(List.of(), ids(), "not committed: the import commits its own transaction");
            own.commit();
        }
        assertEquals(List.of(7L), ids());
    }

    @Test
    void closingWaitsForTheBatchesInFlight() throws Exception {
        try (RowBatch own = new RowBatch(dataSource); WriteLanes lanes = WriteLanes.open(dataSource, 2, own)) {
            lanes.send(connection -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("the lane was interrupted instead of waited for", e);
                }
                return insert(connection, 8);
            });
            lanes.send(connection -> insert(connection, 9));
        }
        assertEquals(List.of(8L, 9L), ids(), "both batches ended and were committed before close returned");
    }

    private static List<Loaded> insert(Connection connection, int... ids) throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lane_row (id) VALUES (?)")) {
            for (int id : ids) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
        }
        return java.util.Collections.nCopies(ids.length, Loaded.CREATED);
    }

    private List<Long> ids() throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT id FROM lane_row ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
