package org.educloud.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.identity.Client;
import org.educloud.identity.ClientDirectory;

/** {@code client:list}: the registered clients as a table. */
@Command(scope = "client", name = "list", description = "Lists the registered clients")
@Service
public class ClientListCommand implements Action {

    @Option(name = "-a", aliases = "--after", description = "Start after this client id (next page)")
    private String after = "";

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 100)")
    private int limit = 100;

    @Reference
    private ClientDirectory clients;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Client");
        table.column("Name");
        table.column("Auth");
        table.column("Grants");
        table.column("Scopes");
        table.column("State");
        for (Client client : clients.list(after, limit)) {
            table.addRow().addContent(client.clientId(), client.nameZh() + " / " + client.nameEn(), client.authMethod().value(),
                    String.join(" ", client.grantTypes()), String.join(" ", client.scopes()),
                    (client.locked() ? "locked" : "active") + (client.firstParty() ? ", first party" : ""));
        }
        table.print(System.out);
        return null;
    }
}
