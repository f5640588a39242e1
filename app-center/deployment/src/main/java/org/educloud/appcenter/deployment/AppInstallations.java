package org.educloud.appcenter.deployment;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.identity.OrgPath;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The app center's installations: stored packages, which app version each org has installed (the
 * desired state, in the database), and what this kernel node runs of it. Each change is written
 * to the desired state first and then applied to the running kernel before the method returns:
 * the app's Karaf feature is installed, upgraded or removed without refreshing any other bundle,
 * an upgrade keeps the old version serving until the new one is live and rolls back if it is not,
 * and an app that cannot be made live is marked {@link DeploymentState#FAILED} with the reason.
 * Available as an OSGi service.
 */
@ProviderType
public interface AppInstallations {

    /**
     * Checks an app package and keeps it.
     *
     * @throws PackageRefusedException with every problem when a check fails; nothing is kept then
     */
    StoredPackage store(Path archive, Optional<String> expectedSha256, String actor);

    /** The stored packages, by app id and then version. */
    List<StoredPackage> packages();

    /** The stored versions of one app, lowest first. */
    List<StoredPackage> packages(String appId);

    /**
     * The image the descriptor of a stored version names as its icon ({@code screenshot} -1) or as
     * its screenshot number {@code screenshot} (from 0); empty when there is none.
     */
    Optional<PackageImage> image(String appId, String version, int screenshot);

    /** Every installation, by app id and then org. */
    List<Installation> installations();

    /**
     * The installations for one of {@code orgs} or for an org above one of them (a district that
     * installs an app for its schools), by app id and then org: what a user holding roles at those
     * orgs is offered. Found by org, without reading every installation of the region.
     */
    List<Installation> installationsFor(Collection<OrgPath> orgs);

    /** The installations for one of {@code orgs} or for an org inside one of them, by app id and then org. */
    List<Installation> installationsWithin(Collection<OrgPath> orgs);

    /** What this node runs of each app that is or was installed. */
    List<Deployment> deployments();

    /** What this node runs of one app. */
    Optional<Deployment> deployment(String appId);

    /**
     * Installs a stored app version for an org and makes it live on this node. An app runs at one
     * version on a kernel: installing it for another org at a version other than the one installed
     * is refused; use {@link #upgrade}.
     *
     * @throws AppInstallationException when it is refused or does not go live (the reason says which)
     */
    Deployment install(String appId, String version, String org, String actor);

    /**
     * Moves every org's installation of an app to a higher stored version; the old version serves
     * until the new one is live, and keeps serving (and stays installed) if it does not go live.
     *
     * @throws AppInstallationException when it is refused or rolled back
     */
    Deployment upgrade(String appId, String version, String actor);

    /**
     * Uninstalls an app for an org; when no org has it any more, it stops and is removed from this node.
     *
     * @throws AppInstallationException when the org does not have it
     */
    Deployment uninstall(String appId, String org, String actor);

    /** Applies the whole desired state to this node again (as after a restart); returns what each app came to. */
    List<Deployment> reconcile();
}
