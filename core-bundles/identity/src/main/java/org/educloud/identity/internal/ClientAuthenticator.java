package org.educloud.identity.internal;

import java.security.PublicKey;
import java.sql.SQLIntegrityConstraintViolationException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.internal.TokenLedger.Entry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.ExpendedJTIChecker;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;

/**
 * Establishes which client calls the token, revocation or introspection endpoint: by secret
 * (Basic or in the body, compared with the stored SHA-256), by a JWT signed with the client's
 * registered key (each assertion accepted once), or, for a public client, by its id alone.
 * A client must use the method it registered.
 */
final class ClientAuthenticator {

    private final JdbcClientDirectory clients;
    private final DataSource dataSource;
    private final ClientAuthenticationVerifier<Client> assertions;

    ClientAuthenticator(JdbcClientDirectory clients, DataSource dataSource, Set<Audience> audiences) {
        this.clients = clients;
        this.dataSource = dataSource;
        this.assertions = new ClientAuthenticationVerifier<>(new RegisteredKeys(), audiences, new OnceOnly());
    }

    /** The authenticated client; {@link OAuthFailure} {@code invalid_client} otherwise. */
    Client authenticate(HTTPRequest request, Map<String, List<String>> form) {
        ClientAuthentication presented;
        try {
            presented = ClientAuthentication.parse(request);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw invalid("the client authentication is malformed: " + e.getMessage());
        }
        if (presented == null) {
            String clientId = Optional.ofNullable(form.get("client_id")).filter(v -> !v.isEmpty()).map(v -> v.get(0)).orElse(null);
            Client client = known(clientId);
            if (!client.isPublic()) {
                throw invalid("client " + clientId + " must authenticate with " + client.authMethod().value());
            }
            return client;
        }
        Client client = known(presented.getClientID().getValue());
        if (!client.authMethod().value().equals(presented.getMethod().getValue())) {
            throw invalid("client " + client.clientId() + " is registered for " + client.authMethod().value() + ", not "
                    + presented.getMethod().getValue());
        }
        if (presented instanceof ClientSecretBasic basic) {
            checkSecret(client, basic.getClientSecret());
        } else if (presented instanceof ClientSecretPost post) {
            checkSecret(client, post.getClientSecret());
        } else {
            try {
                Context<Client> context = new Context<>();
                context.set(client);
                assertions.verify(presented, null, context);
            } catch (InvalidClientException e) {
                throw invalid("the client assertion was refused: " + e.getMessage());
            } catch (JOSEException e) {
                throw invalid("the client assertion could not be verified: " + e.getMessage());
            }
        }
        return client;
    }

    private Client known(String clientId) {
        Client client = clients.find(clientId).orElseThrow(() -> invalid("unknown client"));
        if (client.locked()) {
            throw invalid("client " + clientId + " is locked: ask the platform operator");
        }
        return client;
    }

    private void checkSecret(Client client, Secret secret) {
        String digest = clients.secretDigest(client.clientId()).orElse(null);
        if (!ClientSecret.matches(secret.getValue(), digest)) {
            throw invalid("wrong client secret");
        }
    }

    private static OAuthFailure invalid(String description) {
        return new OAuthFailure(OAuth2Error.INVALID_CLIENT, description);
    }

    /** The public keys a private_key_jwt client registered. */
    private static final class RegisteredKeys implements ClientCredentialsSelector<Client> {

        @Override
        public List<Secret> selectClientSecrets(ClientID id, ClientAuthenticationMethod method, Context<Client> context) {
            return List.of();
        }

        @Override
        public List<? extends PublicKey> selectPublicKeys(ClientID id, ClientAuthenticationMethod method, JWSHeader header,
                boolean forceRefresh, Context<Client> context) throws InvalidClientException {
            Client client = context.get();
            if (client.authMethod() != ClientAuthMethod.PRIVATE_KEY_JWT || client.jwks().isEmpty()) {
                throw InvalidClientException.NO_REGISTERED_JWK_SET;
            }
            List<PublicKey> keys = new ArrayList<>();
            try {
                JWKSet set = JWKSet.parse(client.jwks().get());
                for (JWK jwk : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(set)) {
                    if (jwk instanceof AsymmetricJWK asymmetric) {
                        keys.add(asymmetric.toPublicKey());
                    }
                }
            } catch (ParseException | JOSEException e) {
                throw new InvalidClientException("the registered JWK set of " + id + " is unusable: " + e.getMessage());
            }
            return keys;
        }
    }

    /** Accepts each client assertion once: its jti is kept in the token ledger until it expires. */
    private final class OnceOnly implements ExpendedJTIChecker<Client> {

        @Override
        public boolean isExpended(JWTID jti, ClientID id, ClientAuthenticationMethod method, Context<Client> context) {
            return Transactions.inTransaction(dataSource, c -> TokenLedger.find(c, key(jti, id), false).isPresent());
        }

        @Override
        public void markExpended(JWTID jti, java.util.Date exp, ClientID id, ClientAuthenticationMethod method,
                Context<Client> context) {
            Instant now = Instant.now();
            Instant expires = exp == null ? now.plusSeconds(600) : exp.toInstant();
            try {
                Transactions.inTransaction(dataSource, c -> {
                    TokenLedger.record(c, new Entry(key(jti, id), "assertion", "-", id.getValue(), null, null, "", null, now,
                            expires, now, null));
                    return null;
                });
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                    throw invalid("the client assertion was already used: sign a new one with a fresh jti");
                }
                throw e;
            }
        }

        private String key(JWTID jti, ClientID id) {
            return ClientSecret.digest(id.getValue() + " " + jti.getValue());
        }
    }
}
