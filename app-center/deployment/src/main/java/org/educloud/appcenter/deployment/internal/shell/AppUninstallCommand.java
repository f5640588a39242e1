package org.educloud.appcenter.deployment.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.educloud.appcenter.deployment.Deployment;

/** {@code app:uninstall}: uninstalls an app for an org; it stops when no org has it any more. */
@Command(scope = "app", name = "uninstall", description = "Uninstalls an app for an org")
@Service
public class AppUninstallCommand extends AppCommand {

    @Option(name = "-o", aliases = "--org", description = "The org path to uninstall it for", required = true)
    private String org;

    @Argument(index = 0, name = "app", description = "The app's id", required = true)
    @Completion(AppIdCompleter.class)
    private String appId;

    @Override
    protected void apply() {
        Deployment deployment = apps.uninstall(appId, org, ShellActor.name());
        System.out.println("Uninstalled " + appId + " for " + org + ": " + describe(deployment));
    }
}
