package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.ClientDirectory;

/** A command that acts on one client: prints what it did, or the problem in one line. */
public abstract class ClientCommand implements Action {

    @Argument(index = 0, name = "client-id", description = "The client's id", required = true)
    @Completion(ClientIdCompleter.class)
    protected String clientId;

    @Reference
    protected ClientDirectory clients;

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
    protected abstract String apply();
}
