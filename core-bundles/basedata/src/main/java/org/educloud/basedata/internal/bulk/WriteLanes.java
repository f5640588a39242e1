package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.internal.Loaded;

/**
 * Connections of an import's own on which its batches are written while the import reads, checks
 * and prepares the next ones: the database writes one batch while Java prepares another, so both
 * cores of a small server work instead of taking turns. Each batch is one transaction on its lane,
 * committed there; a batch the database refuses as a whole (a duplicate ID number, a row changed
 * meanwhile) is rolled back on its lane and comes back refused, for the import to write row by row
 * on its own connection, which says which row is at fault.
 *
 * <p>With no lanes a batch is written at once over the import's own connection, in its transaction.
 * A caller must commit its own connection before it waits for a lane: a lane may be waiting for a lock
 * (the change feed's writer lock) that the caller's open transaction holds.
 */
public final class WriteLanes implements AutoCloseable {

    /** Writes one batch over a connection, in its transaction: one result per row, in order. */
    public interface Load {
        List<Loaded> load(Connection connection) throws SQLException;
    }

    /**
     * How a batch ended.
     *
     * @param results each row's result, in order; null when refused
     * @param refused why the database refused the batch as a whole (it was rolled back), or null
     */
    public record Done(List<Loaded> results, SQLException refused) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RowBatch own;
    private final List<RowBatch> lanes;
    private final BlockingQueue<RowBatch> free;
    private final ExecutorService writers;

    private WriteLanes(RowBatch own, List<RowBatch> lanes) {
        this.own = own;
        this.lanes = lanes;
        this.free = new ArrayBlockingQueue<>(Math.max(1, lanes.size()), false, lanes);
        this.writers = lanes.isEmpty() ? null : Executors.newFixedThreadPool(lanes.size(), runnable -> {
            Thread thread = new Thread(runnable, "educloud-basedata-import-writer-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** No lanes: every batch is written over the import's own connection. */
    public static WriteLanes none(RowBatch own) {
        return new WriteLanes(own, List.of());
    }

    /**
     * {@code count} lanes, each a connection of {@code dataSource} (taken now, for the whole import).
     *
     * @throws SQLException when the connections cannot be had (those taken are given back)
     */
    public static WriteLanes open(DataSource dataSource, int count, RowBatch own) throws SQLException {
        List<RowBatch> lanes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                lanes.add(new RowBatch(dataSource));
            }
        } catch (SQLException e) {
            for (RowBatch lane : lanes) {
                lane.close();
            }
            throw e;
        }
        return new WriteLanes(own, lanes);
    }

    /** How many batches may be in flight at once: 0 when each is written at once. */
    public int capacity() {
        return lanes.size();
    }

    /**
     * Writes a batch: on a free lane (the caller keeps at most {@link #capacity()} in flight), or at once over
     * the import's own connection when there are no lanes.
     */
    public Future<Done> send(Load load) {
        if (writers == null) {
            return CompletableFuture.completedFuture(write(own, load, false));
        }
        return writers.submit(() -> {
            RowBatch lane = free.remove();
            try {
                return write(lane, load, true);
            } finally {
                free.add(lane);
            }
        });
    }

    /** The end of a batch sent; a problem it met (the database gone) is thrown here. */
    public static Done await(Future<Done> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BasedataProblem(BasedataProblem.Kind.UNAVAILABLE, "", "the import was interrupted while a batch was written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException problem) {
                throw problem;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Done write(RowBatch batch, Load load, boolean commit) {
        try {
            List<Loaded> results = load.load(batch.connection());
            if (commit) {
                batch.commit();
            }
            return new Done(results, null);
        } catch (SQLException refused) {
            try {
                batch.rollback();
            } catch (SQLException e) {
                throw TemporaryTable.unavailable(e);
            }
            return new Done(null, refused);
        } catch (RuntimeException | Error e) {
            try {
                batch.rollback(); // not left for the lane's next batch to commit
            } catch (SQLException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }

    /** Waits for the batches in flight to end (an import that stops early leaves some), then gives the connections back. */
    @Override
    public void close() throws SQLException {
        if (writers != null) {
            writers.shutdown();
            try {
                if (!writers.awaitTermination(2, TimeUnit.MINUTES)) {
                    writers.shutdownNow();
                }
            } catch (InterruptedException e) {
                writers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        SQLException failed = null;
        for (RowBatch lane : lanes) {
            try {
                lane.close();
            } catch (SQLException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
