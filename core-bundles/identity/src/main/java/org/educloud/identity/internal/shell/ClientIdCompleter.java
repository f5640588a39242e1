package org.educloud.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.identity.Client;
import org.educloud.identity.ClientDirectory;

/** Completes client ids from the directory. */
@Service
public class ClientIdCompleter implements Completer {

    @Reference
    private ClientDirectory clients;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (Client client : clients.list("", 200)) {
            ids.getStrings().add(client.clientId());
        }
        return ids.complete(session, commandLine, candidates);
    }
}
