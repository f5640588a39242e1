package org.educloud.appcenter.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.educloud.appcenter.catalog.AppGrant;
import org.educloud.appcenter.catalog.AppGrants;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.identity.OrgPath;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Grants from the desired state and the consent record: each installation grants the scopes its
 * org last consented to.
 */
@Component(service = AppGrants.class)
public class ConsentedGrants implements AppGrants {

    private final SchoolInstallations installations;

    @Activate
    public ConsentedGrants(@Reference(name = "installations") SchoolInstallations installations) {
        this.installations = installations;
    }

    @Override
    public List<AppGrant> grants(String appId) {
        List<Installation> installed = installations.installations(List.of(OrgPath.ROOT)).stream()
                .filter(installation -> installation.appId().equals(appId)).toList();
        if (installed.isEmpty()) {
            return List.of();
        }
        // Consents are oldest first: an org's last one wins. An upgrade moves every org to the new
        // version but only the upgrading org consented to it; the others keep what they agreed to.
        Map<String, Set<String>> consented = new HashMap<>();
        for (Consent consent : installations.consents(appId)) {
            consented.put(consent.org(), Set.copyOf(consent.scopes()));
        }
        List<AppGrant> grants = new ArrayList<>();
        for (Installation installation : installed) {
            grants.add(new AppGrant(appId, OrgPath.of(installation.org()),
                    consented.getOrDefault(installation.org(), Set.of())));
        }
        return grants;
    }
}
