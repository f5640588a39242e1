package org.educloud.workflow.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.Workflows;

/** Completes workflow definition ids. */
@Service
public class DefinitionCompleter implements Completer {

    @Reference
    private Workflows workflows;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (WorkflowDefinition definition : workflows.definitions()) {
            ids.getStrings().add(definition.id());
        }
        return ids.complete(session, commandLine, candidates);
    }
}
