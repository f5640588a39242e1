package org.educloud.basedata.internal.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.internal.BasedataConfig;
import org.educloud.basedata.internal.IdNumberKeys;
import org.educloud.basedata.internal.JdbcClassRoster;
import org.educloud.basedata.internal.JdbcCurriculum;
import org.educloud.basedata.internal.JdbcOrgDirectory;
import org.educloud.basedata.internal.JdbcPersonRegistry;
import org.educloud.basedata.internal.PeopleLoad;
import org.educloud.basedata.internal.PlannerStatistics;
import org.educloud.identity.Caller;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk import jobs: submitted over REST (run in the background, polled) or run at the shell (in
 * the foreground with a progress bar), both recorded in {@code bd_import_job} with every rejected
 * row in {@code bd_import_rejection}, so the report can be downloaded from any node afterwards. A
 * job is visible to whoever started it (the token's subject).
 */
@Component(service = ImportJobs.class, configurationPid = BasedataConfig.PID)
public final class ImportJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    /** Rejections are written in batches of this many, so a file of bad rows does not cost a round trip each. */
    private static final int REJECTION_BATCH = 200;

    private final DataSource dataSource;
    private final java.util.function.Function<DataSource, Upserts> upsertsOver;
    private final int writers;
    // Two imports at a time: each already keeps the database busy, and a queue is fairer than a pile-up.
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "educloud-basedata-import");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ImportJobs(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "keys") IdNumberKeys keys, BasedataConfig config) {
        this(dataSource, batch -> new Upserts(new JdbcOrgDirectory(batch), new JdbcPersonRegistry(batch, keys),
                new JdbcClassRoster(batch), new JdbcCurriculum(batch), new PeopleLoad(keys.cipher())), writers(config.importWriters()));
    }

    /**
     * Import jobs over other basic-data services (for tests and benchmarks). A factory, not a second
     * public constructor: Declarative Services would take a public constructor of the same arity
     * for the component's own and fail on its argument types.
     *
     * @param upsertsOver the basic-data services writing through a data source: an import gets its own
     *                    over its {@link RowBatch}, so its rows commit in batches
     */
    public static ImportJobs over(DataSource dataSource, java.util.function.Function<DataSource, Upserts> upsertsOver) {
        return over(dataSource, upsertsOver, 2);
    }

    /** As {@link #over(DataSource, java.util.function.Function)}, writing on {@code writers} lanes ({@link WriteLanes}). */
    public static ImportJobs over(DataSource dataSource, java.util.function.Function<DataSource, Upserts> upsertsOver, int writers) {
        return new ImportJobs(dataSource, upsertsOver, writers(writers));
    }

    private ImportJobs(DataSource dataSource, java.util.function.Function<DataSource, Upserts> upsertsOver, int writers) {
        this.dataSource = dataSource;
        this.upsertsOver = upsertsOver;
        this.writers = writers;
    }

    /** The writers asked for, within 0-8 (a value outside is named in the log, not taken). */
    static int writers(int asked) {
        if (asked >= 0 && asked <= 8) {
            return asked;
        }
        int taken = Math.max(0, Math.min(8, asked));
        LOG.warn("importWriters = {} in etc/{}.cfg is outside 0-8; imports write on {} connections. Set 0 to 8.", asked,
                BasedataConfig.PID, taken);
        return taken;
    }

    @Deactivate
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Records a job and runs it in the background; the upload is deleted when it ends.
     *
     * @param format null to tell from the upload (a zip with manifest.csv or a OneRoster file name is OneRoster)
     */
    public ImportJob submit(Caller caller, Path upload, String fileName, RosterCsvImport.Format format, String encoding) {
        RosterCsvImport.Format chosen = formatOf(upload, fileName, format);
        String id = record(caller, chosen, fileName, encoding);
        workers.submit(() -> {
            try {
                execute(caller, id, upload, fileName, chosen, encoding, tally -> { });
            } finally {
                deleteQuietly(upload);
            }
        });
        return find(caller, id).orElseThrow();
    }

    /** Runs a job in the calling thread (the shell), telling {@code progress} as it goes. */
    public ImportJob run(Caller caller, Path file, RosterCsvImport.Format format, String encoding, Consumer<ImportJob> progress) {
        String fileName = file.getFileName().toString();
        RosterCsvImport.Format chosen = formatOf(file, fileName, format);
        String id = record(caller, chosen, fileName, encoding);
        execute(caller, id, file, fileName, chosen, encoding, tally -> find(caller, id).ifPresent(progress));
        return find(caller, id).orElseThrow();
    }

    /** The job, when the caller started it. */
    public Optional<ImportJob> find(Caller caller, String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM bd_import_job WHERE job_id = ? AND actor = ?")) {
            select.setString(1, id);
            select.setString(2, actor(caller));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp finished = row.getTimestamp("finished_at");
                return Optional.of(new ImportJob(row.getString("job_id"), row.getString("state"), row.getString("format"),
                        row.getString("file_name"), row.getInt("percent"), row.getString("current_file"), row.getLong("rows_read"),
                        row.getLong("rows_created"), row.getLong("rows_updated"), row.getLong("rows_unchanged"),
                        row.getLong("rows_deleted"), row.getLong("rows_rejected"), row.getString("message"), row.getTimestamp("created_at").toInstant(),
                        finished == null ? null : finished.toInstant()));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Writes the job's rejected rows as CSV (file, line, field, reason), streamed from the database. */
    public void report(Caller caller, String id, Writer out) throws IOException {
        find(caller, id).orElseThrow(() -> notFound(id));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT r.file_name, r.line, r.field, r.reason FROM "
                     + "bd_import_rejection r JOIN bd_import_job j ON j.id = r.job_id WHERE j.job_id = ? ORDER BY r.id",
                     ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(1000);
            select.setString(1, id);
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("file", "line", "field", "reason").build());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    printer.printRecord(row.getString(1), row.getLong(2), row.getString(3), row.getString(4));
                }
            }
            printer.flush();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static BasedataProblem notFound(String id) {
        return new BasedataProblem(Kind.NOT_FOUND, "", "there is no import " + id + " that you started; check the id (the "
                + "Location of the POST that started it)");
    }

    private void execute(Caller caller, String id, Path file, String fileName, RosterCsvImport.Format format, String encoding,
            Consumer<ImportTally> progress) {
        update(id, "UPDATE bd_import_job SET state = 'running' WHERE job_id = ?");
        try (RowBatch batch = new RowBatch(dataSource); ImportSource source = ImportSource.open(file, fileName);
             Ledger ledger = new Ledger(id, source, batch, progress); RoleStage roles = new RoleStage(batch.dataSource())) {
            Upserts upserts = upsertsOver.apply(batch.dataSource());
            RosterCsvImport importer = format == RosterCsvImport.Format.ONEROSTER ? OneRosterCsvFiles.importer(upserts, roles)
                    : PlatformCsvFiles.importer(upserts);
            ImportTally tally;
            try (WriteLanes lanes = WriteLanes.open(dataSource, writers, batch)) {
                tally = importer.run(caller, source, encoding, ledger, batch, lanes);
            }
            if (tally.created() + tally.updated() + tally.deleted() > 0) {
                PlannerStatistics.refresh(batch.connection());
            }
            ledger.flush(tally);
            finish(id, "done", tally.rowsRejected() == 0 ? "imported " + tally.rowsCommitted() + " rows"
                    : "imported " + tally.rowsCommitted() + " rows; " + tally.rowsRejected() + " rejected (see the report)");
        } catch (SQLException e) {
            finish(id, "failed", "the import stopped: the basic-data database did not answer (" + e.getMessage() + "); rows "
                    + "counted as committed stay, and importing the file again continues where it left off");
        } catch (IOException | UncheckedIOException | IllegalArgumentException | BasedataProblem e) {
            LOG.warn("import {} of {} failed: {}", id, fileName, e.getMessage());
            finish(id, "failed", "the import stopped: " + e.getMessage() + "; rows counted as committed stay, and importing "
                    + "the file again continues where it left off (unchanged rows are skipped)");
        } catch (RuntimeException e) {
            LOG.error("import {} of {} failed", id, fileName, e);
            finish(id, "failed", "the import stopped on an unexpected error (" + e + "); the kernel log has the details");
        }
    }

    /**
     * Records the counts at each progress call (the import commits its batch before it calls, so
     * what the job status calls committed is); writes rejections in batches, in their own short
     * transactions.
     */
    private final class Ledger implements ImportLedger, AutoCloseable {
        private final String id;
        private final ImportSource source;
        private final RowBatch batch;
        private final Consumer<ImportTally> listener;
        private final List<Object[]> pending = new ArrayList<>();

        Ledger(String id, ImportSource source, RowBatch batch, Consumer<ImportTally> listener) {
            this.id = id;
            this.source = source;
            this.batch = batch;
            this.listener = listener;
        }

        @Override
        public void rejected(String file, long line, String field, String reason) {
            pending.add(new Object[] {file, line, field == null || field.length() > 64 ? "" : field,
                reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason});
            if (pending.size() >= REJECTION_BATCH) {
                flushRejections();
            }
        }

        @Override
        public void progress(ImportTally tally) {
            flush(tally);
            listener.accept(tally);
        }

        void flush(ImportTally tally) {
            flushRejections();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE bd_import_job SET current_file = ?, percent = ?, "
                         + "rows_read = ?, rows_created = ?, rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, rows_deleted = ? "
                         + "WHERE job_id = ?")) {
                update.setString(1, tally.file());
                update.setInt(2, source.percent());
                update.setLong(3, tally.rowsRead());
                update.setLong(4, tally.created());
                update.setLong(5, tally.updated());
                update.setLong(6, tally.unchanged());
                update.setLong(7, tally.rowsRejected());
                update.setLong(8, tally.deleted());
                update.setString(9, id);
                update.executeUpdate();
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }

        private void flushRejections() {
            if (pending.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_import_rejection (job_id, file_name, line, "
                         + "field, reason) VALUES (?, ?, ?, ?, ?)")) {
                long row = rowId(connection);
                for (Object[] rejection : pending) {
                    insert.setLong(1, row);
                    insert.setString(2, (String) rejection[0]);
                    insert.setLong(3, (Long) rejection[1]);
                    insert.setString(4, (String) rejection[2]);
                    insert.setString(5, (String) rejection[3]);
                    insert.addBatch();
                }
                insert.executeBatch();
                pending.clear();
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }

        @Override
        public void close() {
            flushRejections();
        }

        /** The job's row id, which the rejections refer to. */
        private long rowId(Connection connection) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM bd_import_job WHERE job_id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }

    private String record(Caller caller, RosterCsvImport.Format format, String fileName, String encoding) {
        if (encoding != null && !encoding.isBlank()) {
            CsvEncoding.named(encoding.strip()); // refuses an unknown name now rather than failing the job later
        }
        String id = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_import_job (job_id, actor, format, file_name, "
                     + "encoding, state) VALUES (?, ?, ?, ?, ?, 'queued')", Statement.NO_GENERATED_KEYS)) {
            insert.setString(1, id);
            insert.setString(2, actor(caller));
            insert.setString(3, format.label());
            insert.setString(4, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
            insert.setString(5, encoding);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return id;
    }

    private void finish(String id, String state, String message) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE bd_import_job SET state = ?, message = ?, "
                     + "finished_at = CURRENT_TIMESTAMP(3), percent = CASE WHEN ? = 'done' THEN 100 ELSE percent END WHERE job_id = ?")) {
            update.setString(1, state);
            update.setString(2, message.length() > 1000 ? message.substring(0, 997) + "..." : message);
            update.setString(3, state);
            update.setString(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.error("import {} ended ({}) but its state could not be recorded", id, state, e);
        }
    }

    private void update(String id, String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The format asked for, or the one the upload's files tell. */
    static RosterCsvImport.Format formatOf(Path upload, String fileName, RosterCsvImport.Format asked) {
        if (asked != null) {
            return asked;
        }
        try (ImportSource source = ImportSource.open(upload, fileName)) {
            for (String oneRosterOnly : List.of("manifest.csv", "users.csv", "demographics.csv")) {
                Optional<java.io.InputStream> found = source.open(oneRosterOnly);
                if (found.isPresent()) {
                    found.get().close();
                    return RosterCsvImport.Format.ONEROSTER;
                }
            }
            return RosterCsvImport.Format.PLATFORM;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String actor(Caller caller) {
        return caller.subject();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the upload {}: {}", file, e.getMessage());
        }
    }

    private static BasedataProblem unavailable(SQLException e) {
        return new BasedataProblem(Kind.UNAVAILABLE, "", "the basic-data database did not answer (" + e.getMessage()
                + "); try again shortly, and if it persists check the platform health");
    }
}
