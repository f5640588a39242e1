package org.educloud.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the kernel's JAX-RS applications back until the kernel's bundles have started, then opens
 * them all at once: when the framework has reached its beginning start level (a restart starts the
 * installed bundles that way) and Karaf has installed its boot features (which, at the first start,
 * is what installs and starts them; at a restart Karaf reports boot finished at once), and the
 * kernel's DataSource has arrived (the components waiting for it register most of the resources). The whiteboard deploys an application only when a service matching its
 * {@code application.ready.service.filter} ({@value #READY_FILTER}, set in
 * {@code etc/org.apache.aries.jax.rs.whiteboard.default.cfg}) is registered.
 *
 * <p>Why: Aries rebuilds an application's whole CXF server for every resource or extension that
 * arrives, and answers 404 for all of its endpoints while it does. Without the gate, the kernel's
 * own ~60 resources arriving one by one at boot meant ~60 rebuilds on the start-level thread (seconds
 * of a 2-core machine's boot), and requests during them failing. With it, the default application is
 * built once, with everything the boot features registered.
 *
 * <p>If Karaf's boot does not finish within {@link #LATEST} (a boot feature that failed to install),
 * the gate opens anyway: the health endpoint must be able to say what is wrong. When the framework
 * stops, the gate closes first, for the same reason in reverse.
 */
@Component(immediate = true)
public final class RestGate {

    /** The service property that opens the gate. */
    static final String READY_PROPERTY = "educloud.rest.ready";
    static final String READY_FILTER = "(" + READY_PROPERTY + "=true)";
    static final Duration LATEST = Duration.ofSeconds(60);
    static final Duration DATABASE_WAIT = Duration.ofSeconds(15);
    static final Duration SETTLE = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(RestGate.class);

    private final BundleContext context;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "educloud-rest-gate");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceRegistration<RestGate> open;
    private boolean closed;

    // The framework's event says when a start-level change is complete; Karaf launches at level 1 and
    // raises it once it holds its lock, so only a change that covers every bundle marked to start counts.
    private final FrameworkListener startLevels = this::frameworkEvent;
    private volatile boolean raised;
    // The framework stopping: close REST first, so the whiteboard drops each application once rather
    // than rebuilding it for every resource that leaves as the bundles stop one by one.
    private final SynchronousBundleListener shutdown = event -> {
        if (event.getBundle().getBundleId() == Constants.SYSTEM_BUNDLE_ID && event.getType() == BundleEvent.STOPPING) {
            close();
        }
    };
    // Each bundle that starts may be the last one waited for: boot finishing or the start level being
    // reached may come before the bundles of the boot features (or a test's probe) have all started.
    private final BundleListener started = event -> {
        if (event.getType() == BundleEvent.STARTED && !raised) {
            openWhenStarted();
        }
    };
    private volatile boolean bootFinished;
    private volatile boolean databaseReady;
    private final Instant activated = Instant.now();

    @Activate
    public RestGate(BundleContext context) {
        this.context = context;
        context.addFrameworkListener(startLevels);
        context.addBundleListener(shutdown);
        context.addBundleListener(started);
        timer.schedule(() -> open("the kernel's bundles did not all start within " + LATEST.toSeconds() + " s (not started: "
                + String.join(", ", notStarted(context)) + "; see the errors above; karaf@root> feature:list -i, bundle:list): opening REST anyway"),
                LATEST.toSeconds(), TimeUnit.SECONDS);
        openWhenStarted();
    }

    @Reference(name = "bootFinished", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "noBootFinished")
    void bootFinished(BootFinished finished) {
        bootFinished = true;
        openWhenStarted();
    }

    private void frameworkEvent(FrameworkEvent event) {
        if ((event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED)
                && atFinalStartLevel(context)) {
            raised = true;
            openWhenStarted();
        }
    }

    @Reference(name = "database", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "noDatabase", target = "(dataSourceName=educloud)")
    void database(DataSource database) {
        databaseReady = true;
        openWhenStarted();
    }

    void noDatabase(DataSource database) {
        // Health says the database is down; REST stays open so that it can.
    }

    /**
     * Opens once the bundles have started and the kernel's DataSource is there (most resources are
     * components that need it), a moment later: the components it satisfies register their resources
     * as it arrives. Without a database within {@link #DATABASE_WAIT}, REST opens anyway, so that health
     * can say the database is down.
     */
    private void openWhenStarted() {
        if (!bootFinished || !(raised || everyAutostartBundleStarted(context))) {
            return;
        }
        Duration waited = Duration.between(activated, Instant.now());
        if (databaseReady || waited.compareTo(DATABASE_WAIT) >= 0) {
            schedule(() -> open(null), SETTLE);
        } else {
            schedule(this::openWhenStarted, DATABASE_WAIT.minus(waited));
        }
    }

    private synchronized void schedule(Runnable task, Duration delay) {
        if (!closed && open == null) {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * True when every bundle meant to run has started (none marked to start is still installed or
     * resolved) and the framework is at a start level that covers them all: the platform was
     * (re)started after boot. During boot, the bundles of higher levels are not started yet.
     */
    static boolean everyAutostartBundleStarted(BundleContext context) {
        return notStarted(context).isEmpty() && atFinalStartLevel(context);
    }

    /** The symbolic names of the bundles marked to start that are still installed or resolved. */
    static List<String> notStarted(BundleContext context) {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel start = bundle.adapt(BundleStartLevel.class);
            if (start != null && start.isPersistentlyStarted() && (bundle.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }

    /**
     * True when the framework's start level covers every bundle marked to start. (Not the beginning
     * start level property: Karaf launches at level 1 and raises it once it holds its lock.)
     */
    static boolean atFinalStartLevel(BundleContext context) {
        int level = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class).getStartLevel();
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel start = bundle.adapt(BundleStartLevel.class);
            if (start != null && start.isPersistentlyStarted() && start.getStartLevel() > level) {
                return false;
            }
        }
        return true;
    }

    void noBootFinished(BootFinished finished) {
        // Once open, REST stays open: Karaf withdraws BootFinished only when it stops.
    }

    private synchronized void open(String warning) {
        if (open != null || closed) {
            return;
        }
        if (warning != null) {
            LOG.warn(warning);
        } else {
            LOG.info("The kernel's bundles have started: opening its JAX-RS applications");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(READY_PROPERTY, Boolean.TRUE);
        open = context.registerService(RestGate.class, this, properties);
        context.removeBundleListener(started);
        timer.shutdown(); // the fallback and any other pending opening are moot now
    }

    @Deactivate
    synchronized void close() {
        closed = true;
        context.removeFrameworkListener(startLevels);
        context.removeBundleListener(shutdown);
        context.removeBundleListener(started);
        timer.shutdownNow();
        if (open != null) {
            try {
                open.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework has unregistered it
            }
            open = null;
        }
    }
}
