package org.educloud.identity.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;

/** {@code user:add}: creates an account whose password must be changed at first login. */
@Command(scope = "user", name = "add", description = "Creates an account; its password must be changed at first login")
@Service
public class UserAddCommand implements Action {

    @Argument(index = 0, name = "username", description = "Login name: 3–64 letters, digits, . _ -", required = true)
    private String username;

    @Argument(index = 1, name = "display-name", description = "The name shown to people, e.g. 张伟", required = true)
    private String displayName;

    @Option(name = "-g", aliases = "--grant", description = "A role at an org, role@/org/path; repeat for more", multiValued = true)
    private List<String> grants = new ArrayList<>();

    @Option(name = "-r", aliases = "--registry-number", description = "A student's registry number, another way to log in")
    private String registryNumber;

    @Option(name = "-s", aliases = "--staff-number", description = "A staff number, another way to log in")
    private String staffNumber;

    @Option(name = "-p", aliases = "--password", description = "Initial password (asked for when left out)")
    private String password;

    @Reference
    private AccountDirectory accounts;

    @Reference
    private Session session;

    @Override
    public Object execute() throws Exception {
        try {
            List<RoleGrant> parsed = grants.stream().map(RoleGrant::parse).toList();
            String initial = password != null ? password : session.readLine("Initial password for " + username + ": ", '*');
            Account account = accounts.create(new NewAccount(username, displayName, initial, Optional.ofNullable(registryNumber),
                    Optional.ofNullable(staffNumber), Optional.empty(), parsed), ShellOperator.name());
            System.out.println("Created account " + account.username() + " (id " + account.id() + "); the password must be changed at first login.");
        } catch (AccountProblem | IllegalArgumentException e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }
}
