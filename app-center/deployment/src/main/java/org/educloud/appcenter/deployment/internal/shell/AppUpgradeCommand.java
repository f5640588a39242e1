package org.educloud.appcenter.deployment.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.StoredPackage;

/** {@code app:upgrade}: moves every org's installation of an app to a higher version; rolls back if it does not go live. */
@Command(scope = "app", name = "upgrade", description = "Upgrades an installed app to a higher version (from a package file or a stored package)")
@Service
public class AppUpgradeCommand extends AppCommand {

    @Option(name = "--sha256", description = "The package's published SHA-256, checked before it is stored")
    private String sha256;

    @Argument(index = 0, name = "app", description = "The app's id, or a package file (.kar) of its new version", required = true)
    @Completion(AppIdCompleter.class)
    private String target;

    @Argument(index = 1, name = "version", description = "The stored version to upgrade to (default: the highest)")
    private String version;

    @Override
    protected void apply() {
        StoredPackage stored = packageOf(target, version, sha256);
        Deployment deployment = apps.upgrade(stored.appId(), stored.version(), ShellActor.name());
        System.out.println("Upgraded " + stored.appId() + " to " + stored.version() + ": " + describe(deployment));
    }
}
