package org.educloud.basedata.internal.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.educloud.basedata.BasedataProblem;
import org.educloud.identity.Caller;

/**
 * Imports an upload file by file, row by row: each row is upserted by its sourcedId through the
 * basic-data services (so it is validated, permission-checked at its org and written with its
 * change-feed row exactly as an API call would be), and each row commits on its own, so a bad row
 * costs only itself. A row the database already holds as the file has it is left alone and gives
 * the change feed nothing. Rows stream through: memory does not grow with the file.
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
        CREATED, UPDATED, UNCHANGED, STAGED
    }

    /** Upserts one row. */
    public interface RowUpsert {
        /**
         * @throws RowProblem       for a value that cannot be taken
         * @throws BasedataProblem  for what the services refuse (validation, permission, conflicts)
         */
        Outcome apply(Caller caller, CsvRow row);
    }

    /** One file of a format, in the order files must be read (parents before children). */
    public record FileSpec(String name, List<String> requiredColumns, RowUpsert upsert) {
    }

    private static final int PROGRESS_EVERY = 500;
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(false).build();

    private final Format format;
    private final List<FileSpec> files;

    public RosterCsvImport(Format format, List<FileSpec> files) {
        this.format = format;
        this.files = List.copyOf(files);
    }

    public Format format() {
        return format;
    }

    /**
     * Runs the import.
     *
     * @param encoding the declared character set, or null to detect it per file
     */
    public ImportTally run(Caller caller, ImportSource source, String encoding, ImportLedger ledger) throws IOException {
        ImportTally tally = new ImportTally();
        boolean any = false;
        for (FileSpec file : files) {
            Optional<InputStream> opened = source.open(file.name());
            if (opened.isEmpty()) {
                continue;
            }
            any = true;
            tally.reading(file.name());
            try (InputStream in = opened.get()) {
                importFile(caller, file, in, encoding, tally, ledger);
            }
            ledger.progress(tally);
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

    private void importFile(Caller caller, FileSpec file, InputStream in, String encoding, ImportTally tally, ImportLedger ledger)
            throws IOException {
        CsvEncoding.Detected detected = CsvEncoding.of(in, encoding);
        Reader reader = new InputStreamReader(detected.stream(), detected.charset());
        CSVParser parser;
        try {
            parser = CSV.parse(reader);
        } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
            reject(ledger, tally, file.name(), 1, "", "the header cannot be read (" + e.getMessage() + "); the first line must "
                    + "name the columns, e.g. " + String.join(",", file.requiredColumns()));
            return;
        }
        try (parser) {
            Map<String, Integer> header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((name, index) -> header.put(name.strip(), index));
            List<String> missing = new ArrayList<>(file.requiredColumns());
            missing.removeAll(header.keySet());
            if (!missing.isEmpty()) {
                reject(ledger, tally, file.name(), 1, missing.get(0), "the header lacks the column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + "; no row of " + file.name() + " was read. Columns found: " + header.keySet()
                        + (detected.charset().name().equals("UTF-8") ? "" : " (read as " + detected.charset().name()
                        + "; if the names look garbled, declare the encoding)"));
                return;
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    reject(ledger, tally, file.name(), parser.getCurrentLineNumber(), "", "the CSV is malformed here ("
                            + e.getMessage() + "), usually a quote that is never closed; the rest of " + file.name()
                            + " was not read: fix the quoting and import the file again (rows already imported stay as they are)");
                    return;
                }
                tally.read();
                // The line the record ends on: its own line, as an editor numbers it, for the usual one-line record.
                long line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    reject(ledger, tally, file.name(), line, "", "the row has " + record.size() + " values but the header names "
                            + header.size() + " columns; check for a missing or extra comma, or quote a value that has one");
                } else {
                    try {
                        tally.outcome(file.upsert().apply(caller, new CsvRow(record, header)));
                    } catch (RowProblem problem) {
                        reject(ledger, tally, file.name(), line, problem.field(), problem.getMessage());
                    } catch (BasedataProblem problem) {
                        if (problem.kind() == BasedataProblem.Kind.UNAVAILABLE) {
                            throw problem; // the database is gone: stop rather than reject every row that follows
                        }
                        reject(ledger, tally, file.name(), line, problem.field(), problem.getMessage());
                    }
                }
                if (tally.rowsRead() % PROGRESS_EVERY == 0) {
                    ledger.progress(tally);
                }
            }
        }
    }

    private static void reject(ImportLedger ledger, ImportTally tally, String file, long line, String field, String reason) {
        tally.rejected();
        ledger.rejected(file, line, field, reason);
    }
}
