package org.educloud.appcenter.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Client;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;

/** A client directory that keeps registrations in memory. */
final class RecordingClients implements ClientDirectory {

    final List<NewClient> registered = new ArrayList<>();

    @Override
    public Registration register(NewClient c, String actor) {
        registered.add(c);
        return new Registration(client(c), Optional.of("secret"));
    }

    @Override
    public Optional<Client> find(String clientId) {
        return registered.stream().filter(c -> c.clientId().equals(clientId)).findFirst().map(RecordingClients::client);
    }

    @Override
    public List<Client> list(String afterClientId, int limit) {
        return registered.stream().map(RecordingClients::client).toList();
    }

    @Override
    public void lock(String clientId, String actor) {
    }

    @Override
    public void unlock(String clientId, String actor) {
    }

    @Override
    public void changeScopes(String clientId, Set<String> scopes, String actor) {
        registered.replaceAll(c -> c.clientId().equals(clientId) ? new NewClient(c.clientId(), c.nameZh(), c.nameEn(), c.authMethod(),
                c.redirectUris(), c.postLogoutRedirectUris(), c.grantTypes(), Set.copyOf(scopes), c.firstParty(), c.ownerOrg(),
                c.jwks()) : c);
    }

    @Override
    public String rotateSecret(String clientId, String actor) {
        return "secret";
    }

    @Override
    public void remove(String clientId, String actor) {
    }

    private static Client client(NewClient c) {
        return new Client(c.clientId(), c.nameZh(), c.nameEn(), c.authMethod(), c.redirectUris(), c.postLogoutRedirectUris(),
                c.grantTypes(), c.scopes(), c.firstParty(), c.ownerOrg(), c.jwks(), false);
    }
}
