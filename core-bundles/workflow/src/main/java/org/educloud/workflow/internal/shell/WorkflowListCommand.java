package org.educloud.workflow.internal.shell;

import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.identity.OrgPath;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.Workflows;

/** {@code workflow:list}: cases, newest first, a page at a time. */
@Command(scope = "workflow", name = "list", description = "Lists approval cases, newest first")
@Service
public class WorkflowListCommand implements Action {

    @Option(name = "-s", aliases = "--status", description = "Only cases in this status: IN_REVIEW, RETURNED, COMPLETED, REJECTED")
    @Completion(value = StringsCompleter.class, values = {"IN_REVIEW", "RETURNED", "COMPLETED", "REJECTED"})
    private String status;

    @Option(name = "-d", aliases = "--definition", description = "Only cases of this workflow, e.g. student-transfer")
    @Completion(DefinitionCompleter.class)
    private String definition;

    @Option(name = "-o", aliases = "--org", description = "Only cases whose school or destination is in this org's subtree, e.g. /37/3701")
    private String org;

    @Option(name = "-b", aliases = "--before", description = "Only cases with a smaller id (the last id of the previous page)")
    private long before;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (1–500)")
    private int limit = 50;

    @Reference
    private Workflows workflows;

    @Override
    public Object execute() {
        CaseStatus wanted;
        try {
            wanted = status == null ? null : CaseStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown status " + status + ": use IN_REVIEW, RETURNED, COMPLETED or REJECTED");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Workflow");
        table.column("Student");
        table.column("School");
        table.column("Destination");
        table.column("Status");
        table.column("Waiting on");
        table.column("Due");
        table.column("Updated");
        for (WorkflowCase found : workflows.cases(new CaseQuery(Optional.ofNullable(wanted), Optional.ofNullable(definition),
                Optional.ofNullable(org).map(OrgPath::of), before, Math.max(1, Math.min(500, limit))))) {
            table.addRow().addContent(found.id(), found.definitionId(), found.subjectName() + " (" + found.subject() + ")",
                    found.school(), found.destination().map(OrgPath::value).orElse(""), found.status(),
                    found.pending().map(step -> step.stepId() + ": " + step.grant().map(Object::toString)
                            .orElse("applicant " + step.applicant().orElse(""))).orElse(""),
                    found.pending().flatMap(step -> step.dueAt()).map(Object::toString).orElse(""), found.updatedAt());
        }
        table.print(System.out);
        return null;
    }
}
