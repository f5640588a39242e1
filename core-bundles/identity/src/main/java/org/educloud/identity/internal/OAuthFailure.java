package org.educloud.identity.internal;

import com.nimbusds.oauth2.sdk.ErrorObject;

/** A request the OAuth endpoints refuse, with the RFC 6749 error code and a description that says what to fix. */
final class OAuthFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient ErrorObject error;

    OAuthFailure(ErrorObject kind, String description) {
        super(description);
        this.error = kind.setDescription(description);
    }

    ErrorObject error() {
        return error;
    }
}
