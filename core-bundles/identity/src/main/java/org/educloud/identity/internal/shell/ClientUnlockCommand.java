package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code client:unlock}. */
@Command(scope = "client", name = "unlock", description = "Lets a locked client in again")
@Service
public class ClientUnlockCommand extends ClientCommand {

    @Override
    protected String apply() {
        clients.unlock(clientId, ShellOperator.name());
        return String.format("Unlocked %s.", clientId);
    }
}
