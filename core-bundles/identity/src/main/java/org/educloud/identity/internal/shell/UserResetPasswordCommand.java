package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code user:reset-password}. */
@Command(scope = "user", name = "reset-password", description = "Sets a temporary password that must be changed at the next login")
@Service
public class UserResetPasswordCommand extends AccountCommand {

    @Option(name = "-p", aliases = "--password", description = "The temporary password (asked for when left out)")
    private String password;

    @Reference
    private Session session;

    @Override
    protected String apply() throws Exception {
        String temporary = password != null ? password : session.readLine("Temporary password for " + username + ": ", '*');
        accounts.resetPassword(username, temporary, ShellOperator.name());
        return "Reset the password of " + username + "; it must be changed at the next login.";
    }
}
