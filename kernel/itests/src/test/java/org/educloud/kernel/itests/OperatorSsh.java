package org.educloud.kernel.itests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.educloud.testkit.Eventually;
import org.educloud.testkit.KernelAddress;

/** Runs shell commands over SSH as the operator, with the password generated at first start. */
final class OperatorSsh implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final SshClient client;

    OperatorSsh() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /** Runs one command; Karaf's SSH server ends the connection after each exec, so each logs in anew. */
    String run(String command) throws Exception {
        Path passwordFile = Path.of(System.getProperty("karaf.data"), "operator-initial-password");
        Eventually.holds("the generated password is written to " + passwordFile, TIMEOUT, () -> Files.exists(passwordFile));
        try (ClientSession session = client.connect("operator", "127.0.0.1", KernelAddress.SSH_PORT).verify(TIMEOUT).getSession()) {
            session.addPasswordIdentity(Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
            session.auth().verify(TIMEOUT);
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

    @Override
    public void close() {
        client.stop();
    }
}
