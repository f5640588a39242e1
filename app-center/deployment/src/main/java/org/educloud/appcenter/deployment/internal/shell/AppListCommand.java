package org.educloud.appcenter.deployment.internal.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;

/** {@code app:list}: every stored or installed app with its versions, orgs and what this node runs. */
@Command(scope = "app", name = "list", description = "Lists the apps: stored versions, installations and what this kernel runs")
@Service
public class AppListCommand extends AppCommand {

    @Override
    protected void apply() {
        Map<String, List<StoredPackage>> stored = apps.packages().stream()
                .collect(Collectors.groupingBy(StoredPackage::appId, TreeMap::new, Collectors.toList()));
        Map<String, List<Installation>> installed = apps.installations().stream()
                .collect(Collectors.groupingBy(Installation::appId, TreeMap::new, Collectors.toList()));
        Map<String, Deployment> deployed = apps.deployments().stream().collect(Collectors.toMap(Deployment::appId, d -> d));
        TreeMap<String, String> names = new TreeMap<>();
        stored.forEach((id, versions) -> names.put(id, versions.get(versions.size() - 1).descriptor().nameZh() + " / "
                + versions.get(versions.size() - 1).descriptor().nameEn()));
        installed.keySet().forEach(id -> names.putIfAbsent(id, ""));
        ShellTable table = new ShellTable();
        table.column("App");
        table.column("Name");
        table.column("Stored");
        table.column("Orgs");
        table.column("Running");
        table.column("State");
        for (Map.Entry<String, String> app : names.entrySet()) {
            String id = app.getKey();
            Deployment deployment = deployed.get(id);
            table.addRow().addContent(id, app.getValue(),
                    String.join(", ", stored.getOrDefault(id, List.of()).stream().map(StoredPackage::version).toList()),
                    installed.getOrDefault(id, List.of()).size(),
                    deployment == null ? "-" : deployment.runningVersion().orElse("-"),
                    deployment == null ? "-" : deployment.state() + (deployment.reason().isEmpty() ? "" : ": " + deployment.reason()));
        }
        table.print(System.out);
    }
}
