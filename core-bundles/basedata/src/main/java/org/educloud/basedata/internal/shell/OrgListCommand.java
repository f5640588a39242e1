package org.educloud.basedata.internal.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Page;
import org.educloud.identity.OrgPath;

/** {@code org:list}: the org tree, or the subtree of one org, indented by level. */
@Command(scope = "org", name = "list", description = "Lists the org tree (or one org's subtree)")
@Service
public class OrgListCommand implements Action {

    @Argument(index = 0, name = "code", description = "Only this org and what is below it")
    @Completion(OrgCodeCompleter.class)
    private String code;

    @Option(name = "-n", aliases = "--limit", description = "At most this many orgs (default 500)")
    private int limit = ListQuery.MAX_LIMIT;

    @Reference
    private OrgDirectory orgs;

    @Override
    public Object execute() {
        ShellCaller operator = ShellCaller.current();
        try {
            OrgPath under = OrgPath.ROOT;
            if (code != null) {
                under = orgs.findByCode(operator, code).map(Org::path).orElseThrow(() -> new BasedataProblem(
                        BasedataProblem.Kind.NOT_FOUND, "code", "there is no org with the code " + code));
            }
            List<Org> found = new ArrayList<>();
            String after = "";
            while (found.size() < limit) {
                Page<Org> page = orgs.list(operator, new ListQuery(under, after, Math.min(ListQuery.MAX_LIMIT, limit - found.size())), null);
                found.addAll(page.items());
                if (page.next().isEmpty()) {
                    break;
                }
                after = page.next().get();
            }
            found.sort((a, b) -> a.path().value().compareTo(b.path().value()));
            int top = under.segments().size();
            ShellTable table = new ShellTable();
            table.column("Org");
            table.column("Code");
            table.column("Kind");
            table.column("School");
            table.column("Path");
            for (Org org : found) {
                int depth = Math.max(0, org.path().segments().size() - 1 - top + (code == null ? 0 : 1));
                String school = org.stage() == null ? "" : org.stage() + ", " + org.ownership() + ", " + org.locale();
                table.addRow().addContent("  ".repeat(depth) + org.name(), org.code(), org.kind().label(), school, org.path().value());
            }
            table.print(System.out);
        } catch (BasedataProblem e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }
}
