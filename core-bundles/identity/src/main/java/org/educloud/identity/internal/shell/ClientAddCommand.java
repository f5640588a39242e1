package org.educloud.identity.internal.shell;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.ClientDirectory.Registration;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;

/** {@code client:add}: registers an OAuth 2.0 / OpenID Connect client and shows its secret once. */
@Command(scope = "client", name = "add", description = "Registers a client (a web app, an installed app, an agency's system)")
@Service
public class ClientAddCommand implements Action {

    @Argument(index = 0, name = "client-id", description = "3–64 lower-case letters, digits, . _ -", required = true)
    private String clientId;

    @Option(name = "--name-zh", description = "Name shown on the consent page in Chinese", required = true)
    private String nameZh;

    @Option(name = "--name-en", description = "Name shown in English (defaults to the client id)")
    private String nameEn;

    @Option(name = "-m", aliases = "--auth-method", description = "none (public), client_secret_basic (default), "
            + "client_secret_post or private_key_jwt")
    @Completion(value = StringsCompleter.class, values = {"none", "client_secret_basic", "client_secret_post", "private_key_jwt"})
    private String authMethod = "client_secret_basic";

    @Option(name = "-g", aliases = "--grant", description = "authorization_code, refresh_token, client_credentials; repeat "
            + "(default: authorization_code and refresh_token)", multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"authorization_code", "refresh_token", "client_credentials"})
    private List<String> grants = new ArrayList<>();

    @Option(name = "-r", aliases = "--redirect-uri", description = "A redirect URI (exact match); repeat for more", multiValued = true)
    private List<String> redirectUris = new ArrayList<>();

    @Option(name = "-l", aliases = "--post-logout-uri", description = "Where to return after logout; repeat for more", multiValued = true)
    private List<String> postLogoutUris = new ArrayList<>();

    @Option(name = "-s", aliases = "--scope", description = "A scope it may ask for; repeat (default: openid profile)", multiValued = true)
    private List<String> scopes = new ArrayList<>();

    @Option(name = "--first-party", description = "The region's own app: no consent page")
    private boolean firstParty;

    @Option(name = "-o", aliases = "--owner-org", description = "The org it belongs to, e.g. /37/3701 (an agency, a vendor)")
    private String ownerOrg;

    @Option(name = "--jwks-file", description = "A file with the public JWK set of a private_key_jwt client")
    private String jwksFile;

    @Option(name = "--id-token-alg", description = "How its ID tokens are signed: RS256 (default) or ES256")
    @Completion(value = StringsCompleter.class, values = {"RS256", "ES256"})
    private String idTokenAlg = "RS256";

    @Option(name = "--launch-url", description = "Lists it on the portal as an external web app: the URL its tile opens "
            + "(the app then logs the user in through the kernel, with no second login)")
    private String launchUrl;

    @Option(name = "--launch-role", description = "With --launch-url: a role whose holders see the tile, e.g. teacher; repeat "
            + "(default: every role)", multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"student", "teacher", "guardian", "staff", "school-admin",
            "district-officer", "city-officer", "province-officer"})
    private List<String> launchRoles = new ArrayList<>();

    @Option(name = "--launch-org", description = "With --launch-url: an org whose people see the tile (a role there or below), "
            + "e.g. /37/3701; repeat (default: the whole region)", multiValued = true)
    private List<String> launchOrgs = new ArrayList<>();

    @Reference
    private ClientDirectory clients;

    @Override
    public Object execute() throws Exception {
        try {
            NewClient client = new NewClient(clientId, nameZh, nameEn == null ? clientId : nameEn, ClientAuthMethod.of(authMethod),
                    redirectUris.stream().map(URI::create).toList(), postLogoutUris.stream().map(URI::create).toList(),
                    new LinkedHashSet<>(grants.isEmpty() ? List.of("authorization_code", "refresh_token") : grants),
                    new LinkedHashSet<>(scopes.isEmpty() ? List.of("openid", "profile") : scopes), firstParty,
                    Optional.ofNullable(ownerOrg).map(OrgPath::of),
                    jwksFile == null ? Optional.empty() : Optional.of(Files.readString(Path.of(jwksFile))), idTokenAlg,
                    portalEntry());
            Registration registration = clients.register(client, ShellOperator.name());
            System.out.println("Registered client " + clientId + " (" + authMethod + ", grants " + String.join(" ",
                    registration.client().grantTypes()) + ").");
            registration.client().portalEntry().ifPresent(entry -> System.out.println("Listed on the portal: " + entry.launchUrl()
                    + " for " + (entry.roles().isEmpty() ? "every role" : String.join(", ", entry.roles())) + " at "
                    + (entry.orgs().isEmpty() ? "/" : entry.orgs().stream().map(OrgPath::value).collect(java.util.stream.Collectors.joining(", ")))));
            registration.secret().ifPresent(secret -> System.out.println("Client secret (shown once, store it now): " + secret));
        } catch (AccountProblem | IllegalArgumentException | java.io.IOException e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }

    private Optional<PortalEntry> portalEntry() {
        if (launchUrl == null) {
            if (!launchRoles.isEmpty() || !launchOrgs.isEmpty()) {
                throw new IllegalArgumentException("--launch-role and --launch-org say who sees the portal tile of --launch-url: "
                        + "give --launch-url too");
            }
            return Optional.empty();
        }
        return Optional.of(new PortalEntry(URI.create(launchUrl), new LinkedHashSet<>(launchRoles),
                launchOrgs.stream().map(OrgPath::of).toList()));
    }
}
