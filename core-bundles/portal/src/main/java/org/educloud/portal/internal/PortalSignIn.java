package org.educloud.portal.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;

import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.portal.PortalSession;
import org.educloud.portal.SignedInUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is signed in to the portal: the session behind the portal's cookie, its tokens kept fresh,
 * and the account as it is now. The portal's own pages use it, and so do other bundles' pages
 * under the session paths, through {@link PortalSession}.
 */
@Component(service = {PortalSession.class, PortalSignIn.class}, configurationPid = {PortalConfig.IDENTITY_PID, PortalConfig.PID})
public class PortalSignIn implements PortalSession {

    static final String SESSION_COOKIE = "EDUCLOUD_PORTAL";
    /** An access token this close to its expiry is refreshed first, so a page's API calls do not fail half-way. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PortalSignIn.class);

    /** A live session and its account. */
    record Live(PortalSessions.Session session, Account account) {
    }

    private final PortalClient client;
    private final KernelLogin login;
    private final PortalSessions sessions;
    private final AccountDirectory accounts;
    private final List<String> sessionPaths;
    private final boolean secure;

    @Activate
    public PortalSignIn(@Reference(name = "client") PortalClient client,
            @Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "accounts") AccountDirectory accounts, PortalConfig config) {
        this(client, new KernelLogin(client), new PortalSessions(dataSource, Duration.ofMinutes(Math.max(1, config.sessionMinutes())),
                Duration.ofMinutes(Math.max(1, config.loginMinutes())), Clock.systemUTC()), accounts, sessionPaths(config.sessionPaths()));
    }

    PortalSignIn(PortalClient client, KernelLogin login, PortalSessions sessions, AccountDirectory accounts, List<String> sessionPaths) {
        this.client = client;
        this.login = login;
        this.sessions = sessions;
        this.accounts = accounts;
        this.sessionPaths = sessionPaths;
        this.secure = client.issuer().getScheme().equals("https");
    }

    PortalSessions sessions() {
        return sessions;
    }

    KernelLogin login() {
        return login;
    }

    /**
     * The session behind the cookie, with fresh tokens: an access token near its expiry is
     * refreshed, and a refusal (the SSO session was ended by a logout anywhere, the account was
     * locked) ends the portal session too, so logging out anywhere logs out here within one
     * access-token lifetime.
     */
    Optional<Live> live(String cookie) {
        Optional<PortalSessions.Session> found = sessions.session(cookie);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PortalSessions.Session session = found.get();
        if (session.accessExpiresAt().isBefore(Instant.now().plus(REFRESH_MARGIN))) {
            if (session.refreshToken().isEmpty()) {
                sessions.end(session.id());
                return Optional.empty();
            }
            try {
                session = sessions.refreshed(session, login.refresh(session.refreshToken().get()));
            } catch (KernelLogin.Refused e) {
                LOG.debug("Portal session of {} ended: {}", session.username(), e.getMessage());
                sessions.end(session.id());
                return Optional.empty();
            } catch (KernelLogin.Unavailable e) {
                // Nothing was decided: serve this page (the account is checked below, in-process) and refresh on the next one.
                LOG.warn("Could not refresh the portal session of {} now: {}", session.username(), e.getMessage());
            }
        }
        Optional<Account> account = accounts.find(session.username()).filter(a -> !a.locked());
        if (account.isEmpty()) {
            sessions.end(session.id());
            return Optional.empty();
        }
        return Optional.of(new Live(session, account.get()));
    }

    @Override
    public Optional<SignedInUser> signedIn(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        String value = cookies == null ? null : Arrays.stream(cookies).filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst().orElse(null);
        return live(value).map(User::new);
    }

    @Override
    public URI loginUrl(String returnPath) {
        return URI.create(client.issuer() + "/portal/login?return=" + URLEncoder.encode(returnPath == null ? "" : returnPath,
                StandardCharsets.UTF_8));
    }

    @Override
    public URI logoutUrl() {
        return URI.create(client.issuer() + "/portal/logout");
    }

    @Override
    public URI homeUrl() {
        return client.home();
    }

    /**
     * {@code candidate} when it is a path of this server under a session path: never another host
     * ({@code //evil}, a scheme, backslashes browsers read as slashes), so a login link cannot send
     * anyone off the platform.
     */
    Optional<String> returnPath(String candidate) {
        return returnPath(sessionPaths, candidate);
    }

    static Optional<String> returnPath(List<String> sessionPaths, String candidate) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.contains("\\")
                || candidate.chars().anyMatch(c -> c < 0x21 || c == 0x7f) || candidate.contains("/../") || candidate.contains("/./")) {
            return Optional.empty();
        }
        String path = candidate.split("[?#]", 2)[0];
        return sessionPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/")) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * The session cookie for each session path (a cookie has one path; the pages that share the
     * session get one each), out of scripts' reach, not sent on cross-site subrequests. Expires
     * rather than Max-Age, as the identity bundle's cookies (some clients take Max-Age for RFC 2965
     * and quote the value back); {@code seconds} 0 clears them.
     */
    List<String> sessionCookies(String value, long seconds) {
        List<String> cookies = new ArrayList<>();
        for (String path : sessionPaths) {
            cookies.add(cookie(SESSION_COOKIE, value, path, seconds));
        }
        return cookies;
    }

    /** A cookie for one path, as {@link #sessionCookies} describes. */
    String cookie(String name, String value, String path, long seconds) {
        String expires = "; Expires=" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusSeconds(seconds == 0 ? -86400 : seconds));
        return name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "") + expires;
    }

    static List<String> sessionPaths(String[] configured) {
        List<String> paths = new ArrayList<>(List.of("/portal"));
        for (String path : configured == null ? new String[0] : configured) {
            String trimmed = path.strip().replaceAll("/+$", "");
            if (!trimmed.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")) {
                throw new IllegalArgumentException("sessionPaths entry '" + path + "' is not a path like /console "
                        + "(etc/org.educloud.portal.cfg)");
            }
            if (trimmed.equals("/apps") || trimmed.startsWith("/apps/")) {
                throw new IllegalArgumentException("sessionPaths entry '" + path + "' would hand the portal's session to "
                        + "plugin apps; remove it from etc/org.educloud.portal.cfg");
            }
            if (!paths.contains(trimmed)) {
                paths.add(trimmed);
            }
        }
        return List.copyOf(paths);
    }

    /** The signed-in person of one request. */
    private final class User implements SignedInUser {

        private final Live live;

        User(Live live) {
            this.live = live;
        }

        @Override
        public Account account() {
            return live.account();
        }

        @Override
        public String formToken() {
            return live.session().csrf();
        }

        @Override
        public boolean isFormToken(String given) {
            return same(given, live.session().csrf());
        }

        @Override
        public HttpRequest.Builder api(String pathAndQuery) {
            if (!pathAndQuery.startsWith("/") || pathAndQuery.startsWith("//")) {
                throw new IllegalArgumentException("'" + pathAndQuery + "' is not a path of the kernel's API like /api/identity/v1/me");
            }
            return HttpRequest.newBuilder(URI.create(client.backchannel() + pathAndQuery)).timeout(API_TIMEOUT)
                    .header("Authorization", "Bearer " + live.session().accessToken());
        }
    }

    static boolean same(String given, String expected) {
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
