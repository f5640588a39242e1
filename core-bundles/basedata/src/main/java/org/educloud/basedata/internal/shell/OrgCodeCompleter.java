package org.educloud.basedata.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Page;

/** Completes org codes (the first 500 orgs; the tree's upper levels come first, as they were created first). */
@Service
public class OrgCodeCompleter implements Completer {

    @Reference
    private OrgDirectory orgs;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter codes = new StringsCompleter();
        Page<Org> page = orgs.list(ShellCaller.current(), ListQuery.first(ListQuery.MAX_LIMIT), null);
        for (Org org : page.items()) {
            codes.getStrings().add(org.code());
        }
        return codes.complete(session, commandLine, candidates);
    }
}
