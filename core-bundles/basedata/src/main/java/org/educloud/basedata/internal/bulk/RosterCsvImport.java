package org.educloud.basedata.internal.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.internal.Loaded;
import org.educloud.identity.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an upload file by file in batches of {@value #BATCH} rows, each batch one transaction.
 * Every row is upserted by its sourcedId, validated and permission-checked at its org exactly as an
 * API call would be, and written with its change-feed row. Files with a bulk path write a batch
 * with a few batched statements; when the database refuses such a batch as a whole, it is rolled
 * back and written again row by row through the services (a savepoint each), so a bad row costs
 * only itself. A row the database already holds as the file has it is left alone and gives the
 * change feed nothing. A sourcedId seen before in the same file is refused (the first row counts).
 * OneRoster rows with status {@code tobedeleted} are deleted after every file was imported, the
 * files read again in reverse order (enrollments before the classes and users they name).
 * Rows stream through: memory does not grow with the file.
 */
public final class RosterCsvImport {

    /** The formats: OneRoster 1.2 CSV, or the platform's own (columns as the REST API's JSON fields). */
    public enum Format {
        ONEROSTER, PLATFORM;

        public static Format of(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(text.strip())) {
                    return format;
                }
            }
            throw new IllegalArgumentException("format '" + text + "' is not known: use oneroster or platform");
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a row did; STAGED rows (roles.csv) describe other rows and are written with them. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, DELETED, STAGED;

        /** What a bulk load's row did; null for a refused row. */
        static Outcome of(Loaded.Effect effect) {
            return switch (effect) {
                case CREATED -> CREATED;
                case UPDATED -> UPDATED;
                case UNCHANGED -> UNCHANGED;
                case STAGED -> STAGED;
                case REFUSED -> null;
            };
        }
    }

    /** Upserts (or deletes) one row through the services. */
    public interface RowUpsert {
        /**
         * @throws RowProblem       for a value that cannot be taken
         * @throws BasedataProblem  for what the services refuse (validation, permission, conflicts)
         */
        Outcome apply(Caller caller, CsvRow row);
    }

    /**
     * The bulk path of a file: rows are prepared one by one (values checked, nothing read or
     * written), then loaded a batch at a time with batched statements.
     *
     * @param <T> a prepared row
     */
    public interface BulkRows<T> {
        /**
         * Called with each batch before its rows are prepared, e.g. to read what they need in one query; in the batch's
         * transaction, over its connection.
         */
        default void before(Connection connection, Caller caller, List<CsvRow> rows) throws SQLException {
        }

        /**
         * The row as the bulk path takes it, or null to leave it to the file's {@link RowUpsert} (a deletion).
         *
         * @throws RowProblem      for a value that cannot be taken
         * @throws BasedataProblem for a row refused on its own
         */
        T prepare(Caller caller, CsvRow row);

        /** Loads prepared rows in the connection's transaction: one result per row, in order. */
        List<Loaded> load(Connection connection, Caller caller, List<T> rows) throws SQLException;

        /**
         * False for rows that must be loaded over the import's own connection (they go into its temporary tables), not on
         * a write lane.
         */
        default boolean onLanes() {
            return true;
        }
    }

    /**
     * Rows a file implies beyond its own, written once the whole file is in: a student's guardians named by
     * users.csv's agentSourcedIds may come later in the file than the student.
     */
    public interface Afterwards {
        /** Writes the implied rows in batches over the import's batch, committing each, and reports on {@code report}. */
        void write(Caller caller, RowBatch batch, Report report);

        /** Forgets what was kept for {@link #write} (the import ends, perhaps early). */
        void discard(RowBatch batch);
    }

    /** What an {@link Afterwards} step reports: each implied row's outcome, and rejections at the line that implied them. */
    public interface Report {
        void outcome(Outcome outcome);

        void reject(long line, String field, String reason);
    }

    /**
     * One file of a format, in the order files must be read (parents before children).
     *
     * @param upsert     writes one row through the services: every row when {@code bulk} is null, otherwise the rows bulk
     *                   leaves to it and the rows of a batch the database refused as a whole (to find the one at fault)
     * @param bulk       the bulk path, or null
     * @param afterwards what the file's rows imply, written after the whole file was read, or null
     */
    public record FileSpec(String name, List<String> requiredColumns, RowUpsert upsert, BulkRows<?> bulk, Afterwards afterwards) {
        public FileSpec(String name, List<String> requiredColumns, RowUpsert upsert) {
            this(name, requiredColumns, upsert, null, null);
        }

        public FileSpec(String name, List<String> requiredColumns, RowUpsert upsert, BulkRows<?> bulk) {
            this(name, requiredColumns, upsert, bulk, null);
        }
    }

    /** A record read, waiting for its batch. */
    private record Pending(CsvRow row, long line, String sourcedId) {
    }

    /** A batch sent to be written, and its rows. */
    private record Sent(List<Pending> rows, Future<WriteLanes.Done> done) {
    }

    /** Rows per batch: one transaction, one bulk write, one take of the change feed's lock. */
    static final int BATCH = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(RosterCsvImport.class);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(false).build();

    private final Format format;
    private final List<FileSpec> files;
    private final int batchRows;

    public RosterCsvImport(Format format, List<FileSpec> files) {
        this(format, files, BATCH);
    }

    private RosterCsvImport(Format format, List<FileSpec> files, int batchRows) {
        this.format = format;
        this.files = List.copyOf(files);
        this.batchRows = batchRows;
    }

    /** The same import in batches of {@code rows} (tests make several batches of a few rows). */
    public RosterCsvImport inBatchesOf(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch holds at least one row, not " + rows);
        }
        return new RosterCsvImport(format, files, rows);
    }

    public Format format() {
        return format;
    }

    /**
     * Runs the import: read, checked and prepared over the batch's connection, the bulk files' batches written
     * on {@code lanes} meanwhile; every batch is committed.
     *
     * @param encoding the declared character set, or null to detect it per file
     */
    public ImportTally run(Caller caller, ImportSource source, String encoding, ImportLedger ledger, RowBatch batch, WriteLanes lanes)
            throws IOException {
        ImportTally tally = new ImportTally();
        boolean any = false;
        List<FileSpec> withDeletions = new ArrayList<>();
        try (SeenIds seen = new SeenIds(batch)) {
            for (FileSpec file : files) {
                Optional<InputStream> opened = source.open(file.name());
                if (opened.isEmpty()) {
                    continue;
                }
                any = true;
                tally.reading(file.name());
                try (InputStream in = opened.get()) {
                    if (new FileRun(caller, file, tally, ledger, batch, lanes, seen, false).read(in, encoding)) {
                        withDeletions.add(0, file);
                    }
                }
                if (file.afterwards() != null) {
                    file.afterwards().write(caller, batch, report(file, tally, ledger));
                }
                ledger.progress(tally);
            }
            // Deletions last and children first (enrollments before the users and classes they name).
            for (FileSpec file : withDeletions) {
                tally.reading(file.name());
                try (InputStream in = source.open(file.name()).orElseThrow()) {
                    new FileRun(caller, file, tally, ledger, batch, lanes, seen, true).read(in, encoding);
                }
                ledger.progress(tally);
            }
        } finally {
            files.stream().map(FileSpec::afterwards).filter(java.util.Objects::nonNull).forEach(after -> after.discard(batch));
        }
        if (!any) {
            List<String> names = files.stream().map(FileSpec::name).toList();
            ledger.rejected(source.name(), 0, "", "the upload holds none of the files a " + format.label() + " import reads "
                    + names + (source.isZip() ? "" : ": name a single CSV after what it holds, e.g. " + names.get(names.size() > 4 ? 4 : 0)));
            tally.rejected();
        }
        ledger.progress(tally);
        return tally;
    }

    private static Report report(FileSpec file, ImportTally tally, ImportLedger ledger) {
        return new Report() {
            @Override
            public void outcome(Outcome outcome) {
                tally.outcome(outcome);
            }

            @Override
            public void reject(long line, String field, String reason) {
                tally.rejected();
                ledger.rejected(file.name(), line, field, reason);
            }
        };
    }

    /** True for a OneRoster row that deletes its record (delta files). */
    static boolean deletes(CsvRow row) {
        return "tobedeleted".equals(row.text("status"));
    }

    /**
     * One pass over one file. The first pass imports every row but deletions and says whether there were any; the
     * second ({@code deletions}) reads the file again and applies only its deletions, after every file was imported.
     */
    private final class FileRun {
        private final Caller caller;
        private final FileSpec file;
        private final ImportTally tally;
        private final ImportLedger ledger;
        private final RowBatch batch;
        private final WriteLanes lanes;
        private final SeenIds seen;
        private final boolean deletions;
        private final List<Pending> pending = new ArrayList<>();
        private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
        private final WriteLanes own;
        private boolean anyDeletion;

        FileRun(Caller caller, FileSpec file, ImportTally tally, ImportLedger ledger, RowBatch batch, WriteLanes lanes, SeenIds seen,
                boolean deletions) {
            this.caller = caller;
            this.file = file;
            this.tally = tally;
            this.ledger = ledger;
            this.batch = batch;
            this.lanes = lanes;
            this.own = WriteLanes.none(batch);
            this.seen = seen;
            this.deletions = deletions;
        }

        boolean read(InputStream in, String encoding) throws IOException {
            CsvEncoding.Detected detected = CsvEncoding.of(in, encoding);
            Reader reader = new InputStreamReader(detected.stream(), detected.charset());
            CSVParser parser;
            try {
                parser = CSV.parse(reader);
            } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
                if (!deletions) {
                    reject(file.name(), 1, "", "the header cannot be read (" + e.getMessage() + "); the first line must "
                            + "name the columns, e.g. " + String.join(",", file.requiredColumns()));
                }
                return false;
            }
            try (parser) {
                Map<String, Integer> header = new LinkedHashMap<>();
                parser.getHeaderMap().forEach((name, index) -> header.put(name.strip(), index));
                List<String> missing = new ArrayList<>(file.requiredColumns());
                missing.removeAll(header.keySet());
                if (!missing.isEmpty()) {
                    if (!deletions) {
                        reject(file.name(), 1, missing.get(0), "the header lacks the column" + (missing.size() > 1 ? "s " : " ")
                                + String.join(", ", missing) + "; no row of " + file.name() + " was read. Columns found: "
                                + header.keySet() + (detected.charset().name().equals("UTF-8") ? "" : " (read as "
                                + detected.charset().name() + "; if the names look garbled, declare the encoding)"));
                    }
                    return false;
                }
                boolean keyed = header.containsKey("sourcedId");
                Iterator<CSVRecord> records = parser.iterator();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        flush();
                        drain();
                        if (!deletions) {
                            reject(file.name(), parser.getCurrentLineNumber(), "", "the CSV is malformed here (" + e.getMessage()
                                    + "), usually a quote that is never closed; the rest of " + file.name() + " was not read: fix "
                                    + "the quoting and import the file again (rows already imported stay as they are)");
                        }
                        return anyDeletion;
                    }
                    // The line the record ends on: its own line, as an editor numbers it, for the usual one-line record.
                    long line = parser.getCurrentLineNumber();
                    take(new CsvRow(record, header, line), line, keyed);
                    if (pending.size() >= batchRows) {
                        flush();
                    }
                }
                flush();
                drain();
            }
            return anyDeletion;
        }

        private void take(CsvRow row, long line, boolean keyed) {
            boolean deletion = deletes(row);
            anyDeletion |= deletion;
            if (deletions) {
                if (deletion && row.size() == row.headerSize()) {
                    pending.add(new Pending(row, line, keyed ? row.text("sourcedId") : null));
                }
                return;
            }
            tally.read();
            if (row.size() != row.headerSize()) {
                reject(file.name(), line, "", "the row has " + row.size() + " values but the header names " + row.headerSize()
                        + " columns; check for a missing or extra comma, or quote a value that has one");
            } else {
                pending.add(new Pending(row, line, keyed ? row.text("sourcedId") : null));
            }
        }

        /** Writes the rows read since the last batch, commits them and reports progress. */
        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Pending> rows = deletions ? firstOnly() : unseen().stream().filter(row -> !deletes(row.row())).toList();
            if (deletions) {
                rows.forEach(this::upsert);
            } else if (file.bulk() != null) {
                bulk(file.bulk(), rows);
            } else {
                rows.forEach(this::upsert);
            }
            pending.clear();
            commit();
            ledger.progress(tally);
        }

        /** Waits for every batch in flight and takes in how it ended. */
        private void drain() {
            if (inFlight.isEmpty()) {
                return;
            }
            while (!inFlight.isEmpty()) {
                settle(inFlight.removeFirst());
            }
            ledger.progress(tally);
        }

        private void commit() {
            try {
                batch.commit();
            } catch (SQLException e) {
                throw new BasedataProblem(BasedataProblem.Kind.UNAVAILABLE, "", "the basic-data database did not answer ("
                        + e.getMessage() + ")");
            }
        }

        /** The pending rows whose sourcedId this file has not had before; the others are rejected as duplicates. */
        private List<Pending> unseen() {
            List<Pending> fresh = new ArrayList<>();
            Long[] earlier = seen.record(file.name(), pending.stream().map(Pending::sourcedId).toList(),
                    pending.stream().map(Pending::line).toList());
            for (int i = 0; i < pending.size(); i++) {
                Pending row = pending.get(i);
                Long first = earlier[i];
                if (first == null) {
                    fresh.add(row);
                } else {
                    reject(file.name(), row.line(), "sourcedId", "sourcedId " + row.sourcedId() + " is on line " + first + " of "
                            + file.name() + " already; this later row was not imported (a file gives each record once: keep "
                            + "one of the two rows)");
                }
            }
            return fresh;
        }

        /** The pending deletions that were the first row of their sourcedId (the later ones were refused in the first pass). */
        private List<Pending> firstOnly() {
            Long[] first = seen.firstLines(file.name(), pending.stream().map(Pending::sourcedId).toList());
            List<Pending> rows = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (first[i] == null || first[i] == pending.get(i).line()) {
                    rows.add(pending.get(i));
                }
            }
            return rows;
        }

        private <T> void bulk(BulkRows<T> bulk, List<Pending> rows) {
            List<T> prepared = new ArrayList<>();
            List<Pending> preparedRows = new ArrayList<>();
            List<Pending> others = new ArrayList<>();
            try {
                bulk.before(batch.connection(), caller, rows.stream().map(Pending::row).toList());
            } catch (SQLException e) {
                throw TemporaryTable.unavailable(e);
            }
            for (Pending row : rows) {
                try {
                    T value = bulk.prepare(caller, row.row());
                    if (value == null) {
                        others.add(row);
                    } else {
                        prepared.add(value);
                        preparedRows.add(row);
                    }
                } catch (RowProblem problem) {
                    reject(file.name(), row.line(), problem.field(), problem.getMessage());
                } catch (BasedataProblem problem) {
                    refuse(row, problem);
                }
            }
            if (!prepared.isEmpty()) {
                WriteLanes on = bulk.onLanes() ? lanes : own;
                // Nothing of this connection's is uncommitted here (the seen ids and before() commit), so waiting for a
                // lane cannot hold a lock the lane waits for.
                while (!inFlight.isEmpty() && inFlight.size() >= on.capacity()) {
                    settle(inFlight.removeFirst());
                }
                inFlight.addLast(new Sent(preparedRows, on.send(connection -> bulk.load(connection, caller, prepared))));
                if (on.capacity() == 0) {
                    settle(inFlight.removeFirst());
                }
            }
            others.forEach(this::upsert);
        }

        /** Takes in how a batch sent ended: its rows' outcomes, or, refused as a whole, its rows written again one by one. */
        private void settle(Sent sent) {
            WriteLanes.Done done = WriteLanes.await(sent.done());
            if (done.refused() != null) {
                // The database refused the batch as a whole (a duplicate ID number, a row changed meanwhile, ...) and it
                // was rolled back: write it again row by row through the services, which say which row is at fault.
                LOG.debug("a batch of {} was refused as a whole ({}); writing it row by row", file.name(), done.refused().getMessage());
                for (Sent other : inFlight) {
                    // No lane writes meanwhile: a lane's rows and these could each wait for the other's locks.
                    WriteLanes.await(other.done());
                }
                sent.rows().forEach(this::upsert);
                commit(); // before this connection waits for a lane again
                return;
            }
            List<Loaded> results = done.results();
            for (int i = 0; i < results.size(); i++) {
                Outcome outcome = Outcome.of(results.get(i).effect());
                if (outcome == null) {
                    refuse(sent.rows().get(i), results.get(i).problem());
                } else {
                    tally.outcome(outcome);
                }
            }
        }

        private void upsert(Pending row) {
            try {
                tally.outcome(file.upsert().apply(caller, row.row()));
            } catch (RowProblem problem) {
                reject(file.name(), row.line(), problem.field(), problem.getMessage());
            } catch (BasedataProblem problem) {
                refuse(row, problem);
            }
        }

        private void refuse(Pending row, BasedataProblem problem) {
            if (problem.kind() == BasedataProblem.Kind.UNAVAILABLE) {
                throw problem; // the database is gone: stop rather than reject every row that follows
            }
            reject(file.name(), row.line(), problem.field(), problem.getMessage());
        }

        private void reject(String name, long line, String field, String reason) {
            tally.rejected();
            ledger.rejected(name, line, field, reason);
        }
    }
}
