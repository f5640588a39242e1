package org.educloud.sample.notices;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.basedata.SchoolClass;
import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.user.OrgRole;

/**
 * Who may post where: a school's administrator to the whole school or any of its classes; a
 * teacher to the whole school they teach at and to the classes they teach.
 */
final class PostingRule {

    static final String TEACHER = "teacher";
    static final String SCHOOL_ADMIN = "school-admin";

    private final CurrentUser user;
    private final BasicDataView view;

    PostingRule(CurrentUser user, BasicDataView view) {
        this.user = user;
        this.view = view;
    }

    /** Where a notice to {@code classId} (or, when null, to {@code school}) goes; refused when the user may not post there. */
    Audience audience(String classId, String school) {
        if (classId != null && !classId.isBlank()) {
            SchoolClass target = view.schoolClass(classId.strip()).orElseThrow(() -> Refusal.invalid("classId", "no class '" + classId
                    + "' that you can reach: choose one of GET /apps/notices/api/notices/audiences"));
            boolean admin = user.hasRoleAt(SCHOOL_ADMIN, target.orgPath());
            boolean teaches = user.hasRoleAt(TEACHER, target.orgPath()) && taught().stream().anyMatch(c -> c.id().equals(target.id()));
            if (!admin && !teaches) {
                throw Refusal.forbidden("you may post to " + target.title() + " only if you teach it or administer its school");
            }
            return new Audience(target.orgPath(), Optional.of(target));
        }
        List<String> schools = schools();
        String chosen = school == null || school.isBlank() ? (schools.size() == 1 ? schools.get(0) : null) : school.strip();
        if (chosen == null) {
            throw Refusal.invalid("school", schools.isEmpty() ? "you teach at no school, so you cannot post to one"
                    : "you teach at several schools: say which in \"school\" (one of " + schools + ")");
        }
        if (!schools.contains(chosen)) {
            throw Refusal.forbidden("you may post to the whole school only where you teach or administer: " + schools);
        }
        return new Audience(chosen, Optional.empty());
    }

    /** Everything the user may post to: each of their schools, then each class they may post to. */
    List<Audience> audiences() {
        List<Audience> audiences = new ArrayList<>();
        for (String school : schools()) {
            audiences.add(new Audience(school, Optional.empty()));
            if (user.hasRoleAt(SCHOOL_ADMIN, school)) {
                view.orgs().stream().filter(org -> org.path().equals(school)).findFirst()
                        .ifPresent(org -> view.classes(org.id()).forEach(c -> audiences.add(new Audience(school, Optional.of(c)))));
            }
        }
        for (SchoolClass schoolClass : taught()) {
            if (audiences.stream().noneMatch(a -> a.schoolClass().map(c -> c.id().equals(schoolClass.id())).orElse(false))) {
                audiences.add(new Audience(schoolClass.orgPath(), Optional.of(schoolClass)));
            }
        }
        return audiences;
    }

    /** The schools where the user is a teacher or administrator (roles held at a school, not above it). */
    private List<String> schools() {
        Set<String> schools = new LinkedHashSet<>();
        for (OrgRole role : user.roles()) {
            if ((role.role().equals(TEACHER) || role.role().equals(SCHOOL_ADMIN))
                    && role.org().substring(1).split("/").length == Readership.SCHOOL_DEPTH) {
                schools.add(role.org());
            }
        }
        return new ArrayList<>(schools);
    }

    private List<SchoolClass> taught() {
        return view.me().filter(me -> me.role().equals(TEACHER)).map(me -> view.classesOf(me.id())).orElse(List.of());
    }

    /** A school, or one class of it. */
    record Audience(String schoolPath, Optional<SchoolClass> schoolClass) {
    }
}
