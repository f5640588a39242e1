package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code client:remove}. */
@Command(scope = "client", name = "remove", description = "Deletes a client, its consents and its live tokens")
@Service
public class ClientRemoveCommand extends ClientCommand {

    @Override
    protected String apply() {
        clients.remove(clientId, ShellOperator.name());
        return String.format("Removed %s.", clientId);
    }
}
