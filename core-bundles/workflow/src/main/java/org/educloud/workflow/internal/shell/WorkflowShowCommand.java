package org.educloud.workflow.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.identity.OrgPath;
import org.educloud.workflow.CaseHistory;
import org.educloud.workflow.HistoryEntry;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.Workflows;

/** {@code workflow:show CASE-ID}: a case and its history. */
@Command(scope = "workflow", name = "show", description = "Shows an approval case and everything that happened to it")
@Service
public class WorkflowShowCommand implements Action {

    @Argument(index = 0, name = "case", description = "The case id", required = true)
    @Completion(CaseIdCompleter.class)
    private long caseId;

    @Reference
    private Workflows workflows;

    @Override
    public Object execute() {
        CaseHistory history;
        try {
            history = workflows.history(caseId);
        } catch (WorkflowProblem e) {
            System.err.println(e.getMessage());
            return null;
        }
        WorkflowCase found = history.current();
        System.out.println("Case " + found.id() + "  " + found.definitionId() + "  " + found.status() + "  (version " + found.version() + ")");
        System.out.println("Student:     " + found.subjectName() + " (" + found.subject() + ")");
        System.out.println("School:      " + found.school() + found.destination().map(OrgPath::value).map(to -> "  ->  " + to).orElse(""));
        System.out.println("Applicant:   " + found.applicant());
        System.out.println("Reason:      " + found.reason());
        found.pending().ifPresent(step -> System.out.println("Waiting on:  " + step.nameZh() + " / " + step.nameEn() + " - "
                + step.whoMayAct() + step.dueAt().map(due -> ", due " + due).orElse("")));
        System.out.println();
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("Who");
        table.column("What");
        table.column("Step");
        table.column("Org");
        table.column("From");
        table.column("Comment");
        for (HistoryEntry entry : history.entries()) {
            table.addRow().addContent(entry.at(), entry.actor(), entry.transition(), entry.stepId().orElse(""), entry.org().orElse(""),
                    entry.address().orElse(""), entry.comment());
        }
        table.print(System.out);
        return null;
    }
}
