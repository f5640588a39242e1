package org.educloud.appcenter.catalog.internal;

import java.time.Instant;
import java.util.List;

/** A school administrator consented to an app version's scopes for an org. */
public record Consent(String appId, String version, String org, List<String> scopes, String consentedBy, Instant consentedAt) {
}
