package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.apache.shiro.util.ThreadContext;
import org.educloud.identity.Caller;
import org.educloud.identity.RequiresScope;
import org.educloud.platform.rest.PublicEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter's decisions, with tokens minted here and checked against MariaDB. */
class BearerTokenFilterTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private TestTokens tokens;
    private AccessControl access;

    /** Resources as an app or the kernel would write them. */
    static class Resources {
        public void plain() {
        }

        @PublicEndpoint
        public void open() {
        }

        @RequiresScope("identity.accounts")
        public void scoped() {
        }

        @RequiresScope(anyOf = {"roster-core.readonly", "roster.readonly"})
        public void eitherScope() {
        }
    }

    /** What the filter did to one request. */
    private static final class Request {
        final Map<String, Object> properties = new HashMap<>();
        Response aborted;
        SecurityContext security;
        final ContainerRequestContext context;

        Request(String path, String authorization) {
            UriInfo uri = Fakes.of(UriInfo.class, Map.of("getRequestUri", a -> URI.create("http://localhost:8181" + path)));
            context = Fakes.of(ContainerRequestContext.class, Map.of(
                    "getUriInfo", a -> uri,
                    "getHeaderString", a -> "Authorization".equals(a[0]) ? authorization : null,
                    "abortWith", a -> { aborted = (Response) a[0]; return null; },
                    "setProperty", a -> properties.put((String) a[0], a[1]),
                    "getProperty", a -> properties.get((String) a[0]),
                    "removeProperty", a -> properties.remove((String) a[0]),
                    "getSecurityContext", a -> security,
                    "setSecurityContext", a -> { security = (SecurityContext) a[0]; return null; }));
        }
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        DataSource dataSource = IdentityDatabase.fresh("access_filter");
        SigningKeyRing keys = new SigningKeyRing(dataSource, new KeyEncryptionKey(new byte[32]), Duration.ofDays(90), Duration.ofSeconds(300), clock);
        tokens = new TestTokens(dataSource, keys, clock);
        access = new AccessControl(new AccessTokenVerifier(keys::publicKeys, TestTokens.ISSUER, new TokenRevocations(dataSource),
                Duration.ofSeconds(30), clock), new RolePermissions(dataSource, Duration.ofSeconds(30), clock));
    }

    @AfterEach
    void nothingStaysOnTheThread() {
        ThreadContext.remove();
    }

    @Test
    void anApiRequestWithoutATokenGetsAChallengeWithoutAnErrorCode() {
        Request request = run("plain", "/api/identity/v1/accounts", null);
        assertEquals(401, request.aborted.getStatus());
        assertEquals("Bearer realm=\"educloud\"", request.aborted.getHeaderString("WWW-Authenticate"));
        assertEquals("application/problem+json", request.aborted.getMediaType().toString());
        assertTrue(String.valueOf(request.aborted.getEntity()).contains("\"instance\":\"/api/identity/v1/accounts\""));
    }

    @Test
    void aBadTokenGetsInvalidTokenWithADescription() {
        Request request = run("plain", "/apps/registry/api/students", "Bearer " + tokens.mint(c -> c.issuer("https://evil.example"), h -> h, true));
        assertEquals(401, request.aborted.getStatus());
        String challenge = request.aborted.getHeaderString("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer realm=\"educloud\", error=\"invalid_token\", error_description=\"the access token was "
                + "issued by https://evil.example"), challenge);
        assertTrue(String.valueOf(request.aborted.getEntity()).contains("get a token from " + TestTokens.ISSUER));
    }

    @Test
    void publicMethodsAndPathsOutsideTheApisPassWithoutAToken() {
        assertNull(run("open", "/api/platform/v1/health", null).aborted);
        assertNull(run("plain", "/oauth2/token", null).aborted);
        assertNull(run("plain", "/.well-known/openid-configuration", "Bearer garbage").aborted, "not this filter's business");
    }

    @Test
    void aRequiredScopeIsEnforcedEvenOutsideTheApiPaths() {
        String token = tokens.user("42", "wang.admin", "openid", List.of("school-admin@" + SCHOOL));
        Request request = run("scoped", "/api/identity/v1/accounts", "Bearer " + token);
        assertEquals(403, request.aborted.getStatus());
        assertEquals("Bearer realm=\"educloud\", error=\"insufficient_scope\", error_description=\"the token lacks the scope "
                + "identity.accounts\", scope=\"identity.accounts\"", request.aborted.getHeaderString("WWW-Authenticate"));
        assertEquals(401, run("scoped", "/somewhere/else", null).aborted.getStatus());
    }

    @Test
    void oneOfTheAlternativeScopesSufficesAndTheirAbsenceIsRefusedEvenOutsideApi() {
        String core = tokens.user("42", "wang.admin", "roster-core.readonly", List.of("school-admin@" + SCHOOL));
        assertNull(run("eitherScope", "/ims/oneroster/rostering/v1p2/orgs", "Bearer " + core).aborted);
        String full = tokens.user("42", "wang.admin", "roster.readonly", List.of("school-admin@" + SCHOOL));
        assertNull(run("eitherScope", "/ims/oneroster/rostering/v1p2/orgs", "Bearer " + full).aborted);
        String other = tokens.user("42", "wang.admin", "basedata.read", List.of("school-admin@" + SCHOOL));
        Request refused = run("eitherScope", "/ims/oneroster/rostering/v1p2/orgs", "Bearer " + other);
        assertEquals(403, refused.aborted.getStatus());
        assertTrue(refused.aborted.getHeaderString("WWW-Authenticate").contains("roster-core.readonly or roster.readonly"));
        assertEquals(401, run("eitherScope", "/ims/oneroster/rostering/v1p2/orgs", null).aborted.getStatus());
    }

    @Test
    void aValidTokenLeavesTheCallerAndBindsTheSubjectUntilTheResponse() {
        String token = tokens.user("42", "wang.admin", "identity.accounts", List.of("school-admin@" + SCHOOL));
        BearerTokenFilter filter = filter("scoped");
        Request request = new Request("/api/identity/v1/accounts", "bearer " + token);
        filter.filter(request.context);

        assertNull(request.aborted);
        Caller caller = (Caller) request.properties.get(Caller.ATTRIBUTE);
        assertEquals("wang.admin", caller.username().orElseThrow());
        assertSame(caller, request.security.getUserPrincipal());
        assertTrue(request.security.isUserInRole("school-admin"));
        assertEquals("Bearer", request.security.getAuthenticationScheme());
        assertSame(((TokenCaller) caller).shiroSubject(), ThreadContext.getSubject(), "bound for the request");

        filter.filter(request.context, null);
        assertNull(ThreadContext.getSubject(), "unbound after the response");
    }

    @Test
    void aSubjectLeftOnAPooledThreadIsDroppedByTheNextRequest() {
        String token = tokens.user("42", "wang.admin", "identity.accounts", List.of("school-admin@" + SCHOOL));
        run("plain", "/api/identity/v1/accounts", "Bearer " + token);
        assertTrue(ThreadContext.getSubject() != null, "no response filter ran");
        run("open", "/api/platform/v1/health", null);
        assertNull(ThreadContext.getSubject());
    }

    @Test
    void theDescriptionIsQuotableInAHeader() {
        assertEquals("say 'hi' ' there'", BearerTokenFilter.quotable("say \"hi\" \\ there\""));
        assertEquals("abc", BearerTokenFilter.bearerToken("Bearer   abc "));
        assertNull(BearerTokenFilter.bearerToken("Basic dXNlcjpwYXNz"));
        assertNull(BearerTokenFilter.bearerToken("Bearer "));
    }

    private Request run(String method, String path, String authorization) {
        Request request = new Request(path, authorization);
        filter(method).filter(request.context);
        return request;
    }

    private BearerTokenFilter filter(String method) {
        Method resourceMethod;
        try {
            resourceMethod = Resources.class.getMethod(method);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        ResourceInfo resource = Fakes.of(ResourceInfo.class, Map.of("getResourceMethod", a -> resourceMethod,
                "getResourceClass", a -> Resources.class));
        return new BearerTokenFilter(access, resource, null);
    }
}
