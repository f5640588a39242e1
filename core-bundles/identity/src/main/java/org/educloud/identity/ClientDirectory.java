package org.educloud.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registered OAuth 2.0 / OpenID Connect clients. Every change is audited with the acting
 * principal's name. Methods throw {@link AccountProblem} (its field names the client's field)
 * for bad input, unknown clients and conflicts.
 */
public interface ClientDirectory {

    /** A client as registered, with its secret in clear; the secret is never shown again. */
    record Registration(Client client, Optional<String> secret) {
    }

    /** Registers a client; a {@code client_secret_*} client gets a new random secret. */
    Registration register(NewClient client, String actor);

    /** The client with this id. */
    Optional<Client> find(String clientId);

    /** Clients in id order after {@code afterClientId} (empty for the first page), at most {@code limit}. */
    List<Client> list(String afterClientId, int limit);

    /**
     * The clients with a portal tile ({@link Client#portalEntry()}) that are not locked, in id order:
     * the external web apps the portal lists. This default pages through {@link #list}; a directory
     * with a query of its own should answer with it.
     */
    default List<Client> portalEntries() {
        List<Client> entries = new java.util.ArrayList<>();
        String after = "";
        for (List<Client> page = list(after, 500); !page.isEmpty(); page = list(after, 500)) {
            page.stream().filter(client -> client.portalEntry().isPresent() && !client.locked()).forEach(entries::add);
            after = page.get(page.size() - 1).clientId();
        }
        return entries;
    }

    /** Refuses the client everywhere and revokes its live tokens. */
    void lock(String clientId, String actor);

    /** Lets a locked client in again. */
    void unlock(String clientId, String actor);

    /**
     * Sets the scopes the client may be granted (e.g. an app's client when a later version of the
     * app asks for others). When a scope is taken away, the client's live tokens are revoked, so
     * that it stops working at once; the client asks for new ones.
     */
    void changeScopes(String clientId, Set<String> scopes, String actor);

    /** Makes a new secret (the old one stops working at once) and returns it in clear. */
    String rotateSecret(String clientId, String actor);

    /** Deletes the client, its consents and its live tokens. */
    void remove(String clientId, String actor);
}
