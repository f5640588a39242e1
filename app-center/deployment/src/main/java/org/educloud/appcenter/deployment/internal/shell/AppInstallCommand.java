package org.educloud.appcenter.deployment.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.StoredPackage;

/** {@code app:install}: installs an app for an org, from a package file (checked and stored first) or a stored package. */
@Command(scope = "app", name = "install", description = "Installs an app for an org, from a package file or a stored package")
@Service
public class AppInstallCommand extends AppCommand {

    @Option(name = "-o", aliases = "--org", description = "The org path to install it for, e.g. /37/3701/370102/3701020001", required = true)
    private String org;

    @Option(name = "--sha256", description = "The package's published SHA-256, checked before it is stored")
    private String sha256;

    @Argument(index = 0, name = "package", description = "A package file (.kar) or the id of a stored app", required = true)
    @Completion(FileCompleter.class)
    private String target;

    @Argument(index = 1, name = "version", description = "The stored version (default: the highest)")
    private String version;

    @Override
    protected void apply() {
        StoredPackage stored = packageOf(target, version, sha256);
        Deployment deployment = apps.install(stored.appId(), stored.version(), org, ShellActor.name());
        System.out.println("Installed " + stored.appId() + " " + stored.version() + " for " + org + ": " + describe(deployment));
    }
}
