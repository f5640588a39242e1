package org.educloud.platform.internal;

import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
 * is what installs and starts them; at a restart Karaf reports boot finished at once). The whiteboard deploys an application only when a service matching its
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

    private static final Logger LOG = LoggerFactory.getLogger(RestGate.class);

    private final BundleContext context;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "educloud-rest-gate");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceRegistration<RestGate> open;
    private boolean closed;

    // Felix reports the target start level while it is still starting the bundles on the way there:
    // only its event says the change is complete.
    private final FrameworkListener startLevels = this::frameworkEvent;
    private volatile boolean raised;
    // The framework stopping: close REST first, so the whiteboard drops each application once rather
    // than rebuilding it for every resource that leaves as the bundles stop one by one.
    private final SynchronousBundleListener shutdown = event -> {
        if (event.getBundle().getBundleId() == Constants.SYSTEM_BUNDLE_ID && event.getType() == BundleEvent.STOPPING) {
            close();
        }
    };
    private volatile boolean bootFinished;

    @Activate
    public RestGate(BundleContext context) {
        this.context = context;
        context.addFrameworkListener(startLevels);
        context.addBundleListener(shutdown);
        timer.schedule(() -> open("the kernel's bundles did not all start within " + LATEST.toSeconds()
                + " s (see the errors above; karaf@root> feature:list -i, bundle:list): opening REST anyway"), LATEST.toSeconds(),
                TimeUnit.SECONDS);
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
                && atBeginningStartLevel(context)) {
            raised = true;
            openWhenStarted();
        }
    }

    private void openWhenStarted() {
        if (bootFinished && (raised || everyAutostartBundleStarted(context))) {
            open(null);
        }
    }

    /**
     * True when no bundle meant to run at the current start level is still waiting to start: the
     * platform was (re)started after boot. During boot the bundles of higher levels are not started yet.
     */
    static boolean everyAutostartBundleStarted(BundleContext context) {
        int level = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class).getStartLevel();
        for (Bundle bundle : context.getBundles()) {
            BundleStartLevel start = bundle.adapt(BundleStartLevel.class);
            if (start != null && start.isPersistentlyStarted() && start.getStartLevel() <= level
                    && (bundle.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0) {
                return false;
            }
        }
        return atBeginningStartLevel(context);
    }

    static boolean atBeginningStartLevel(BundleContext context) {
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        int target = beginning == null || beginning.isBlank() ? 1 : Integer.parseInt(beginning.strip());
        return context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class).getStartLevel() >= target;
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
        timer.shutdown();
    }

    @Deactivate
    synchronized void close() {
        closed = true;
        context.removeFrameworkListener(startLevels);
        context.removeBundleListener(shutdown);
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
