package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code client:rotate-secret}. */
@Command(scope = "client", name = "rotate-secret", description = "Makes a new client secret; the old one stops working at once")
@Service
public class ClientRotateSecretCommand extends ClientCommand {

    @Override
    protected String apply() {
        String secret = clients.rotateSecret(clientId, ShellOperator.name());
        return "New secret for " + clientId + " (shown once, store it now): " + secret;
    }
}
