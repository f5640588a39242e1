package org.educloud.appcenter.deployment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.platform.rest.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * An app's API ({@code /apps/{appId}/api/...}) answers only callers whose orgs the app is installed
 * for: installed at the caller's school (or an org above it, e.g. district-wide), or — for an
 * officer — at a school inside the org they hold a role at. Anyone else gets 403, whatever their
 * token's scopes. Installations are read at most every few seconds, and again (at most four times a
 * second) before a caller is refused, so an app answers as soon as it is installed.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("educloud.app-installed-gate")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
@Priority(Priorities.AUTHORIZATION)
public final class InstalledAppGate implements ContainerRequestFilter {

    private static final Duration FRESHNESS = Duration.ofSeconds(5);
    /** How old a snapshot may be when it would refuse a caller: a refusal looks again at most four times a second. */
    private static final Duration RECHECK = Duration.ofMillis(250);

    private final AppInstallations installations;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Activate
    public InstalledAppGate(@Reference(name = "installations") AppInstallations installations) {
        this(installations, Clock.systemUTC());
    }

    InstalledAppGate(AppInstallations installations, Clock clock) {
        this.installations = installations;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // the whole path: an app's own JAX-RS application is based at /apps/{appId}/api, so getPath() would lack it
        String appId = appOf(request.getUriInfo().getRequestUri().normalize().getPath());
        if (appId == null || !(request.getProperty(Caller.ATTRIBUTE) instanceof Caller caller)) {
            return; // not an app's API, or no caller: the bearer-token filter has answered already
        }
        List<String> orgs = installedOrgs(appId, FRESHNESS);
        if (!admits(caller.grants(), orgs)) {
            // Before refusing, look again: the app may have been installed for this school a moment ago.
            orgs = installedOrgs(appId, RECHECK);
        }
        if (!admits(caller.grants(), orgs)) {
            request.abortWith(Problem.forbidden("The app " + appId + " is not installed for your school or org"
                    + (orgs.isEmpty() ? " (it is installed nowhere)" : "") + ": a school administrator installs it in the app center.")
                    .at(request.getUriInfo().getRequestUri().getPath()).toResponse());
        }
    }

    /** True when an org the caller holds a role at is inside, or above, an org the app is installed for. */
    static boolean admits(List<RoleGrant> grants, List<String> installedOrgs) {
        for (String installed : installedOrgs) {
            OrgPath org = OrgPath.of(installed);
            for (RoleGrant grant : grants) {
                if (org.covers(grant.org()) || grant.org().covers(org)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The app id of an app API path ({@code apps/{appId}/api/...}), else null. */
    static String appOf(String path) {
        // empty segments ("//") are dropped as Jetty does when it picks the app's context
        String[] parts = Arrays.stream(path == null ? new String[0] : path.split("/")).filter(part -> !part.isEmpty())
                .limit(3).toArray(String[]::new);
        return parts.length == 3 && parts[0].equals("apps") && parts[2].equals("api") ? parts[1] : null;
    }

    private List<String> installedOrgs(String appId, Duration maxAge) {
        Snapshot current = snapshot;
        if (current == null || current.readAt.plus(maxAge).isBefore(clock.instant())) {
            Map<String, List<String>> byApp = new ConcurrentHashMap<>();
            for (Installation installation : installations.installations()) {
                byApp.computeIfAbsent(installation.appId(), id -> new java.util.ArrayList<>()).add(installation.org());
            }
            current = new Snapshot(byApp, clock.instant());
            snapshot = current;
        }
        return current.orgsByApp.getOrDefault(appId, List.of());
    }

    private record Snapshot(Map<String, List<String>> orgsByApp, Instant readAt) {
    }
}
