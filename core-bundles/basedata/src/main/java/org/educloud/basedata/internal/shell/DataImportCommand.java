package org.educloud.basedata.internal.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.internal.bulk.ImportJob;
import org.educloud.basedata.internal.bulk.ImportJobs;
import org.educloud.basedata.internal.bulk.RosterCsvImport;

/** {@code data:import}: a OneRoster 1.2 zip or the platform's CSV files, with a progress bar and a report of bad rows. */
@Command(scope = "data", name = "import", description = "Imports OneRoster 1.2 CSV (a zip) or the platform's own CSV (a zip, or one "
        + "file named after what it holds, e.g. people.csv); rows are upserted by sourcedId, bad rows go to a report")
@Service
public class DataImportCommand implements Action {

    private static final int BAR = 30;

    @Argument(index = 0, name = "file", required = true, description = "The zip or CSV file")
    @Completion(FileCompleter.class)
    private String file;

    @Option(name = "-f", aliases = "--format", description = "oneroster or platform (detected when left out: a zip with manifest.csv "
            + "or users.csv is OneRoster)")
    private String format;

    @Option(name = "-e", aliases = "--encoding", description = "UTF-8, GBK or GB18030 (detected when left out)")
    private String encoding;

    @Option(name = "-r", aliases = "--report", description = "Where to write the rejected rows (default: FILE.report.csv beside the file)")
    private String report;

    @Reference
    private ImportJobs jobs;

    @Override
    public Object execute() throws IOException {
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            System.out.println("Error: " + path + " is not a file; give the path of the zip or CSV to import");
            return null;
        }
        ShellCaller operator = ShellCaller.current();
        PrintStream out = System.out;
        try {
            ImportJob job = jobs.run(operator, path, RosterCsvImport.Format.of(format), encoding, progress -> draw(out, progress));
            draw(out, job);
            out.println();
            out.println(job.state().equals("done") ? "Imported " + path.getFileName() + " (" + job.format() + "): "
                    + job.rowsRead() + " rows read, " + job.created() + " created, " + job.updated() + " updated, " + job.unchanged()
                    + " unchanged, " + job.deleted() + " deleted, " + job.rejected() + " rejected" : "Error: " + job.message());
            if (job.rejected() > 0) {
                Path reportFile = report != null ? Path.of(report) : path.resolveSibling(path.getFileName() + ".report.csv");
                try (Writer writer = Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8)) {
                    jobs.report(operator, job.id(), writer);
                }
                out.println("The rejected rows, each with its file, line, field and reason: " + reportFile);
            }
        } catch (BasedataProblem | IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
        }
        return null;
    }

    /** One line redrawn in place: [=====>      ]  42% users.csv  12345 rows, 3 rejected. */
    static String bar(ImportJob job) {
        int filled = job.percent() * BAR / 100;
        String arrow = filled >= BAR ? "=".repeat(BAR) : "=".repeat(filled) + ">" + " ".repeat(BAR - filled - 1);
        return String.format("\r[%s] %3d%% %-20s %,d rows, %,d rejected", arrow, job.percent(),
                job.currentFile() == null ? "" : job.currentFile(), job.rowsRead(), job.rejected());
    }

    private static void draw(PrintStream out, ImportJob job) {
        out.print(bar(job));
        out.flush();
    }
}
