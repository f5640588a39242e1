package org.educloud.identity;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An application that may ask for tokens: the portal (first party), an installed app, an
 * external web app or an agency's system.
 *
 * @param clientId               the id the client presents
 * @param nameZh                 the name shown on the consent page in Chinese
 * @param nameEn                 the name shown in English
 * @param authMethod             how it authenticates at the token endpoint
 * @param redirectUris           where authorization responses may go (matched exactly)
 * @param postLogoutRedirectUris where the browser may go after logout (matched exactly)
 * @param grantTypes             the grants it may use: {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
 * @param scopes                 the scopes it may ask for
 * @param firstParty             the region's own app: users are not asked for consent
 * @param ownerOrg               the org it belongs to (an agency, a vendor, a school), where there is one
 * @param jwks                   the public keys of a {@code private_key_jwt} client, as a JWK set JSON
 * @param locked                 refused at every endpoint until unlocked
 * @param idTokenSigningAlg      how its ID tokens are signed: {@code RS256} (the default) or {@code ES256}
 * @param portalEntry            its tile on the portal, for an external web app launched from there
 */
public record Client(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
        List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
        Optional<OrgPath> ownerOrg, Optional<String> jwks, boolean locked, String idTokenSigningAlg, Optional<PortalEntry> portalEntry) {

    /** A client without a portal tile. */
    public Client(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
            List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
            Optional<OrgPath> ownerOrg, Optional<String> jwks, boolean locked, String idTokenSigningAlg) {
        this(clientId, nameZh, nameEn, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, firstParty, ownerOrg,
                jwks, locked, idTokenSigningAlg, Optional.empty());
    }

    /** A client whose ID tokens are signed RS256. */
    public Client(String clientId, String nameZh, String nameEn, ClientAuthMethod authMethod, List<URI> redirectUris,
            List<URI> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty,
            Optional<OrgPath> ownerOrg, Optional<String> jwks, boolean locked) {
        this(clientId, nameZh, nameEn, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, firstParty, ownerOrg,
                jwks, locked, "RS256");
    }

    public Client {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Set.copyOf(scopes);
        portalEntry = portalEntry == null ? Optional.empty() : portalEntry;
    }

    /** True for a client without a secret or key (a browser or mobile app). */
    public boolean isPublic() {
        return authMethod == ClientAuthMethod.NONE;
    }
}
