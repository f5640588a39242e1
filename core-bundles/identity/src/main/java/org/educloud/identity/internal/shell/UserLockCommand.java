package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code user:lock}. */
@Command(scope = "user", name = "lock", description = "Refuses every login of an account until it is unlocked")
@Service
public class UserLockCommand extends AccountCommand {

    @Override
    protected String apply() {
        accounts.lock(username, ShellOperator.name());
        return "Locked " + username + ".";
    }
}
