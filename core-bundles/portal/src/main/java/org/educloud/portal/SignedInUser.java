package org.educloud.portal;

import java.net.http.HttpRequest;

import org.educloud.identity.Account;
import org.osgi.annotation.versioning.ProviderType;

/** A person signed in to the portal, as one request sees them. */
@ProviderType
public interface SignedInUser {

    /** Their account as it is now (roles granted or revoked since the login count at once). */
    Account account();

    /**
     * The session's form token: put it in a hidden field {@code csrf} of every form that changes
     * something, and accept the form only when {@link #isFormToken} says it is this one.
     */
    String formToken();

    /** True when {@code given} is this session's form token (compared in constant time). */
    boolean isFormToken(String given);

    /**
     * A request to the kernel's REST API as this person: {@code pathAndQuery} (e.g.
     * {@code /api/identity/v1/accounts?prefix=zhang}) at the kernel's own address, with their access
     * token as {@code Authorization: Bearer} and a timeout. The token carries the scopes the portal
     * asks for at login ({@link #SCOPES}); what the person may do is still their roles' business.
     */
    HttpRequest.Builder api(String pathAndQuery);

    /** The scopes of the access token behind {@link #api}. */
    String SCOPES = "openid profile identity.accounts appcenter";
}
