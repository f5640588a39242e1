package org.educloud.testkit.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.educloud.appcenter.deployment.AppInstallationException;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.app.AppDescriptor;
import org.educloud.testkit.EduCloudKernel;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;
import org.educloud.testkit.School;
import org.educloud.testkit.TestKit;
import org.educloud.testkit.TestUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The kit inside the kernel under test: seeds the example region and its users through the
 * kernel's own services, installs the app under test through the app center, and logs users in
 * through the real login pages. Everything happens on first use, once per kernel.
 */
@Component(service = TestKit.class)
public final class SeededTestKit implements TestKit {

    /** Who the kit's changes are recorded as. */
    static final String ACTOR = "testkit";
    static final String INITIAL_PASSWORD = "test kit initial password";
    /** Kernel tokens live 5 minutes by default: one is used for at most 2, so a test never holds an expired one. */
    private static final Duration TOKEN_USE = Duration.ofMinutes(2);

    private final AccountDirectory accounts;
    private final ClientDirectory clients;
    private final OrgDirectory orgs;
    private final AppInstallations apps;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private Seeded seeded;

    private record Token(String value, Instant usableUntil) {
    }

    /** What the first use made. */
    private record Seeded(Optional<AppDescriptor> app, String[] portal, String scope) {
    }

    @Activate
    public SeededTestKit(@Reference(name = "accounts") AccountDirectory accounts, @Reference(name = "clients") ClientDirectory clients,
            @Reference(name = "orgs") OrgDirectory orgs, @Reference(name = "apps") AppInstallations apps) {
        this.accounts = accounts;
        this.clients = clients;
        this.orgs = orgs;
        this.apps = apps;
    }

    @Override
    public School school() {
        return ExampleRegion.SCHOOL;
    }

    @Override
    public School otherSchool() {
        return ExampleRegion.OTHER_SCHOOL;
    }

    @Override
    public TestUser teacher() {
        return user("kit.teacher", "teacher@" + school().path());
    }

    @Override
    public TestUser student() {
        return user("kit.student", "student@" + school().path());
    }

    @Override
    public TestUser outsider() {
        return user("kit.outsider", "teacher@" + otherSchool().path());
    }

    @Override
    public TestUser user(String username, String grant) {
        seeded();
        RoleGrant wanted = RoleGrant.parse(grant);
        Optional<Account> existing = accounts.find(username);
        if (existing.isEmpty()) {
            accounts.create(NewAccount.of(username, username, INITIAL_PASSWORD, List.of(wanted)), ACTOR);
        } else if (!existing.get().grants().contains(wanted)) {
            throw new IllegalArgumentException("The account " + username + " exists with the roles " + existing.get().grants()
                    + ", not " + grant + ": choose another username for this role");
        }
        return new TestUser(username, wanted.role(), wanted.org().toString());
    }

    @Override
    public String tokenFor(TestUser user) {
        Seeded ready = seeded();
        Token held = tokens.get(user.username());
        if (held != null && Instant.now().isBefore(held.usableUntil())) {
            return held.value();
        }
        Account account = accounts.find(user.username()).orElseThrow(() -> new IllegalArgumentException("No account "
                + user.username() + ": make it with TestKit.user(username, grant)"));
        String password = account.mustChangePassword() ? INITIAL_PASSWORD : LoginFlow.NEW_PASSWORD;
        try {
            String token = LoginFlow.login(ready.portal(), user.username(), password, LoginFlow.NEW_PASSWORD, ready.scope());
            tokens.put(user.username(), new Token(token, Instant.now().plus(TOKEN_USE)));
            return token;
        } catch (Exception e) {
            throw new IllegalStateException("Logging " + user.username() + " in failed: " + e);
        }
    }

    @Override
    public Optional<AppDescriptor> app() {
        return seeded().app();
    }

    @Override
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        seeded(); // the app's pages too are there only once it is installed
        return KernelHttp.get(path);
    }

    @Override
    public HttpResponse<String> get(String path, TestUser as) throws IOException, InterruptedException {
        return KernelHttp.get(path, "Bearer " + tokenFor(as));
    }

    @Override
    public HttpResponse<String> send(String method, String path, TestUser as, String json) throws IOException, InterruptedException {
        return KernelHttp.send(method, path, "Bearer " + tokenFor(as), json);
    }

    private synchronized Seeded seeded() {
        if (seeded == null) {
            new ExampleRegion(orgs).seed();
            Optional<AppDescriptor> app = installAppUnderTest();
            Set<String> scopes = new LinkedHashSet<>(List.of("openid", "appcenter"));
            app.ifPresent(descriptor -> scopes.addAll(descriptor.scopes()));
            seeded = new Seeded(app, LoginFlow.portal(clients, scopes), String.join(" ", scopes));
        }
        return seeded;
    }

    /**
     * The package the test named, checked and stored by the app center, installed for the school and live.
     * Failures carry the kernel's message only: its exception classes do not exist where the test reports them.
     */
    private Optional<AppDescriptor> installAppUnderTest() {
        String file = System.getProperty(EduCloudKernel.APP_UNDER_TEST, "");
        if (file.isBlank()) {
            return Optional.empty();
        }
        StoredPackage stored;
        try {
            stored = apps.store(Path.of(file), Optional.empty(), ACTOR);
        } catch (PackageRefusedException e) {
            throw new AssertionError("The app center refuses the app package " + file + ": " + e.getMessage());
        }
        Deployment deployment;
        try {
            deployment = apps.install(stored.appId(), stored.version(), school().path(), ACTOR);
        } catch (AppInstallationException e) {
            throw new AssertionError("Installing " + stored.appId() + " " + stored.version() + " failed: " + e.getMessage());
        }
        if (deployment.state() != DeploymentState.LIVE) {
            throw new AssertionError(stored.appId() + " " + stored.version() + " did not go live: " + deployment.state() + " "
                    + deployment.reason());
        }
        return Optional.of(stored.descriptor());
    }
}
