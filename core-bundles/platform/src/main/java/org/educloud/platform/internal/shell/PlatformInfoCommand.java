package org.educloud.platform.internal.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.platform.health.HealthReport;
import org.educloud.platform.internal.HealthSnapshot;
import org.educloud.platform.internal.PartHealth;
import org.educloud.platform.internal.PlatformHealth;

/** {@code platform:info}: the kernel's version, uptime, database, bundles, services and apps. */
@Command(scope = "platform", name = "info", description = "Shows the EduCloud kernel's version, uptime, database, bundles and apps")
@Service
public class PlatformInfoCommand implements Action {

    @Reference
    private PlatformHealth health;

    @Override
    public Object execute() {
        HealthSnapshot snapshot = health.snapshot();
        PrintStream out = System.out;
        out.println("EduCloud");
        row(out, "Version", snapshot.version());
        row(out, "Uptime", uptime(snapshot.uptimeSeconds()));
        row(out, "Status", snapshot.status().toString());
        out.println("Checks");
        for (Map.Entry<String, HealthReport> check : snapshot.checks().entrySet()) {
            HealthReport report = check.getValue();
            row(out, check.getKey(), report.status() + (report.detail().isEmpty() ? "" : "  " + report.detail()));
            report.facts().forEach((name, value) -> row(out, "  " + name, String.valueOf(value)));
        }
        out.println("Bundles");
        health.bundleStates().forEach((state, count) -> row(out, state, String.valueOf(count)));
        out.println();
        out.println("Kernel services");
        table(snapshot.services()).print(out);
        out.println();
        out.println("Apps");
        if (snapshot.apps().isEmpty()) {
            out.println("  no app installed");
        } else {
            table(snapshot.apps()).print(out);
        }
        return null;
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("  %-24s%s%n", name, value);
    }

    private static ShellTable table(List<PartHealth> parts) {
        ShellTable table = new ShellTable();
        table.column("Bundle");
        table.column("Version");
        table.column("State");
        table.column("Health");
        table.column("Detail");
        for (PartHealth part : parts) {
            table.addRow().addContent(part.name(), part.version(), part.state(), part.status(), part.detail());
        }
        return table;
    }

    static String uptime(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return String.format("%d days %d hours", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return String.format("%d hours %d minutes", d.toHours(), d.toMinutesPart());
        }
        return String.format("%d minutes %d seconds", d.toMinutes(), d.toSecondsPart());
    }
}
