package org.educloud.basedata.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;

/** {@code org:add}: adds an org under its parent. */
@Command(scope = "org", name = "add", description = "Adds an org: a province, city, district, school, department or vendor")
@Service
public class OrgAddCommand implements Action {

    @Argument(index = 0, name = "kind", description = "province, city, district, school, department or vendor", required = true)
    @Completion(values = {"province", "city", "district", "school", "department", "vendor"}, value = StringsCompleter.class)
    private String kind;

    @Argument(index = 1, name = "code", description = "Division code (37, 3701, 370102), 10-digit school code, or an own code", required = true)
    private String code;

    @Argument(index = 2, name = "name", description = "The name, e.g. 济南市", required = true)
    private String name;

    @Option(name = "-p", aliases = "--parent", description = "The parent org's code (none for a province)")
    @Completion(OrgCodeCompleter.class)
    private String parent;

    @Option(name = "-s", aliases = "--stage", description = "A school's stage: preschool, primary, junior, senior, nine-year, "
            + "twelve-year, complete, vocational, special")
    private String stage;

    @Option(name = "--private", description = "A private school (public otherwise)")
    private boolean privateSchool;

    @Option(name = "-l", aliases = "--locale", description = "A school's setting: urban, town or rural (urban by default)")
    private String locale;

    @Option(name = "-i", aliases = "--sourced-id", description = "The sourced id (generated when left out)")
    private String sourcedId;

    @Reference
    private OrgDirectory orgs;

    @Override
    public Object execute() {
        ShellCaller operator = ShellCaller.current();
        try {
            OrgKind orgKind = OrgKind.of(kind);
            String parentId = null;
            if (parent != null) {
                parentId = orgs.findByCode(operator, parent).map(Org::sourcedId).orElseThrow(() -> new BasedataProblem(
                        BasedataProblem.Kind.INVALID, "parent", "there is no org with the code " + parent + "; org:list shows them"));
            }
            boolean school = orgKind == OrgKind.SCHOOL;
            Org created = orgs.create(operator, new Org(sourcedId, orgKind, code, name, parentId, null, stage,
                    school ? (privateSchool ? "private" : "public") : null, school ? (locale == null ? "urban" : locale) : null,
                    0, null, null));
            System.out.println("Added " + created.kind().label() + " " + created.name() + " at " + created.path()
                    + " (sourcedId " + created.sourcedId() + ")");
        } catch (BasedataProblem e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }
}
