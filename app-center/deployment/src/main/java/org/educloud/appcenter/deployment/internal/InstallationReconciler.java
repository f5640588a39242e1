package org.educloud.appcenter.deployment.internal;

import java.io.InputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.PackageImage;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.appcenter.packages.AppPackageValidator;
import org.educloud.appcenter.packages.PackageReport;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.sdk.app.AppDescriptor;
import org.educloud.sdk.event.AppTopics;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this kernel node run what the desired state asks for. For each app, the version to run
 * is the highest installed for any org; the reconciler registers that version's Karaf feature
 * repository, installs and starts the feature's bundles ({@link AppBundles}: not through Karaf's
 * feature resolver, which re-resolves the whole region), waits until they are live, and only then
 * removes any other version, so an upgrade keeps the old version serving until the new one is live.
 * If the new version does not become live in time (or fails outright: a changelog that does not
 * apply, a component that throws), its bundles are removed again, the old version (if any) keeps
 * serving, and the app is recorded as {@link DeploymentState#FAILED} or
 * {@link DeploymentState#ROLLED_BACK} with the reason. Nothing is ever refreshed: a refresh would
 * restart bundles wired to whatever changed, the classic OSGi outage of unrelated services. A failed version is not
 * tried again on its own (that would loop); installing or upgrading it explicitly does.
 *
 * <p>All changes run one at a time on one thread; the public methods wait for theirs. The whole
 * desired state is applied once Karaf has finished its boot features, so after a restart every
 * installed app comes back, and again every {@code reconcileIntervalSeconds}, so changes made
 * through another node sharing the database reach this one.
 */
@Component(service = AppInstallations.class, immediate = true, configurationPid = "org.educloud.appcenter.deployment")
@Designate(ocd = DeploymentConfig.class)
public class InstallationReconciler implements AppInstallations {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationReconciler.class);
    private static final String SDK_BUNDLE = "org.educloud.sdk";

    private final BundleContext context;
    private final FeaturesService features;
    private final EventAdmin events;
    private final AppPackageValidator validator;
    private final DesiredState state;
    private final InstallationsByOrg byOrg;
    private final AppLiveness liveness;
    private final KarRepository repository;
    private final AppBundles bundles;
    private final Path packageFolder;
    private final String node;
    private final Duration liveTimeout;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "educloud-app-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public InstallationReconciler(BundleContext context, DeploymentConfig config,
            @Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "features") FeaturesService features,
            @Reference(name = "scr") ServiceComponentRuntime scr,
            @Reference(name = "migrations") SchemaMigrations migrations,
            @Reference(name = "events") EventAdmin events,
            @Reference(name = "validator") AppPackageValidator validator,
            // Boot features first: provisioning apps while Karaf provisions its own would race it.
            @Reference(name = "bootFinished") BootFinished bootFinished) {
        this.context = context;
        this.features = features;
        this.events = events;
        this.validator = validator;
        this.state = new DesiredState(dataSource, Clock.systemUTC());
        this.byOrg = new InstallationsByOrg(dataSource);
        this.liveness = new AppLiveness(scr, migrations);
        String data = System.getProperty("karaf.data", "data");
        this.repository = new KarRepository(Paths.get(data, "kar"));
        this.bundles = new AppBundles(context, features);
        this.packageFolder = config.packageFolder().isBlank() ? Paths.get(data, "appcenter", "packages") : Paths.get(config.packageFolder());
        this.node = config.node().isBlank() ? System.getProperty("karaf.name", "root") : config.node();
        this.liveTimeout = Duration.ofSeconds(Math.max(1, config.liveTimeoutSeconds()));
        worker.execute(() -> {
            try {
                List<Deployment> all = reconcileAll();
                LOG.info("Applied the app center's desired state: {} app(s) on node {}", all.size(), node);
            } catch (RuntimeException e) {
                LOG.error("Could not apply the app center's desired state at start: {}", e.getMessage(), e);
            }
        });
        if (config.reconcileIntervalSeconds() > 0) {
            // Changes made through another node reach this one here (the database is shared, the calls are not).
            worker.scheduleWithFixedDelay(() -> {
                try {
                    reconcileAll();
                } catch (RuntimeException e) {
                    LOG.warn("Could not apply the app center's desired state: {}", e.getMessage());
                }
            }, config.reconcileIntervalSeconds(), config.reconcileIntervalSeconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    // ---- the service ------------------------------------------------------------------------------------------

    @Override
    public StoredPackage store(Path archive, Optional<String> expectedSha256, String actor) {
        return onWorker(() -> {
            PackageReport report = validator.validate(archive, expectedSha256, appId -> versionsOf(appId));
            AppDescriptor app = report.acceptedDescriptor();
            Path target = packageFolder.resolve(app.id()).resolve(app.id() + "-" + app.version() + ".kar");
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(archive, partial, StandardCopyOption.REPLACE_EXISTING);
            // What was checked is what is kept: the copy must have the checked file's checksum.
            validator.validate(partial, Optional.of(report.sha256()), appId -> List.of()).acceptedDescriptor();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            StoredPackage stored = new StoredPackage(app, report.sha256(), report.size(), actor, Instant.now());
            state.addPackage(stored, target.toAbsolutePath().toString());
            LOG.info("Stored app package {} {} (SHA-256 {}) for {}", app.id(), app.version(), report.sha256(), actor);
            return stored;
        });
    }

    @Override
    public List<StoredPackage> packages() {
        return query(() -> state.packages(null).stream().map(DesiredState.PackageRow::stored).toList());
    }

    @Override
    public List<StoredPackage> packages(String appId) {
        return query(() -> state.packages(appId).stream().map(DesiredState.PackageRow::stored).toList());
    }

    @Override
    public Optional<PackageImage> image(String appId, String version, int screenshot) {
        return query(() -> {
            for (DesiredState.PackageRow row : state.packages(appId)) {
                if (!row.stored().version().equals(version)) {
                    continue;
                }
                AppDescriptor app = row.stored().descriptor();
                String name = screenshot < 0 ? app.icon() : screenshot < app.screenshots().size() ? app.screenshots().get(screenshot) : null;
                if (name == null) {
                    return Optional.<PackageImage>empty();
                }
                try (ZipFile zip = new ZipFile(row.file())) {
                    ZipEntry entry = zip.getEntry(name);
                    if (entry == null) {
                        return Optional.<PackageImage>empty();
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        return Optional.of(new PackageImage(name, in.readAllBytes()));
                    }
                }
            }
            return Optional.<PackageImage>empty();
        });
    }

    @Override
    public List<Installation> installations() {
        return query(() -> state.installations(null));
    }

    @Override
    public List<Installation> installationsFor(Collection<OrgPath> orgs) {
        return query(() -> byOrg.atOrAbove(orgs));
    }

    @Override
    public List<Installation> installationsWithin(Collection<OrgPath> orgs) {
        return query(() -> byOrg.within(orgs));
    }

    @Override
    public List<Deployment> deployments() {
        return query(() -> state.deployments(node, null));
    }

    @Override
    public Optional<Deployment> deployment(String appId) {
        return query(() -> state.deployments(node, appId).stream().findFirst());
    }

    @Override
    public Deployment install(String appId, String version, String org, String actor) {
        String orgPath = orgPath(org);
        return onWorker(() -> {
            StoredPackage stored = storedOrRefuse(appId, version);
            Optional<String> wanted = state.wantedVersion(appId);
            if (wanted.isPresent() && !wanted.get().equals(version)) {
                throw new AppInstallationException(appId + " is installed at " + wanted.get() + " on this kernel, and an app runs at one "
                        + "version: install " + appId + " " + wanted.get() + " for " + orgPath + ", or move every org to " + version
                        + " with app:upgrade " + appId + " " + version);
            }
            refuseIfSdkDoesNotFit(stored.descriptor());
            if (!state.install(appId, version, orgPath, actor)) {
                LOG.info("{} {} was already installed for {}; applying it again", appId, version, orgPath);
            }
            Deployment result = reconcileApp(appId, true);
            if (result.state() == DeploymentState.LIVE) {
                post(AppTopics.INSTALLED, appId, version, orgPath, null);
                return result;
            }
            throw new AppInstallationException(appId + " " + version + " is installed for " + orgPath + " but marked " + result.state()
                    + ": " + result.reason());
        });
    }

    @Override
    public Deployment upgrade(String appId, String version, String actor) {
        return onWorker(() -> {
            StoredPackage stored = storedOrRefuse(appId, version);
            String old = state.wantedVersion(appId).orElseThrow(() -> new AppInstallationException(appId
                    + " is not installed for any org, so there is nothing to upgrade: install it with app:install --org <org-path> "
                    + appId + " " + version));
            if (Version.parseVersion(version).compareTo(Version.parseVersion(old)) <= 0) {
                throw new AppInstallationException(appId + " is installed at " + old + "; " + version
                        + " is not higher. Upgrade to a higher stored version (app:show " + appId + " lists them)");
            }
            refuseIfSdkDoesNotFit(stored.descriptor());
            state.moveTo(appId, version, actor);
            Deployment result = reconcileApp(appId, true);
            if (result.state() == DeploymentState.LIVE) {
                post(AppTopics.UPGRADED, appId, version, null, null);
                return result;
            }
            // The new version is gone again; the desired state goes back to what serves.
            state.moveTo(appId, old, actor);
            throw new AppInstallationException("the upgrade of " + appId + " to " + version + " was rolled back; " + old
                    + " keeps serving. Reason: " + result.reason());
        });
    }

    @Override
    public Deployment uninstall(String appId, String org, String actor) {
        String orgPath = orgPath(org);
        return onWorker(() -> {
            Optional<String> version = state.installations(appId).stream().filter(i -> i.org().equals(orgPath))
                    .map(Installation::version).findFirst();
            if (version.isEmpty() || !state.uninstall(appId, orgPath)) {
                throw new AppInstallationException(appId + " is not installed for " + orgPath + " (app:list shows the installations)");
            }
            Deployment result = reconcileApp(appId, false);
            post(AppTopics.UNINSTALLED, appId, version.get(), orgPath, null);
            LOG.info("{} uninstalled {} for {}", actor, appId, orgPath);
            return result;
        });
    }

    @Override
    public List<Deployment> reconcile() {
        return onWorker(this::reconcileAll);
    }

    // ---- reconciling --------------------------------------------------------------------------------------------

    private List<Deployment> reconcileAll() {
        List<Deployment> results = new ArrayList<>();
        List<String> appIds;
        try {
            appIds = state.appIds(node);
        } catch (SQLException e) {
            throw new IllegalStateException("the app center's tables cannot be read: " + e.getMessage(), e);
        }
        for (String appId : appIds) {
            try {
                results.add(reconcileApp(appId, false));
            } catch (Exception e) {
                // One app's trouble never stops the others.
                LOG.error("Could not reconcile app {}: {}", appId, e.getMessage(), e);
            }
        }
        return results;
    }

    /**
     * Brings one app to its desired version on this node.
     *
     * @param retry try a version again that failed before (an operator asked for it)
     */
    private Deployment reconcileApp(String appId, boolean retry) throws Exception {
        Optional<String> wanted = state.wantedVersion(appId);
        List<String> running = runningVersions(appId);
        Optional<Deployment> last = state.deployments(node, appId).stream().findFirst();
        if (wanted.isEmpty()) {
            for (String version : running) {
                remove(appId, version);
            }
            return state.record(node, appId, Optional.empty(), Optional.empty(), DeploymentState.REMOVED, "");
        }
        String version = wanted.get();
        if (running.contains(version)) {
            AppLiveness.Verdict verdict = waitUntilLive(appId, version);
            if (verdict.live()) {
                for (String other : running) {
                    if (!other.equals(version)) {
                        remove(appId, other);
                    }
                }
                return state.record(node, appId, Optional.of(version), wanted, DeploymentState.LIVE, "");
            }
            return failed(appId, version, List.of(), verdict.reason());
        }
        if (!retry && last.isPresent() && last.get().wantedVersion().equals(wanted)
                && (last.get().state() == DeploymentState.FAILED || last.get().state() == DeploymentState.ROLLED_BACK)) {
            return last.get(); // failed before: not again until someone asks
        }
        Optional<DesiredState.PackageRow> row = state.storedPackage(appId, version);
        if (row.isEmpty()) {
            return failed(appId, version, running, "no stored package of " + appId + " " + version + "; store it (app:install <file>)");
        }
        Optional<String> sdkProblem = sdkProblem(row.get().stored().descriptor());
        if (sdkProblem.isPresent()) {
            return failed(appId, version, running, sdkProblem.get());
        }
        Path file = Paths.get(row.get().file());
        if (!Files.isRegularFile(file)) {
            return failed(appId, version, running, "the stored package file " + file + " is missing on node " + node
                    + "; store the package again with app:install <file>");
        }
        PackageReport report = validator.validate(file, Optional.of(row.get().stored().sha256()), id -> List.of());
        if (!report.accepted()) {
            return failed(appId, version, running, "the stored package file " + file + " no longer passes its checks: "
                    + report.problems().get(0) + "; store the package again");
        }
        URI featuresUri = repository.unpack(file, appId, version, report.featuresPath());
        try {
            features.addRepository(featuresUri, false);
            LOG.info("Installing app {} {} (the bundles of feature {}/{}, no refresh of other bundles)", appId, version, appId, version);
            bundles.install(appId, version);
        } catch (Exception e) {
            removeQuietly(appId, version);
            return failed(appId, version, running, "its feature could not be installed: " + e.getMessage());
        }
        AppLiveness.Verdict verdict = waitUntilLive(appId, version);
        if (!verdict.live()) {
            removeQuietly(appId, version);
            return failed(appId, version, running, verdict.reason());
        }
        for (String other : running) {
            remove(appId, other); // only now: the old version served until the new one was live
        }
        LOG.info("App {} {} is live on node {}", appId, version, node);
        return state.record(node, appId, Optional.of(version), wanted, DeploymentState.LIVE, "");
    }

    private Deployment failed(String appId, String version, List<String> stillRunning, String reason) throws SQLException {
        Optional<String> serving = stillRunning.stream().filter(v -> !v.equals(version)).max(DesiredState.BY_VERSION);
        DeploymentState outcome = serving.isPresent() ? DeploymentState.ROLLED_BACK : DeploymentState.FAILED;
        LOG.error("App {} {} is {} on node {}: {}", appId, version, outcome, node, reason);
        post(AppTopics.FAILED, appId, version, null, reason);
        return state.record(node, appId, serving, Optional.of(version), outcome, reason);
    }

    /** Waits until the app version is live, failed beyond hope, or out of time. */
    private AppLiveness.Verdict waitUntilLive(String appId, String version) throws InterruptedException {
        Instant end = Instant.now().plus(liveTimeout);
        AppLiveness.Verdict verdict = liveness.check(bundlesOf(appId, version));
        while (true) {
            if (verdict.hopeless()) {
                return verdict;
            }
            if (verdict.live()) {
                // Once more a moment later: a delayed component fails only when first used, just after it seemed fine.
                Thread.sleep(500);
                AppLiveness.Verdict again = liveness.check(bundlesOf(appId, version));
                if (again.live() || again.hopeless()) {
                    return again;
                }
                verdict = again;
            }
            if (Instant.now().isAfter(end)) {
                return new AppLiveness.Verdict(false, true, "not live within " + liveTimeout.toSeconds() + " s: " + verdict.reason());
            }
            Thread.sleep(200);
            verdict = liveness.check(bundlesOf(appId, version));
        }
    }

    private List<Bundle> bundlesOf(String appId, String version) {
        try {
            return bundles.of(appId, version);
        } catch (Exception e) {
            LOG.warn("Could not list the bundles of {} {}: {}", appId, version, e.getMessage());
            return List.of();
        }
    }

    private List<String> runningVersions(String appId) throws Exception {
        return bundles.runningVersions(appId);
    }

    private void remove(String appId, String version) throws Exception {
        LOG.info("Removing app {} {} (no refresh of other bundles)", appId, version);
        bundles.uninstall(appId, version);
        removeRepositoryOf(appId, version);
        repository.remove(appId, version);
    }

    /** Takes back a version that did not go live; whatever of it is left must not linger. */
    private void removeQuietly(String appId, String version) {
        try {
            bundles.uninstall(appId, version);
        } catch (Exception e) {
            LOG.error("Could not uninstall the bundles of {} {} after it failed: {}", appId, version, e.getMessage());
        }
        try {
            removeRepositoryOf(appId, version);
            repository.remove(appId, version);
        } catch (Exception e) {
            LOG.warn("Could not remove the repository of {} {}: {}", appId, version, e.getMessage());
        }
    }

    private void removeRepositoryOf(String appId, String version) throws Exception {
        for (Repository known : features.listRepositories()) {
            for (Feature feature : known.getFeatures()) {
                if (feature.getName().equals(appId) && feature.getVersion().equals(version)) {
                    features.removeRepository(known.getURI(), false);
                    return;
                }
            }
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private void refuseIfSdkDoesNotFit(AppDescriptor app) {
        sdkProblem(app).ifPresent(problem -> {
            throw new AppInstallationException(problem);
        });
    }

    /** Why the app's SDK range does not fit the SDK this kernel runs, or empty when it fits. */
    private Optional<String> sdkProblem(AppDescriptor app) {
        Version sdk = null;
        for (Bundle bundle : context.getBundles()) {
            if (SDK_BUNDLE.equals(bundle.getSymbolicName()) && (sdk == null || bundle.getVersion().compareTo(sdk) > 0)) {
                sdk = bundle.getVersion();
            }
        }
        if (sdk == null) {
            return Optional.of("this kernel runs no SDK (bundle " + SDK_BUNDLE + "); install the feature educloud-sdk");
        }
        VersionRange range = new VersionRange(app.sdk());
        if (!range.includes(sdk)) {
            Version running = new Version(sdk.getMajor(), sdk.getMinor(), sdk.getMicro());
            return Optional.of(app.id() + " " + app.version() + " needs the SDK " + app.sdk() + " but this kernel runs SDK " + running
                    + "; ask the vendor for a version built for SDK " + running.getMajor() + "." + running.getMinor()
                    + ", or run a kernel whose SDK is in " + app.sdk());
        }
        return Optional.empty();
    }

    private StoredPackage storedOrRefuse(String appId, String version) throws SQLException {
        return state.storedPackage(appId, version).map(DesiredState.PackageRow::stored).orElseThrow(() ->
                new AppInstallationException("there is no stored package of " + appId + " " + version + ": store it first with "
                        + "app:install --org <org-path> <path-to-.kar>" + (versionsOf(appId).isEmpty() ? ""
                        : " (stored versions: " + String.join(", ", versionsOf(appId)) + ")")));
    }

    private List<String> versionsOf(String appId) {
        try {
            return state.packages(appId).stream().map(r -> r.stored().version()).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("the app center's tables cannot be read: " + e.getMessage(), e);
        }
    }

    private static String orgPath(String org) {
        try {
            return OrgPath.of(org).value();
        } catch (IllegalArgumentException e) {
            throw new AppInstallationException(e.getMessage());
        }
    }

    private void post(String topic, String appId, String version, String org, String reason) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(AppTopics.APP_ID, appId);
        properties.put(AppTopics.VERSION, version);
        if (org != null) {
            properties.put(AppTopics.ORG, org);
        }
        if (reason != null) {
            properties.put(AppTopics.REASON, reason);
        }
        events.postEvent(new Event(topic, properties));
    }

    // ---- threading --------------------------------------------------------------------------------------------

    /** Runs a change on the reconciler's thread and waits for it; exceptions keep their meaning. */
    private <T> T onWorker(Callable<T> change) {
        Future<T> result = worker.submit(change);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppInstallationException("interrupted while waiting for the app center");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof SQLException) {
                throw new AppInstallationException("the app center's database did not answer: " + cause.getMessage()
                        + "; check platform health and try again");
            }
            if (cause instanceof IOException) {
                throw new AppInstallationException("a package file could not be read or written: " + cause.getMessage());
            }
            throw new AppInstallationException(String.valueOf(cause.getMessage()));
        }
    }

    private <T> T query(Callable<T> read) {
        try {
            return read.call();
        } catch (SQLException e) {
            throw new AppInstallationException("the app center's database did not answer: " + e.getMessage()
                    + "; check platform health and try again");
        } catch (Exception e) {
            throw new AppInstallationException(String.valueOf(e.getMessage()));
        }
    }
}
