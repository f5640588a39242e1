package org.educloud.sdk.app;

import java.util.Objects;

/**
 * A kernel service refused an app's call: the app is not installed for the org concerned, the
 * org did not grant the scope the call needs, or the current user may not do it there. The
 * message says which and what would allow it; answer the app's caller with 403 and that message.
 */
public class NotGrantedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String scope;

    /**
     * @param scope   the scope the call needed (one of {@link AppScopes}), or the permission the user lacked
     * @param message what was refused and why
     */
    public NotGrantedException(String scope, String message) {
        super(message);
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** The scope (or user permission) the refused call needed. */
    public String scope() {
        return scope;
    }
}
