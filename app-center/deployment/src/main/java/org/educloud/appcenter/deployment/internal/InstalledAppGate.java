package org.educloud.appcenter.deployment.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.sql.DataSource;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
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
 * token's scopes. The answer for an app and a set of orgs is kept a few seconds, and looked up
 * again (at most four times a second) before a caller is refused, so an app answers as soon as it is
 * installed. Each look-up is one indexed query ({@link InstallationsByOrg#installedAround}), never
 * a read of the region's every installation.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("educloud.app-installed-gate")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
@Priority(Priorities.AUTHORIZATION)
public final class InstalledAppGate implements ContainerRequestFilter {

    private static final Duration FRESHNESS = Duration.ofSeconds(5);
    /** How old an answer may be when it would refuse a caller: a refusal looks again at most four times a second. */
    private static final Duration RECHECK = Duration.ofMillis(250);
    /** Answers kept, at most: callers differ by their orgs, and a province has tens of thousands. */
    static final int KEPT = 10_000;

    /** Whether an app is installed for, above or inside any of some orgs. */
    @FunctionalInterface
    interface Installed {
        boolean around(String appId, Collection<OrgPath> orgs) throws SQLException;
    }

    private final Installed installed;
    private final Clock clock;
    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    @Activate
    public InstalledAppGate(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this(new InstallationsByOrg(dataSource)::installedAround, Clock.systemUTC());
    }

    InstalledAppGate(Installed installed, Clock clock) {
        this.installed = installed;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // the whole path: an app's own JAX-RS application is based at /apps/{appId}/api, so getPath() would lack it
        String appId = appOf(request.getUriInfo().getRequestUri().normalize().getPath());
        if (appId == null || !(request.getProperty(Caller.ATTRIBUTE) instanceof Caller caller)) {
            return; // not an app's API, or no caller: the bearer-token filter has answered already
        }
        Key key = new Key(appId, caller.grants().stream().map(RoleGrant::org).collect(Collectors.toUnmodifiableSet()));
        boolean admitted;
        try {
            // Before refusing, look again: the app may have been installed for this school a moment ago.
            admitted = admits(key, FRESHNESS) || admits(key, RECHECK);
        } catch (SQLException e) {
            request.abortWith(Problem.ofStatus(503, "The app center's database did not answer (" + e.getMessage()
                    + "), so whether the app is installed for your school is unknown; try again shortly.")
                    .at(request.getUriInfo().getRequestUri().getPath()).toResponse());
            return;
        }
        if (!admitted) {
            request.abortWith(Problem.forbidden("The app " + appId + " is not installed for your school or org: a school "
                    + "administrator installs it in the app center.").at(request.getUriInfo().getRequestUri().getPath()).toResponse());
        }
    }

    /** The answer for the key, looked up again when it is older than {@code maxAge}. */
    boolean admits(Key key, Duration maxAge) throws SQLException {
        Answer answer = answers.get(key);
        Instant now = clock.instant();
        if (answer == null || answer.at.plus(maxAge).isBefore(now)) {
            answer = new Answer(!key.orgs.isEmpty() && installed.around(key.appId, key.orgs), now);
            if (answers.size() >= KEPT) {
                answers.clear(); // rare: a fresh start costs one query per caller
            }
            answers.put(key, answer);
        }
        return answer.admitted;
    }

    /** The app id of an app API path ({@code apps/{appId}/api/...}), else null. */
    static String appOf(String path) {
        // empty segments ("//") are dropped as Jetty does when it picks the app's context
        String[] parts = Arrays.stream(path == null ? new String[0] : path.split("/")).filter(part -> !part.isEmpty())
                .limit(3).toArray(String[]::new);
        return parts.length == 3 && parts[0].equals("apps") && parts[2].equals("api") ? parts[1] : null;
    }

    /** An app and the orgs a caller holds roles at. */
    record Key(String appId, Set<OrgPath> orgs) {
    }

    private record Answer(boolean admitted, Instant at) {
    }
}
