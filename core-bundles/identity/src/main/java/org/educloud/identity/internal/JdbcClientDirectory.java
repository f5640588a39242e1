package org.educloud.identity.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.educloud.identity.AccountProblem;
import org.educloud.identity.AccountProblem.Kind;
import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/** The clients in MariaDB ({@code idn_client}); secrets are stored as SHA-256 only, every change is audited. */
@Component(service = {ClientDirectory.class, JdbcClientDirectory.class})
public final class JdbcClientDirectory implements ClientDirectory {

    static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials");
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");
    private static final String COLUMNS = "client_id, name_zh, name_en, auth_method, secret_hash, jwks, redirect_uris, "
            + "post_logout_uris, grant_types, scopes, first_party, owner_org, locked, id_token_alg, launch_url, launch_roles, launch_orgs";

    private final DataSource dataSource;

    @Activate
    public JdbcClientDirectory(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Registration register(NewClient client, String actor) {
        validate(client);
        Optional<String> secret = client.authMethod().value().startsWith("client_secret_")
                ? Optional.of(ClientSecret.generate()) : Optional.empty();
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_client (client_id, name_zh, name_en, "
                    + "auth_method, secret_hash, jwks, redirect_uris, post_logout_uris, grant_types, scopes, first_party, owner_org, "
                    + "id_token_alg, launch_url, launch_roles, launch_orgs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, client.clientId());
                insert.setString(2, client.nameZh().strip());
                insert.setString(3, client.nameEn().strip());
                insert.setString(4, client.authMethod().value());
                insert.setString(5, secret.map(ClientSecret::digest).orElse(null));
                insert.setString(6, client.jwks().orElse(null));
                insert.setString(7, lines(client.redirectUris()));
                insert.setString(8, lines(client.postLogoutRedirectUris()));
                insert.setString(9, String.join(" ", new java.util.TreeSet<>(client.grantTypes())));
                insert.setString(10, String.join(" ", new java.util.TreeSet<>(client.scopes())));
                insert.setBoolean(11, client.firstParty());
                insert.setString(12, client.ownerOrg().map(OrgPath::value).orElse(null));
                insert.setString(13, client.idTokenSigningAlg());
                Optional<PortalEntry> entry = client.portalEntry();
                insert.setString(14, entry.map(e -> e.launchUrl().toString()).orElse(null));
                insert.setString(15, entry.map(e -> String.join(" ", new java.util.TreeSet<>(e.roles()))).orElse(null));
                insert.setString(16, entry.map(e -> e.orgs().stream().map(OrgPath::value).collect(Collectors.joining(" "))).orElse(null));
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new AccountProblem(Kind.CONFLICT, "clientId", "client id " + client.clientId() + " is taken; choose another");
            }
            AuditTrail.record(connection, actor, "client.register", client.clientId(), null, "success",
                    client.authMethod().value() + " grants " + client.grantTypes() + " scopes " + client.scopes());
            return new Registration(load(connection, client.clientId()).orElseThrow(), secret);
        });
    }

    @Override
    public Optional<Client> find(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        return Transactions.inTransaction(dataSource, connection -> load(connection, clientId));
    }

    @Override
    public List<Client> list(String afterClientId, int limit) {
        return Transactions.inTransaction(dataSource, connection -> {
            List<Client> clients = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM idn_client WHERE client_id > ? ORDER BY client_id LIMIT ?")) {
                query.setString(1, afterClientId == null ? "" : afterClientId);
                query.setInt(2, Math.max(1, Math.min(limit, 500)));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        clients.add(client(rows));
                    }
                }
            }
            return clients;
        });
    }

    @Override
    public List<Client> portalEntries() {
        return Transactions.inTransaction(dataSource, connection -> {
            List<Client> clients = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM idn_client "
                    + "WHERE launch_url IS NOT NULL AND locked = FALSE ORDER BY client_id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    clients.add(client(rows));
                }
            }
            return clients;
        });
    }

    /**
     * Clients owned inside {@code orgs} (an org or below), in id order after {@code afterClientId};
     * clients without an owner org only when {@code orgs} holds the root.
     */
    List<Client> listWithin(List<OrgPath> orgs, String afterClientId, int limit) {
        if (orgs.contains(OrgPath.ROOT)) {
            return list(afterClientId, limit);
        }
        if (orgs.isEmpty()) {
            return List.of();
        }
        String inside = String.join(" OR ", java.util.Collections.nCopies(orgs.size(), "owner_org = ? OR owner_org LIKE ?"));
        return Transactions.inTransaction(dataSource, connection -> {
            List<Client> clients = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM idn_client WHERE client_id > ? "
                    + "AND (" + inside + ") ORDER BY client_id LIMIT ?")) {
                int index = 1;
                query.setString(index++, afterClientId == null ? "" : afterClientId);
                for (OrgPath org : orgs) {
                    query.setString(index++, org.value());
                    query.setString(index++, org.value().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
                }
                query.setInt(index, Math.max(1, Math.min(limit, 500)));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        clients.add(client(rows));
                    }
                }
            }
            return clients;
        });
    }

    @Override
    public void lock(String clientId, String actor) {
        change(clientId, actor, "client.lock", "UPDATE idn_client SET locked = TRUE, updated_at = CURRENT_TIMESTAMP(3) WHERE client_id = ?");
    }

    @Override
    public void unlock(String clientId, String actor) {
        change(clientId, actor, "client.unlock", "UPDATE idn_client SET locked = FALSE, updated_at = CURRENT_TIMESTAMP(3) WHERE client_id = ?");
    }

    @Override
    public void changeScopes(String clientId, Set<String> scopes, String actor) {
        checkScopes(scopes);
        Set<String> wanted = new TreeSet<>(scopes);
        Transactions.inTransaction(dataSource, connection -> {
            Client client = load(connection, clientId).orElseThrow(() -> notFound(clientId));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idn_client SET scopes = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE client_id = ?")) {
                update.setString(1, String.join(" ", wanted));
                update.setString(2, clientId);
                update.executeUpdate();
            }
            boolean narrowed = !wanted.containsAll(client.scopes());
            if (narrowed) {
                TokenLedger.revokeClient(connection, clientId);
            }
            AuditTrail.record(connection, actor, "client.scopes", clientId, null, "success", "scopes " + new TreeSet<>(client.scopes())
                    + " -> " + wanted + (narrowed ? "; live tokens revoked" : ""));
            return null;
        });
    }

    @Override
    public String rotateSecret(String clientId, String actor) {
        Client client = find(clientId).orElseThrow(() -> notFound(clientId));
        if (!client.authMethod().value().startsWith("client_secret_")) {
            throw new AccountProblem(Kind.INVALID, "authMethod", "client " + clientId + " authenticates with "
                    + client.authMethod().value() + ", not a secret; there is no secret to rotate");
        }
        String secret = ClientSecret.generate();
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idn_client SET secret_hash = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE client_id = ?")) {
                update.setString(1, ClientSecret.digest(secret));
                update.setString(2, clientId);
                update.executeUpdate();
            }
            AuditTrail.record(connection, actor, "client.rotate-secret", clientId, null, "success", "");
            return null;
        });
        return secret;
    }

    @Override
    public void remove(String clientId, String actor) {
        Transactions.inTransaction(dataSource, connection -> {
            TokenLedger.revokeClient(connection, clientId);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idn_client WHERE client_id = ?")) {
                delete.setString(1, clientId);
                if (delete.executeUpdate() == 0) {
                    throw notFound(clientId);
                }
            }
            AuditTrail.record(connection, actor, "client.remove", clientId, null, "success", "");
            return null;
        });
    }

    /** The stored secret digest of a client, for the token endpoint's check. */
    Optional<String> secretDigest(String clientId) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT secret_hash FROM idn_client WHERE client_id = ?")) {
                query.setString(1, clientId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void change(String clientId, String actor, String action, String sql) {
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, clientId);
                if (update.executeUpdate() == 0) {
                    throw notFound(clientId);
                }
            }
            if (action.equals("client.lock")) {
                TokenLedger.revokeClient(connection, clientId);
            }
            AuditTrail.record(connection, actor, action, clientId, null, "success", "");
            return null;
        });
    }

    static void validate(NewClient client) {
        if (client.clientId() == null || !CLIENT_ID.matcher(client.clientId()).matches()) {
            throw invalid("clientId", "client id '" + client.clientId() + "' is not valid: use 3–64 lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        for (String[] name : new String[][] {{"nameZh", client.nameZh()}, {"nameEn", client.nameEn()}}) {
            if (name[1] == null || name[1].isBlank() || name[1].length() > 100) {
                throw invalid(name[0], name[0] + " is required (at most 100 characters): users see it on the consent page");
            }
        }
        for (String grant : client.grantTypes()) {
            if (grant.equals("implicit") || grant.equals("password")) {
                throw invalid("grantTypes", "the " + grant + " grant is not offered (it leaks tokens or passwords): "
                        + "use authorization_code with PKCE");
            }
            if (!GRANTS.contains(grant)) {
                throw invalid("grantTypes", "grant type '" + grant + "' is not known: use authorization_code, refresh_token "
                        + "or client_credentials");
            }
        }
        if (client.grantTypes().isEmpty()) {
            throw invalid("grantTypes", "a client needs at least one grant type: authorization_code, refresh_token or client_credentials");
        }
        if (client.isPublicClient() && client.grantTypes().contains("client_credentials")) {
            throw invalid("grantTypes", "a public client (auth method none) cannot use client_credentials: it has no secret to prove itself");
        }
        if (client.grantTypes().contains("authorization_code") && client.redirectUris().isEmpty()) {
            throw invalid("redirectUris", "an authorization_code client needs at least one redirect URI");
        }
        for (URI uri : client.redirectUris()) {
            checkRedirect("redirectUris", uri);
        }
        for (URI uri : client.postLogoutRedirectUris()) {
            checkRedirect("postLogoutRedirectUris", uri);
        }
        checkScopes(client.scopes());
        if (!Set.of("RS256", "ES256").contains(client.idTokenSigningAlg())) {
            throw invalid("idTokenSigningAlg", "ID tokens are signed RS256 (the default) or ES256, not '"
                    + client.idTokenSigningAlg() + "'");
        }
        client.portalEntry().ifPresent(entry -> {
            if (!client.grantTypes().contains("authorization_code")) {
                throw invalid("launchUrl", "a client launched from the portal logs its users in: it needs the authorization_code grant");
            }
            checkRedirect("launchUrl", entry.launchUrl());
            for (String role : entry.roles()) {
                try {
                    new RoleGrant(role, OrgPath.ROOT);
                } catch (IllegalArgumentException e) {
                    throw invalid("launchRoles", e.getMessage());
                }
            }
        });
        if (client.authMethod() == ClientAuthMethod.PRIVATE_KEY_JWT) {
            String jwks = client.jwks().orElseThrow(() -> invalid("jwks", "a private_key_jwt client needs its public keys "
                    + "(a JWK set, e.g. {\"keys\":[{\"kty\":\"RSA\",...}]})"));
            try {
                JWKSet set = JWKSet.parse(jwks);
                if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch(JWK::isPrivate)) {
                    throw invalid("jwks", "the JWK set must hold at least one key, and public keys only: never send a private key");
                }
            } catch (ParseException e) {
                throw invalid("jwks", "the JWK set is not valid JSON Web Keys: " + e.getMessage());
            }
        }
    }

    static void checkScopes(Collection<String> scopes) {
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw invalid("scopes", "scope '" + scope + "' is not valid: printable ASCII without spaces, quotes or backslashes");
            }
        }
    }

    /** https anywhere, http only on this machine (RFC 8252 loopback); no fragments. */
    private static void checkRedirect(String field, URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (!uri.isAbsolute() || uri.getFragment() != null || host == null
                || !("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
            throw invalid(field, "'" + uri + "' is not allowed: use an absolute https URL without a fragment "
                    + "(http only for localhost or 127.0.0.1)");
        }
    }

    private static Optional<Client> load(Connection connection, String clientId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM idn_client WHERE client_id = ?")) {
            query.setString(1, clientId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(client(row)) : Optional.empty();
            }
        }
    }

    private static Client client(ResultSet row) throws SQLException {
        String owner = row.getString("owner_org");
        String launchUrl = row.getString("launch_url");
        Optional<PortalEntry> entry = launchUrl == null ? Optional.empty() : Optional.of(new PortalEntry(URI.create(launchUrl),
                words(row.getString("launch_roles")), words(row.getString("launch_orgs")).stream().map(OrgPath::of).toList()));
        return new Client(row.getString("client_id"), row.getString("name_zh"), row.getString("name_en"),
                ClientAuthMethod.of(row.getString("auth_method")), uris(row.getString("redirect_uris")),
                uris(row.getString("post_logout_uris")), words(row.getString("grant_types")), words(row.getString("scopes")),
                row.getBoolean("first_party"), Optional.ofNullable(owner).map(OrgPath::of),
                Optional.ofNullable(row.getString("jwks")), row.getBoolean("locked"), row.getString("id_token_alg"),
                entry);
    }

    private static String lines(List<URI> uris) {
        return uris.stream().map(URI::toString).collect(Collectors.joining("\n"));
    }

    private static List<URI> uris(String lines) {
        return lines == null || lines.isBlank() ? List.of() : Arrays.stream(lines.split("\n")).map(URI::create).toList();
    }

    private static Set<String> words(String text) {
        return text == null || text.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(text.split(" ")));
    }

    private static AccountProblem invalid(String field, String message) {
        return new AccountProblem(Kind.INVALID, field, message);
    }

    private static AccountProblem notFound(String clientId) {
        return new AccountProblem(Kind.NOT_FOUND, "clientId", "no client " + clientId);
    }
}
