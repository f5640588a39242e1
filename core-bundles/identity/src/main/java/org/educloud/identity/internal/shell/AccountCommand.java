package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.AccountProblem;

/** A command that acts on one account: prints what it did, or the problem in one line. */
public abstract class AccountCommand implements Action {

    @Argument(index = 0, name = "username", description = "The account's username", required = true)
    @Completion(UsernameCompleter.class)
    protected String username;

    @Reference
    protected AccountDirectory accounts;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.println(apply());
        } catch (AccountProblem e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }

    /** Does the work; returns the line to print. */
    protected abstract String apply() throws Exception;
}
