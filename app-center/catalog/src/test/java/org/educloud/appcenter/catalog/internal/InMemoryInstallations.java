package org.educloud.appcenter.catalog.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.PackageImage;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.identity.OrgPath;
import org.educloud.sdk.app.AppDescriptor;

/** The deployment side without a kernel: stores and installs in memory, as the reconciler's contract says. */
final class InMemoryInstallations implements AppInstallations {

    final List<StoredPackage> stored = new ArrayList<>();
    final List<Installation> installed = new ArrayList<>();
    AppDescriptor next;
    String nextSha;

    @Override
    public StoredPackage store(Path archive, Optional<String> expectedSha256, String actor) {
        StoredPackage kept = new StoredPackage(next, expectedSha256.orElse(nextSha), 100, actor, Instant.now());
        stored.add(kept);
        return kept;
    }

    @Override
    public List<StoredPackage> packages() {
        return List.copyOf(stored);
    }

    @Override
    public List<StoredPackage> packages(String appId) {
        return stored.stream().filter(p -> p.appId().equals(appId)).toList();
    }

    @Override
    public Optional<PackageImage> image(String appId, String version, int screenshot) {
        return Optional.empty(); // the catalog's own tests store no images
    }

    @Override
    public List<Installation> installations() {
        return List.copyOf(installed);
    }

    @Override
    public List<Installation> installationsFor(Collection<OrgPath> orgs) {
        return installations().stream().filter(i -> orgs.stream().anyMatch(org -> OrgPath.of(i.org()).covers(org))).toList();
    }

    @Override
    public List<Installation> installationsWithin(Collection<OrgPath> orgs) {
        return installations().stream().filter(i -> orgs.stream().anyMatch(org -> org.covers(OrgPath.of(i.org())))).toList();
    }

    @Override
    public List<Deployment> deployments() {
        return List.of();
    }

    @Override
    public Optional<Deployment> deployment(String appId) {
        return Optional.empty();
    }

    @Override
    public Deployment install(String appId, String version, String org, String actor) {
        installed.removeIf(i -> i.appId().equals(appId) && i.org().equals(org));
        installed.add(new Installation(appId, org, version, actor, Instant.now()));
        return live(appId, version);
    }

    @Override
    public Deployment upgrade(String appId, String version, String actor) {
        installed.replaceAll(i -> i.appId().equals(appId) ? new Installation(appId, i.org(), version, actor, Instant.now()) : i);
        return live(appId, version);
    }

    @Override
    public Deployment uninstall(String appId, String org, String actor) {
        if (!installed.removeIf(i -> i.appId().equals(appId) && i.org().equals(org))) {
            throw new AppInstallationException(appId + " is not installed for " + org);
        }
        return new Deployment("test", appId, Optional.empty(), Optional.empty(), DeploymentState.REMOVED, "", Instant.now());
    }

    @Override
    public List<Deployment> reconcile() {
        return List.of();
    }

    private static Deployment live(String appId, String version) {
        return new Deployment("test", appId, Optional.of(version), Optional.of(version), DeploymentState.LIVE, "", Instant.now());
    }
}
