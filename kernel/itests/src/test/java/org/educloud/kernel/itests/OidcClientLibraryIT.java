package org.educloud.kernel.itests;

import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.NewClient;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

/**
 * The provider as an independent relying party sees it: panva's OpenID-certified
 * {@code openid-client} (Node.js, src/test/oidc-client/e2e.mjs) runs discovery, the code flow with
 * PKCE through the real sign-in pages, userinfo, refresh, revocation and logout against the
 * booted kernel. Our own tests and the provider share Nimbus, so they could share its mistakes;
 * this library shares nothing with either.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OidcClientLibraryIT {

    // Nothing listens on port 9: the script reads the redirects and never follows them.
    private static final String CALLBACK = "http://localhost:9/openid-client/callback";
    private static final String GOODBYE = "http://localhost:9/openid-client/goodbye";
    private static final String CLIENT_ID = "openid-client-e2e";
    private static final String USERNAME = "library.user";
    private static final String PASSWORD = "first login password";
    private static final String NEW_PASSWORD = "a much better password 2026";
    private static final String ROLE = "teacher@/37/3701/370102/3701020001";

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void openidClientCompletesTheWholeFlow() throws Exception {
        accounts.create(NewAccount.of(USERNAME, "库测试用户", PASSWORD,
                List.of(RoleGrant.parse(ROLE))), "itest");
        String secret = clients.register(new NewClient(CLIENT_ID, "第三方应用", "Third-party app",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create(CALLBACK)), List.of(URI.create(GOODBYE)),
                Set.of("authorization_code", "refresh_token"), Set.of("openid", "profile"), false, Optional.empty(),
                Optional.empty()), "itest").secret().orElseThrow();

        // This method runs inside the kernel (the Pax Exam probe); the folder comes in as a system property.
        File script = new File(System.getProperty(KernelUnderTest.OIDC_CLIENT_FOLDER, "(unset)"));
        if (!new File(script, "e2e.mjs").isFile()) {
            fail("no e2e.mjs in " + script + ": system property " + KernelUnderTest.OIDC_CLIENT_FOLDER
                    + " must name kernel/itests/src/test/oidc-client; run the tests through Maven: mvn verify");
        }
        requireNode();
        File installed = new File(script, "node_modules/.package-lock.json");
        if (!installed.isFile() || installed.lastModified() < new File(script, "package-lock.json").lastModified()) {
            run(script, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), Map.of(), 5);
        }
        run(script, List.of("node", "e2e.mjs"), Map.of(
                "OIDC_ISSUER", KernelAddress.ISSUER,
                "OIDC_CLIENT_ID", CLIENT_ID,
                "OIDC_CLIENT_SECRET", secret,
                "OIDC_REDIRECT_URI", CALLBACK,
                "OIDC_POST_LOGOUT_URI", GOODBYE,
                "OIDC_USERNAME", USERNAME,
                "OIDC_PASSWORD", PASSWORD,
                "OIDC_NEW_PASSWORD", NEW_PASSWORD,
                "OIDC_ROLE", ROLE), 2);
    }

    /** Fails, saying how to install Node.js, unless node 20+ and npm are on the PATH. */
    private static void requireNode() throws InterruptedException {
        String install = "this test drives the provider with the Node.js library openid-client and needs Node.js 20 or "
                + "later with npm on the PATH (Debian/Ubuntu: apt-get install -y nodejs npm; elsewhere: https://nodejs.org); "
                + ".ci/run installs it on CI machines";
        for (String tool : List.of("node", "npm")) {
            String version;
            try {
                Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (process.waitFor() != 0) {
                    fail("'" + tool + " --version' failed (" + version + "): " + install);
                }
            } catch (IOException e) {
                fail("'" + tool + "' is not on the PATH: " + install);
                return;
            }
            if (tool.equals("node") && Integer.parseInt(version.replaceAll("^v(\\d+).*", "$1")) < 20) {
                fail("node is " + version + ": " + install);
            }
        }
    }

    /** Runs a command in the folder, its output streamed into the test log; fails with that output unless it exits 0. */
    private static void run(File folder, List<String> command, Map<String, String> environment, int minutes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[" + command.get(0) + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended; what it printed is in output
            }
        }, "output of " + command.get(0));
        reader.start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String said;
        synchronized (output) {
            said = output.toString();
        }
        if (!finished || process.exitValue() != 0) {
            fail("'" + String.join(" ", command) + "' in " + folder + (finished ? " exited with " + process.exitValue()
                    : " was stopped after " + minutes + " minutes") + ":\n" + said);
        }
    }
}
