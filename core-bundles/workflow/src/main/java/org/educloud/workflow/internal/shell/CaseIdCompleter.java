package org.educloud.workflow.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.Workflows;

/** Completes case ids from the newest 50 cases. */
@Service
public class CaseIdCompleter implements Completer {

    @Reference
    private Workflows workflows;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (WorkflowCase found : workflows.cases(CaseQuery.latest(50))) {
            ids.getStrings().add(String.valueOf(found.id()));
        }
        return ids.complete(session, commandLine, candidates);
    }
}
