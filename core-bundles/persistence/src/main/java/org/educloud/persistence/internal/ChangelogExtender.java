package org.educloud.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.educloud.persistence.Migration;
import org.educloud.persistence.MigrationState;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.platform.health.HealthIndicator;
import org.educloud.platform.health.HealthReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Liquibase extender. When a bundle carrying the {@value SchemaMigrations#CHANGELOG_HEADER}
 * header starts, its changelog is applied synchronously, before the bundle is ACTIVE and before
 * Declarative Services sees it. If that fails, the bundle's STARTED event is hidden from every
 * other bundle (so none of its components or commands come up) and the bundle is stopped
 * transiently: a kernel restart or bundle update tries again. A bundle stopped because the
 * database was unreachable is started again once the database answers.
 */
@Component(service = {SchemaMigrations.class, HealthIndicator.class}, immediate = true)
public class ChangelogExtender implements SchemaMigrations, HealthIndicator, SynchronousBundleListener, EventHook {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogExtender.class);
    private static final long RETRY_SECONDS = 5;

    private final BundleContext context;
    private final DataSource dataSource;
    private final MigrationLedger ledger = new MigrationLedger();
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "educloud-changelog-extender");
        t.setDaemon(true);
        return t;
    });
    private final ServiceRegistration<EventHook> hook;

    @Activate
    public ChangelogExtender(BundleContext context, @Reference(name = "dataSource", target = DATA_SOURCE_FILTER) DataSource dataSource) {
        this.context = context;
        this.dataSource = dataSource;
        this.hook = context.registerService(EventHook.class, this, null);
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && changelogOf(bundle) != null) {
                // Started before the extender (e.g. while the database pool was being set up).
                if (!migrate(bundle)) {
                    stopLater(bundle);
                }
            }
        }
        worker.scheduleWithFixedDelay(this::restartWaiting, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        hook.unregister();
        worker.shutdownNow();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTING:
                if (changelogOf(bundle) != null && !migrate(bundle)) {
                    refused.add(bundle.getBundleId());
                }
                break;
            case BundleEvent.STARTED:
                if (refused.remove(bundle.getBundleId())) {
                    stopLater(bundle);
                }
                break;
            case BundleEvent.UNINSTALLED:
                ledger.forget(bundle);
                break;
            default:
                break;
        }
    }

    /** Hides a refused bundle's STARTED event from everyone but the framework and this extender. */
    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        if (event.getType() == BundleEvent.STARTED && refused.contains(event.getBundle().getBundleId())) {
            long self = context.getBundle().getBundleId();
            contexts.removeIf(c -> c.getBundle().getBundleId() != 0 && c.getBundle().getBundleId() != self);
        }
    }

    /** Applies the bundle's changelog; true when it is in the database. */
    private boolean migrate(Bundle bundle) {
        String changelog = changelogOf(bundle);
        try {
            boolean ran = LiquibaseMigration.apply(bundle, changelog, dataSource);
            ledger.record(bundle, changelog, MigrationState.APPLIED, "");
            if (ran) {
                LOG.info("Applied changelog {} of bundle {} {}", changelog, bundle.getSymbolicName(), bundle.getVersion());
            } else {
                LOG.info("Changelog {} of bundle {} {} is applied and unchanged", changelog, bundle.getSymbolicName(), bundle.getVersion());
            }
            return true;
        } catch (MigrationFailure failure) {
            ledger.record(bundle, changelog, failure.state(), failure.getMessage());
            if (failure.state() == MigrationState.WAITING_FOR_DATABASE) {
                LOG.warn("Bundle {} is not started until the database answers: {}", bundle.getSymbolicName(), failure.getMessage());
            } else {
                LOG.error("Bundle {} {} is not started: its changelog {} failed: {}", bundle.getSymbolicName(),
                        bundle.getVersion(), changelog, failure.getMessage());
                LOG.debug("Changelog failure of {}", bundle.getSymbolicName(), failure);
            }
            return false;
        }
    }

    private void stopLater(Bundle bundle) {
        worker.execute(() -> {
            try {
                if (bundle.getState() == Bundle.ACTIVE) {
                    bundle.stop(Bundle.STOP_TRANSIENT);
                }
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not stop bundle {} after its changelog failed: {}", bundle.getSymbolicName(), e.getMessage());
            }
        });
    }

    /** Starts again the bundles that were stopped only because the database was unreachable. */
    private void restartWaiting() {
        List<Bundle> waiting = new java.util.ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            Migration migration = ledger.of(bundle);
            if (migration != null && migration.state() == MigrationState.WAITING_FOR_DATABASE
                    && bundle.getState() == Bundle.RESOLVED) {
                waiting.add(bundle);
            }
        }
        if (waiting.isEmpty() || !databaseAnswers()) {
            return;
        }
        for (Bundle bundle : waiting) {
            try {
                LOG.info("The database answers again: starting bundle {}", bundle.getSymbolicName());
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not start bundle {} again: {}", bundle.getSymbolicName(), e.getMessage());
            }
        }
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static String changelogOf(Bundle bundle) {
        String header = bundle.getHeaders("").get(CHANGELOG_HEADER);
        return header == null || header.isBlank() ? null : header.trim();
    }

    @Override
    public List<Migration> migrations() {
        return ledger.all();
    }

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public HealthReport check() {
        return ledger.report();
    }
}
