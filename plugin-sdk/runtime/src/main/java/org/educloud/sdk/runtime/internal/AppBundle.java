package org.educloud.sdk.runtime.internal;

import java.util.Optional;

import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Bundle;

/** Which app a bundle belongs to: its {@value AppDescriptor#APP_HEADER} manifest header. */
final class AppBundle {

    private AppBundle() {
    }

    /**
     * The app id of the bundle that asked for an SDK service.
     *
     * @throws IllegalStateException when the bundle is not an app's (it names no app): the SDK's
     *         services serve apps, and everything they do is recorded as the app's doing
     */
    static String appIdOf(Bundle bundle) {
        return find(bundle).orElseThrow(() -> new IllegalStateException("bundle " + bundle.getSymbolicName()
                + " uses the EduCloud SDK's services but names no app in its " + AppDescriptor.APP_HEADER
                + " manifest header: add 'EduCloud-App: <appId>' to its bnd.bnd"));
    }

    /** The app a bundle belongs to; empty for a bundle that is no app's (or names an invalid id). */
    static Optional<String> find(Bundle bundle) {
        String appId = bundle.getHeaders("").get(AppDescriptor.APP_HEADER);
        return appId != null && AppDescriptor.ID.matcher(appId.strip()).matches() ? Optional.of(appId.strip()) : Optional.empty();
    }
}
