package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code user:unlock}. */
@Command(scope = "user", name = "unlock", description = "Lifts a lock and any block after failed logins")
@Service
public class UserUnlockCommand extends AccountCommand {

    @Override
    protected String apply() {
        accounts.unlock(username, ShellOperator.name());
        return "Unlocked " + username + ".";
    }
}
