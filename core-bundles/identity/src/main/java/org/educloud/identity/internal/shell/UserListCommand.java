package org.educloud.identity.internal.shell;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;

/** {@code user:list}: accounts in username order, a page at a time. */
@Command(scope = "user", name = "list", description = "Lists accounts in username order")
@Service
public class UserListCommand implements Action {

    @Argument(index = 0, name = "prefix", description = "Only usernames starting with this")
    private String prefix = "";

    @Option(name = "-a", aliases = "--after", description = "Start after this username (the last one of the previous page)")
    private String after = "";

    @Option(name = "-n", aliases = "--limit", description = "At most this many (1–500)")
    private int limit = 50;

    @Reference
    private AccountDirectory accounts;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Username");
        table.column("Name");
        table.column("State");
        table.column("Registry / staff no.");
        table.column("Grants");
        for (Account account : accounts.list(prefix, after, limit)) {
            String state = account.locked() ? "locked" : account.blockedUntil().isPresent() ? "blocked" : "active";
            table.addRow().addContent(account.username(), account.displayName(),
                    state + (account.mustChangePassword() ? ", must change password" : ""),
                    account.registryNumber().or(account::staffNumber).orElse(""),
                    account.grants().stream().map(Object::toString).collect(Collectors.joining(" ")));
        }
        table.print(System.out);
        return null;
    }
}
