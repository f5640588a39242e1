package org.educloud.sdk.runtime.internal;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import javax.ws.rs.core.Application;

import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.util.tracker.BundleTracker;

/**
 * Runs one JAX-RS application per app, based at {@code /apps/{appId}/api}, while any bundle of the
 * app is active. The app's resources select it ({@link AppDescriptor#APPLICATION_PROPERTY}).
 *
 * <p>Why one each: the whiteboard rebuilds an application's whole server whenever one of its
 * resources arrives or leaves, and answers 404 for all of that application's endpoints while it
 * does. With every app in the kernel's default application, installing one app interrupted every
 * other app and the kernel's own APIs; now an install, upgrade or uninstall touches only the app's
 * own application. During an upgrade both versions' bundles are active and share the application,
 * so it stays up from the old version to the new.
 */
@Component(immediate = true)
public final class AppApplications {

    static final String NAME_PREFIX = "educloud.app.";
    /** The app center's check that the app is installed for the caller's school (app-center/deployment). */
    static final String INSTALLED_GATE = "(osgi.jaxrs.name=educloud.app-installed-gate)";

    private final BundleContext context;
    private final Map<String, Running> running = new HashMap<>();
    private final BundleTracker<String> apps;

    @Activate
    public AppApplications(BundleContext context) {
        this.context = context;
        this.apps = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                String appId = AppBundle.find(bundle).orElse(null);
                if (appId != null) {
                    started(appId);
                }
                return appId;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String appId) {
                stopped(appId);
            }
        };
        apps.open();
    }

    @Deactivate
    void close() {
        apps.close();
        synchronized (running) {
            running.values().forEach(app -> unregister(app.registration));
            running.clear();
        }
    }

    /** The service properties of an app's application. */
    static Hashtable<String, Object> propertiesOf(String appId) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_BASE, AppDescriptor.apiPath(appId));
        properties.put(JaxrsWhiteboardConstants.JAX_RS_NAME, NAME_PREFIX + appId);
        properties.put(AppDescriptor.APPLICATION_PROPERTY, appId);
        // Never served without the kernel's token check and the installed-app check: the application waits for both
        // (without the second, anyone with a token could call an app their school never installed).
        properties.put(JaxrsWhiteboardConstants.JAX_RS_EXTENSION_SELECT, new String[] {AppDescriptor.TOKEN_CHECK, INSTALLED_GATE});
        return properties;
    }

    private void started(String appId) {
        synchronized (running) {
            Running app = running.get(appId);
            if (app == null) {
                running.put(appId, new Running(context.registerService(Application.class, new Application(), propertiesOf(appId)), 1));
            } else {
                running.put(appId, new Running(app.registration, app.bundles + 1));
            }
        }
    }

    private void stopped(String appId) {
        synchronized (running) {
            Running app = running.get(appId);
            if (app == null) {
                return;
            }
            if (app.bundles > 1) {
                running.put(appId, new Running(app.registration, app.bundles - 1));
            } else {
                running.remove(appId);
                unregister(app.registration);
            }
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the runtime bundle is stopping and the framework unregistered it first
        }
    }

    /** An app's application and how many of its bundles are active. */
    private record Running(ServiceRegistration<Application> registration, int bundles) {
    }
}
