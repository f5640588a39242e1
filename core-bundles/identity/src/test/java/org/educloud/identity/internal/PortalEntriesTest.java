package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.identity.AccountProblem;
import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;
import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.Test;

/** External web apps registered as portal tiles: who sees them, what is refused, and the listing, on MariaDB. */
class PortalEntriesTest {

    private static final OrgPath CITY = OrgPath.of("/37/3701");

    @Test
    void aTileIsSeenByItsRolesAtItsOrgsAndBelow() {
        PortalEntry teachersOfTheCity = new PortalEntry(URI.create("https://lessons.example.cn/"), Set.of("teacher"), List.of(CITY));
        assertTrue(teachersOfTheCity.visibleTo(List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001"))));
        assertTrue(!teachersOfTheCity.visibleTo(List.of(RoleGrant.parse("student@/37/3701/370102/3701020001"))), "another role");
        assertTrue(!teachersOfTheCity.visibleTo(List.of(RoleGrant.parse("teacher@/37/3702/370202/3702020001"))), "another city");
        assertTrue(!teachersOfTheCity.visibleTo(List.of(RoleGrant.parse("teacher@/37"))), "above the org, not in it");
        PortalEntry everyone = new PortalEntry(URI.create("https://lessons.example.cn/"), Set.of(), List.of());
        assertTrue(everyone.visibleTo(List.of(RoleGrant.parse("guardian@/46/4601"))));
        assertTrue(!everyone.visibleTo(List.of()), "no role, no tile");
    }

    @Test
    void aLaunchUrlNeedsTheCodeFlowAnHttpsUrlAndRealRoleNames() {
        assertEquals("launchUrl", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(client("svc",
                Set.of("client_credentials"), "https://svc.example.cn/", Set.of()))).field());
        assertEquals("launchUrl", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(client("web",
                Set.of("authorization_code"), "http://web.example.cn/", Set.of()))).field());
        assertEquals("launchRoles", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(client("web",
                Set.of("authorization_code"), "https://web.example.cn/", Set.of("Teachers!")))).field());
    }

    @Test
    void theDirectoryListsUnlockedClientsWithATileAndKeepsWhoSeesThem() throws Exception {
        DataSource dataSource = IdentityDatabase.fresh("educloud_identity_tiles");
        JdbcClientDirectory clients = new JdbcClientDirectory(dataSource);
        clients.register(client("lessons", Set.of("authorization_code"), "https://lessons.example.cn/start", Set.of("teacher")), "test");
        clients.register(client("library", Set.of("authorization_code"), "http://127.0.0.1:9000/", Set.of()), "test");
        clients.register(new NewClient("agency", "教育局", "Bureau", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.empty(), Optional.empty()), "test");
        clients.lock("library", "test");

        List<Client> entries = clients.portalEntries();
        assertEquals(List.of("lessons"), entries.stream().map(Client::clientId).toList());
        PortalEntry entry = entries.get(0).portalEntry().orElseThrow();
        assertEquals(URI.create("https://lessons.example.cn/start"), entry.launchUrl());
        assertEquals(Set.of("teacher"), entry.roles());
        assertEquals(List.of(CITY, OrgPath.of("/46")), entry.orgs());
        ClientDirectory paging = new ClientDirectory() {
            // Only what the default portalEntries() uses: it must agree with the directory's own query.
            @Override
            public List<Client> list(String afterClientId, int limit) {
                return clients.list(afterClientId, limit);
            }

            @Override
            public Registration register(NewClient client, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Client> find(String clientId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void lock(String clientId, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void unlock(String clientId, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String rotateSecret(String clientId, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void changeScopes(String clientId, java.util.Set<String> scopes, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void remove(String clientId, String actor) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(entries, paging.portalEntries());
        assertTrue(clients.find("agency").orElseThrow().portalEntry().isEmpty());
    }

    private static NewClient client(String id, Set<String> grants, String launchUrl, Set<String> roles) {
        return new NewClient(id, "应用", "App", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create("https://" + id + ".example.cn/cb")),
                List.of(), grants, Set.of("openid"), false, Optional.empty(), Optional.empty(), "RS256",
                Optional.of(new PortalEntry(URI.create(launchUrl), roles, List.of(CITY, OrgPath.of("/46")))));
    }
}
