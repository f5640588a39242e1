package org.educloud.identity.internal;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

/**
 * The JAX-RS security context of a request with a valid access token: the principal is the
 * {@link TokenCaller}; {@code isUserInRole} answers for a role held at any org
 * ({@code teacher}) or at one org exactly ({@code teacher@/37/3701}).
 */
final class CallerSecurityContext implements SecurityContext {

    private final TokenCaller caller;
    private final boolean secure;

    CallerSecurityContext(TokenCaller caller, boolean secure) {
        this.caller = caller;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.grants().stream().anyMatch(grant -> grant.role().equals(role) || grant.toString().equals(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
