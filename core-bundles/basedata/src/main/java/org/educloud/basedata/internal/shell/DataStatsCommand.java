package org.educloud.basedata.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
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

    @Option(name = "-i", aliases = "--indicators", description = "Count the monitored indicators instead (教育指标监测): "
            + "migrant and left-behind children, orphans, disabled, martyrs' or special-care children, financial aid")
    private boolean indicators;

    @Reference
    private OrgDirectory orgs;

    @Override
    public Object execute() {
        ShellCaller operator = ShellCaller.current();
        try {
            OrgPath under = code == null ? OrgPath.ROOT : orgs.findByCode(operator, code).map(Org::path)
                    .orElseThrow(() -> new BasedataProblem(BasedataProblem.Kind.NOT_FOUND, "code", "there is no org with the code " + code));
            String[] columns = indicators
                    ? new String[] {"Org", "Code", "Students", "Migrant", "Left-behind", "Orphans", "Disabled", "Special-care", "Aid"}
                    : new String[] {"Org", "Code", "Schools", "Public", "Private", "Classes", "Students", "Female", "Teachers"};
            ShellTable table = new ShellTable();
            for (String column : columns) {
                table.column(column);
            }
            long[] total = new long[columns.length - 2];
            for (OrgCounts counts : orgs.statistics(operator, under)) {
                long[] row = indicators
                        ? new long[] {counts.students(), counts.migrantChildren(), counts.leftBehindChildren(), counts.orphans(),
                            counts.disabledStudents(), counts.specialCare(), counts.financialAid()}
                        : new long[] {counts.schools(), counts.publicSchools(), counts.privateSchools(), counts.classes(),
                            counts.students(), counts.femaleStudents(), counts.teachers()};
                addRow(table, counts.org().name(), counts.org().code(), row);
                for (int i = 0; i < total.length; i++) {
                    total[i] += row[i];
                }
            }
            addRow(table, "Total", "", total);
            table.print(System.out);
        } catch (BasedataProblem e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }

    private static void addRow(ShellTable table, String name, String code, long[] values) {
        org.apache.karaf.shell.support.table.Row row = table.addRow();
        row.addContent(name, code);
        for (long value : values) {
            row.addContent(value);
        }
    }
}
