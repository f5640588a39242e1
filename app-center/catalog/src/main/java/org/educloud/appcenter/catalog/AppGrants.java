package org.educloud.appcenter.catalog;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which orgs an app is installed for and what each granted it (an OSGi service). An installation
 * made without the app center's consent step (an operator's {@code app:install}) grants no
 * scopes: data is shared only with what a school administrator agreed to.
 */
@ProviderType
public interface AppGrants {

    /** The app's grants, one per org it is installed for; empty when it is installed nowhere. */
    List<AppGrant> grants(String appId);
}
