package org.educloud.persistence.internal;

/** A configuration value the kernel cannot use; the message says which and how to fix it. */
final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
        super(message);
    }
}
