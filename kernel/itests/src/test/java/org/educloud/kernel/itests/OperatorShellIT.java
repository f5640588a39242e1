package org.educloud.kernel.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.educloud.testkit.Eventually;
import org.educloud.testkit.KernelAddress;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

/**
 * The operator shell over SSH: Karaf's default karaf/karaf login does not exist, and the operator
 * login created at first start (here with a generated password) runs platform commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OperatorShellIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The SSH server is up once the shell's session factory is. */
    @Inject
    @Filter(timeout = 120_000)
    private SessionFactory shell;

    private SshClient client;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Before
    public void startClient() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @After
    public void stopClient() {
        client.stop();
    }

    @Test
    public void theDefaultKarafLoginIsRefused() throws Exception {
        assertRefused("karaf", "karaf");
    }

    @Test
    public void theOperatorLogsInWithTheGeneratedPasswordAndRunsPlatformInfo() throws Exception {
        String output = asOperator("platform:info");

        assertTrue(output, output.contains("EduCloud"));
        assertTrue(output, output.contains("jdbc:mariadb://"));
        assertTrue(output, output.contains("org.educloud.platform"));
    }

    @Test
    public void theOperatorCreatesListsAndLocksAccounts() throws Exception {
        // Karaf's SSH server ends the connection after each exec, so each command logs in anew.
        String added = asOperator("user:add -p 'correct horse battery' -g teacher@/37/3701/370102/3701020001 "
                + "-s T20260001 shell.teacher 王老师");
        assertTrue(added, added.contains("Created account shell.teacher"));
        String refused = asOperator("user:add -p short shell.other 李老师");
        assertTrue("a weak password is refused with the reason: " + refused, refused.contains("at least 12 characters"));

        asOperator("user:lock shell.teacher");
        String listed = asOperator("user:list shell.");
        assertTrue(listed, listed.contains("王老师"));
        assertTrue(listed, listed.contains("locked"));
        assertTrue(listed, listed.contains("teacher@/37/3701/370102/3701020001"));
        assertTrue("only the valid account exists: " + listed, !listed.contains("shell.other"));
    }

    @Test
    public void theOperatorRegistersListsRotatesAndLocksClients() throws Exception {
        String added = asOperator("client:add --name-zh 区教育局 --name-en 'District bureau' -m client_secret_post "
                + "-g client_credentials -s basedata.read -o /37/3701/370102 shell.agency");
        assertTrue(added, added.contains("Registered client shell.agency"));
        assertTrue("the secret is shown once: " + added, added.contains("Client secret (shown once"));
        String implicit = asOperator("client:add --name-zh 旧应用 -g implicit -r https://old.example.cn/cb shell.legacy");
        assertTrue(implicit, implicit.contains("Error:") && implicit.contains("authorization_code with PKCE"));

        String rotated = asOperator("client:rotate-secret shell.agency");
        assertTrue(rotated, rotated.contains("New secret for shell.agency"));
        asOperator("client:lock shell.agency");
        String listed = asOperator("client:list");
        assertTrue(listed, listed.contains("shell.agency") && listed.contains("locked"));
        assertTrue("the refused client was not registered: " + listed, !listed.contains("shell.legacy"));
    }

    @Test
    public void theOperatorsWrongPasswordIsRefused() throws Exception {
        assertRefused("operator", "not-the-operator-password");
    }

    private void assertRefused(String user, String password) throws Exception {
        try (ClientSession session = connect(user)) {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            fail(user + "/" + password + " logged in");
        } catch (SshException refused) {
            // authentication failed, as it must
        }
    }

    /** Runs one command logged in as the operator, with the password generated at first start. */
    private String asOperator(String command) throws Exception {
        Path passwordFile = Path.of(System.getProperty("karaf.data"), "operator-initial-password");
        Eventually.holds("the generated password is written to " + passwordFile, TIMEOUT, () -> Files.exists(passwordFile));
        try (ClientSession session = connect("operator")) {
            session.addPasswordIdentity(Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
            session.auth().verify(TIMEOUT);
            return run(session, command);
        }
    }

    private ClientSession connect(String user) throws Exception {
        return client.connect(user, "127.0.0.1", KernelAddress.SSH_PORT).verify(TIMEOUT).getSession();
    }

    private static String run(ClientSession session, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command + "\n")) {
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
