package org.educloud.appcenter.deployment.internal.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.appcenter.packages.PackageRefusedException;

/** An app:* command: prints what it did, or what is wrong and how to fix it. */
public abstract class AppCommand implements Action {

    @Reference
    protected AppInstallations apps;

    @Override
    public Object execute() throws Exception {
        try {
            apply();
        } catch (AppInstallationException | PackageRefusedException e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }

    /** Does the work and prints the outcome. */
    protected abstract void apply() throws Exception;

    /**
     * The stored package {@code target} names: a .kar file to check and store first, or an app id
     * and version (the highest stored when {@code version} is null).
     */
    protected StoredPackage packageOf(String target, String version, String sha256) {
        Path file = Paths.get(target);
        if (target.endsWith(".kar") || Files.isRegularFile(file)) {
            if (!Files.isRegularFile(file)) {
                throw new AppInstallationException("there is no file " + file.toAbsolutePath() + "; give the path of an app package (.kar)");
            }
            StoredPackage stored = apps.store(file, Optional.ofNullable(sha256), ShellActor.name());
            System.out.println("Stored " + stored.appId() + " " + stored.version() + " (SHA-256 " + stored.sha256() + ")");
            return stored;
        }
        List<StoredPackage> versions = apps.packages(target);
        if (versions.isEmpty()) {
            throw new AppInstallationException("no app " + target + " is stored; give the path of its package (.kar) instead");
        }
        if (version == null) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(p -> p.version().equals(version)).findFirst().orElseThrow(() -> new AppInstallationException(
                target + " " + version + " is not stored (stored: " + String.join(", ", versions.stream().map(StoredPackage::version).toList())
                + ")"));
    }

    protected static String describe(Deployment deployment) {
        return deployment.appId() + " " + deployment.runningVersion().orElse("-") + " " + deployment.state()
                + (deployment.reason().isEmpty() ? "" : ": " + deployment.reason());
    }
}
