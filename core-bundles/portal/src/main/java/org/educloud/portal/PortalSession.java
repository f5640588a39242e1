package org.educloud.portal;

import java.net.URI;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The portal's sign-in, for another bundle's web pages under one of the portal's session paths.
 * A page asks {@link #signedIn} first; when nobody is signed in it redirects the browser to
 * {@link #loginUrl}, which logs in through the kernel's OpenID provider (once per SSO session) and
 * comes back to the page.
 */
@ProviderType
public interface PortalSession {

    /**
     * The person signed in to the portal in the browser that sent {@code request}, with fresh
     * tokens and their account as it is now; empty when there is no portal session, it has
     * expired, the SSO session was ended (a logout anywhere) or the account is locked.
     */
    Optional<SignedInUser> signedIn(HttpServletRequest request);

    /**
     * Where to send a browser to sign in and come back to {@code returnPath} (a path on this server
     * under one of the session paths, e.g. {@code /console/users?q=zhang}; anything else comes back
     * to the portal's home).
     */
    URI loginUrl(String returnPath);

    /**
     * The portal's logout: a page offers it as a form that POSTs here with the field {@code csrf}
     * set to {@link SignedInUser#formToken()}. It ends the portal session and the SSO session.
     */
    URI logoutUrl();

    /** The portal's home page. */
    URI homeUrl();
}
