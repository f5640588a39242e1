package org.educloud.basedata.internal.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.internal.bulk.RosterCsvExport;
import org.educloud.basedata.internal.bulk.RosterCsvImport;
import org.educloud.identity.OrgPath;

/** {@code data:export}: OneRoster 1.2 CSV or the platform's CSV files of the region or of one org's subtree, into a folder. */
@Command(scope = "data", name = "export", description = "Exports basic data as OneRoster 1.2 CSV files (manifest.csv, orgs.csv, "
        + "users.csv, ...) or as the platform's own CSV files, into a folder")
@Service
public class DataExportCommand implements Action {

    @Argument(index = 0, name = "dir", required = true, description = "The folder to write the files into (made if missing)")
    @Completion(FileCompleter.class)
    private String dir;

    @Option(name = "-o", aliases = "--org", description = "Only this org's subtree (its code, e.g. 370102)")
    @Completion(OrgCodeCompleter.class)
    private String org;

    @Option(name = "-f", aliases = "--format", description = "oneroster (default) or platform")
    private String format;

    @Reference
    private RosterCsvExport export;

    @Reference
    private OrgDirectory orgs;

    @Override
    public Object execute() throws IOException {
        ShellCaller operator = ShellCaller.current();
        try {
            OrgPath under = org == null ? OrgPath.ROOT : orgs.findByCode(operator, org).map(Org::path)
                    .orElseThrow(() -> new BasedataProblem(BasedataProblem.Kind.NOT_FOUND, "org", "there is no org with the code "
                            + org + "; org:list shows them"));
            RosterCsvImport.Format chosen = RosterCsvImport.Format.of(format);
            Path folder = Path.of(dir).toAbsolutePath();
            RosterCsvExport.Written written = export.export(operator, under,
                    chosen == null ? RosterCsvImport.Format.ONEROSTER : chosen, folder);
            ShellTable table = new ShellTable();
            table.column("File");
            table.column("Rows").alignRight();
            for (Map.Entry<String, Long> file : written.rows().entrySet()) {
                table.addRow().addContent(file.getKey(), file.getValue());
            }
            table.print(System.out);
            System.out.println("Written to " + folder);
        } catch (BasedataProblem | IllegalArgumentException e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }
}
