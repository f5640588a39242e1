package org.educloud.identity;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What it takes to register a client; see {@link Client} for the fields. A secret, when the
 * method needs one, is made by the kernel and shown once.
 */
public record NewClient(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
        List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
        Optional<OrgPath> ownerOrg, Optional<String> jwks, String idTokenSigningAlg, Optional<PortalEntry> portalEntry) {

    /** A client without a portal tile. */
    public NewClient(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
            List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
            Optional<OrgPath> ownerOrg, Optional<String> jwks, String idTokenSigningAlg) {
        this(clientId, nameZh, nameEn, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, firstParty, ownerOrg,
                jwks, idTokenSigningAlg, Optional.empty());
    }

    /** A client whose ID tokens are signed RS256. */
    public NewClient(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
            List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
            Optional<OrgPath> ownerOrg, Optional<String> jwks) {
        this(clientId, nameZh, nameEn, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, firstParty, ownerOrg,
                jwks, "RS256");
    }

    /** True for a client without a secret or key. */
    public boolean isPublicClient() {
        return authMethod == ClientAuthMethod.NONE;
    }

    public NewClient {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Set.copyOf(scopes);
        portalEntry = portalEntry == null ? Optional.empty() : portalEntry;
    }
}
