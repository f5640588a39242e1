package org.educloud.appcenter.catalog.internal;

import java.time.Instant;

/**
 * An app in the catalog; names come from its latest submitted descriptor.
 *
 * @param vendor    the vendor as the descriptor names it
 * @param vendorOrg the vendor's org, where the submitting vendor holds its role; only it submits further versions
 */
public record AppListing(String appId, String nameZh, String nameEn, String vendor, String vendorOrg, String category,
        String description, Instant updatedAt) {
}
