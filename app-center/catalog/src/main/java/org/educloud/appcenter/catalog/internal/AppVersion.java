package org.educloud.appcenter.catalog.internal;

import java.time.Instant;
import java.util.List;

/**
 * A submitted version of an app and its review.
 *
 * @param checks     the automatic checks it passed
 * @param reviewedBy who approved or rejected it; {@code null} while submitted
 * @param reason     why it was rejected (or the approver's note); {@code null} when none
 */
public record AppVersion(String appId, String version, VersionState state, String sha256, long size, List<String> scopes,
        List<String> checks, String submittedBy, Instant submittedAt, String reviewedBy, Instant reviewedAt, String reason) {
}
