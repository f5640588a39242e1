package org.educloud.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;

/** Completes usernames from the directory (the first 50 that start with what is typed). */
@Service
public class UsernameCompleter implements Completer {

    @Reference
    private AccountDirectory accounts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String typed = commandLine.getCursorArgument() == null ? ""
                : commandLine.getCursorArgument().substring(0, commandLine.getArgumentPosition());
        StringsCompleter names = new StringsCompleter();
        for (Account account : accounts.list(typed, "", 50)) {
            names.getStrings().add(account.username());
        }
        return names.complete(session, commandLine, candidates);
    }
}
