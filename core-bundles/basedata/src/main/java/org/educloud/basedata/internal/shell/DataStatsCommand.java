package org.educloud.basedata.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgCounts;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.OrgPath;

/** {@code data:stats}: schools, classes, students and teachers per org, like the statistics screens (综合数据统计). */
@Command(scope = "data", name = "stats", description = "Counts schools, classes, students and teachers for each org below one org")
@Service
public class DataStatsCommand implements Action {

    @Argument(index = 0, name = "code", description = "Count for each child of this org (each province when left out)")
    @Completion(OrgCodeCompleter.class)
    private String code;

    @Reference
    private OrgDirectory orgs;

    @Override
    public Object execute() {
        ShellCaller operator = ShellCaller.current();
        try {
            OrgPath under = code == null ? OrgPath.ROOT : orgs.findByCode(operator, code).map(Org::path)
                    .orElseThrow(() -> new BasedataProblem(BasedataProblem.Kind.NOT_FOUND, "code", "there is no org with the code " + code));
            ShellTable table = new ShellTable();
            for (String column : new String[] {"Org", "Code", "Schools", "Public", "Private", "Classes", "Students", "Female",
                "Teachers"}) {
                table.column(column);
            }
            long[] total = new long[7];
            for (OrgCounts counts : orgs.statistics(operator, under)) {
                long[] row = {counts.schools(), counts.publicSchools(), counts.privateSchools(), counts.classes(), counts.students(),
                    counts.femaleStudents(), counts.teachers()};
                table.addRow().addContent(counts.org().name(), counts.org().code(), row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
                for (int i = 0; i < total.length; i++) {
                    total[i] += row[i];
                }
            }
            table.addRow().addContent("Total", "", total[0], total[1], total[2], total[3], total[4], total[5], total[6]);
            table.print(System.out);
        } catch (BasedataProblem e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }
}
