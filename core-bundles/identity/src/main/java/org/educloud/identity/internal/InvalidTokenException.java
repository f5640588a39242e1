package org.educloud.identity.internal;

import org.apache.shiro.authc.AuthenticationException;

/**
 * An access token that must be refused; the message is the RFC 6750 {@code error_description}: it
 * says what is wrong with the token and what the client should do, never anything secret.
 */
final class InvalidTokenException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    InvalidTokenException(String description) {
        super(description);
    }
}
