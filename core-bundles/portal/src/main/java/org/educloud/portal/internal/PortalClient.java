package org.educloud.portal.internal;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.identity.AccountProblem;
import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.portal.SignedInUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal as a client of the kernel's OpenID provider: a confidential first-party client
 * (no consent page) registered through {@link ClientDirectory} at activation, once. The provider
 * shows a secret only when it makes one, so the portal keeps it in {@code portal_client}; when
 * the registration and the kept secret disagree (the table was emptied, the issuer moved) it puts
 * them right again, so activating twice, or on two nodes, is harmless.
 */
@Component(service = PortalClient.class, configurationPid = {PortalConfig.IDENTITY_PID, PortalConfig.PID})
public class PortalClient {

    static final String ACTOR = "system:portal";
    /**
     * What the portal asks for: who the user is (it reads to-dos, messages and apps in-process), and
     * the APIs the pages sharing its session call as the user ({@link SignedInUser#api}): accounts and
     * the app center for the console. The user's roles still decide what each call may do.
     */
    static final Set<String> SCOPES = Set.of(SignedInUser.SCOPES.split(" "));

    private static final Logger LOG = LoggerFactory.getLogger(PortalClient.class);

    private final ClientDirectory clients;
    private final DataSource dataSource;
    private final String clientId;
    private final URI issuer;
    private final URI backchannel;

    @Activate
    public PortalClient(@Reference(name = "clients") ClientDirectory clients,
            @Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource, PortalConfig config) {
        this.clients = clients;
        this.dataSource = dataSource;
        this.clientId = config.clientId();
        this.issuer = withoutTrailingSlash(config.issuer(), "issuer");
        this.backchannel = config.backchannelUrl().isBlank() ? issuer : withoutTrailingSlash(config.backchannelUrl(), "backchannelUrl");
        ensureRegistered();
    }

    String clientId() {
        return clientId;
    }

    URI issuer() {
        return issuer;
    }

    /** Where the portal's own server calls the provider (token endpoint, JWKS). */
    URI backchannel() {
        return backchannel;
    }

    URI home() {
        return URI.create(issuer + "/portal/");
    }

    URI callback() {
        return URI.create(issuer + "/portal/callback");
    }

    /** The secret as kept; read each time so a rotation by another node is seen at once. */
    String secret() {
        return keptSecret().orElseThrow(() -> new IllegalStateException("the portal's client secret is missing from "
                + "portal_client: restart the portal bundle (bundle:restart org.educloud.portal) to register it again"));
    }

    private void ensureRegistered() {
        Optional<Client> registered = clients.find(clientId);
        if (registered.isPresent() && !matches(registered.get())) {
            LOG.info("The portal's client {} is registered with other redirect URIs or settings; registering it again for {}",
                    clientId, issuer);
            clients.remove(clientId, ACTOR);
            registered = Optional.empty();
        }
        if (registered.isEmpty()) {
            try {
                keep(clients.register(new NewClient(clientId, "统一门户", "Portal", ClientAuthMethod.CLIENT_SECRET_BASIC,
                        List.of(callback()), List.of(home()), Set.of("authorization_code", "refresh_token"), SCOPES, true,
                        Optional.empty(), Optional.empty()), ACTOR).secret().orElseThrow());
                return;
            } catch (AccountProblem e) {
                // Another node registered it in the meantime; its secret is in portal_client, or is made below.
                if (clients.find(clientId).isEmpty()) {
                    throw e;
                }
            }
        }
        if (keptSecret().isEmpty()) {
            keep(clients.rotateSecret(clientId, ACTOR));
        }
    }

    private boolean matches(Client client) {
        return client.firstParty() && !client.isPublic() && client.redirectUris().equals(List.of(callback()))
                && client.postLogoutRedirectUris().equals(List.of(home())) && client.scopes().containsAll(SCOPES)
                && client.grantTypes().contains("refresh_token") && !client.locked();
    }

    private Optional<String> keptSecret() {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT secret FROM portal_client WHERE client_id = ?")) {
                query.setString(1, clientId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private void keep(String secret) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO portal_client (client_id, secret, updated_at) "
                    + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE secret = VALUES(secret), updated_at = VALUES(updated_at)")) {
                upsert.setString(1, clientId);
                upsert.setString(2, secret);
                upsert.setTimestamp(3, Timestamp.from(Instant.now()));
                return upsert.executeUpdate();
            }
        });
    }

    private static URI withoutTrailingSlash(String value, String setting) {
        String trimmed = value.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " '" + value + "' is not an absolute http(s) URL; set it like "
                    + "http://localhost:8181 (" + (setting.equals("issuer") ? "etc/org.educloud.identity.cfg" : "etc/org.educloud.portal.cfg")
                    + ")", e);
        }
    }
}
