package org.educloud.basedata.internal.shell;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Curriculum;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.internal.BulkLoads;
import org.educloud.basedata.internal.generate.SyntheticProvince;

/** {@code data:generate}: builds a synthetic province from the seed's figures. */
@Command(scope = "data", name = "generate", description = "Builds a realistic synthetic province (Shandong's figures) into an empty database")
@Service
public class DataGenerateCommand implements Action {

    @Option(name = "-s", aliases = "--scale", description = "Share of the real province: 1 = 33,000 schools and 16 million students; "
            + "default 0.001 (about 33 schools, 16,000 students)")
    private double scale = 0.001;

    @Option(name = "--seed", description = "Random seed; the same seed and scale give the same province (default 37)")
    private long seed = 37;

    @Option(name = "--max-students-per-school", description = "Caps each school's students, for a quick sample (0 = no cap)")
    private int studentCap;

    @Reference
    private OrgDirectory orgs;

    @Reference
    private BulkLoads bulk;

    @Reference
    private ClassRoster roster;

    @Reference
    private Curriculum curriculum;

    @Override
    public Object execute() {
        Instant start = Instant.now();
        SyntheticProvince province = new SyntheticProvince(orgs, roster, curriculum, bulk, ShellCaller.current(), seed);
        try {
            SyntheticProvince.Counts made = province.generate(scale, studentCap, DataGenerateCommand::bar);
            System.out.println();
            System.out.printf("Generated %d cities, %d districts, %d schools, %d classes, %d students, %d guardians, %d teachers, "
                    + "%d staff, %d enrollments in %d s.%n", made.cities(), made.districts(), made.schools(), made.classes(),
                    made.students(), made.guardians(), made.teachers(), made.staff(), made.enrollments(),
                    Duration.between(start, Instant.now()).toSeconds());
        } catch (BasedataProblem e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }

    /** A progress bar on one line, redrawn in place. */
    private static void bar(String phase, long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        System.out.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " " + phase);
        System.out.flush();
    }
}
