package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code client:lock}. */
@Command(scope = "client", name = "lock", description = "Refuses a client everywhere and revokes its live tokens")
@Service
public class ClientLockCommand extends ClientCommand {

    @Override
    protected String apply() {
        clients.lock(clientId, ShellOperator.name());
        return String.format("Locked %s; its live tokens are revoked.", clientId);
    }
}
