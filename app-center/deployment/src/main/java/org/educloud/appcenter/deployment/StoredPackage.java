package org.educloud.appcenter.deployment;

import java.time.Instant;

import org.educloud.sdk.app.AppDescriptor;

/**
 * An app package the app center keeps: it passed every check when it was stored.
 *
 * @param descriptor the app's descriptor
 * @param sha256     the archive's SHA-256, checked again before each install
 * @param size       the archive's size in bytes
 * @param storedBy   who stored it
 * @param storedAt   when
 */
public record StoredPackage(AppDescriptor descriptor, String sha256, long size, String storedBy, Instant storedAt) {

    /** The app's id. */
    public String appId() {
        return descriptor.id();
    }

    /** The app's version. */
    public String version() {
        return descriptor.version();
    }
}
