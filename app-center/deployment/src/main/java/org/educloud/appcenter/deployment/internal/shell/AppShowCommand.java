package org.educloud.appcenter.deployment.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.sdk.app.AppDescriptor;

/** {@code app:show}: one app's descriptor, stored versions, installations and state on this node. */
@Command(scope = "app", name = "show", description = "Shows an app: descriptor, stored versions, installations, state")
@Service
public class AppShowCommand extends AppCommand {

    @Argument(index = 0, name = "app", description = "The app's id", required = true)
    @Completion(AppIdCompleter.class)
    private String appId;

    @Override
    protected void apply() {
        List<StoredPackage> versions = apps.packages(appId);
        List<Installation> installations = apps.installations().stream().filter(i -> i.appId().equals(appId)).toList();
        if (versions.isEmpty() && installations.isEmpty()) {
            throw new AppInstallationException("no app " + appId + " is stored or installed (app:list shows the apps)");
        }
        if (!versions.isEmpty()) {
            AppDescriptor app = versions.get(versions.size() - 1).descriptor();
            System.out.println(app.id() + ": " + app.nameZh() + " / " + app.nameEn() + " by " + app.vendor());
            System.out.println("  SDK " + app.sdk() + ", scopes " + String.join(" ", app.scopes()) + ", bundles " + String.join(" ", app.bundles())
                    + ", API " + app.apiPath());
        }
        ShellTable stored = new ShellTable();
        stored.column("Version");
        stored.column("SHA-256");
        stored.column("Bytes");
        stored.column("Stored by");
        stored.column("At");
        versions.forEach(p -> stored.addRow().addContent(p.version(), p.sha256(), p.size(), p.storedBy(), p.storedAt()));
        stored.print(System.out);
        ShellTable orgs = new ShellTable();
        orgs.column("Org");
        orgs.column("Version");
        orgs.column("Installed by");
        orgs.column("At");
        installations.forEach(i -> orgs.addRow().addContent(i.org(), i.version(), i.installedBy(), i.installedAt()));
        orgs.print(System.out);
        apps.deployment(appId).ifPresentOrElse(d -> System.out.println("On node " + d.node() + ": " + describe(d) + " (since "
                + d.updatedAt() + ")"), () -> System.out.println("Not deployed on this node"));
    }
}
