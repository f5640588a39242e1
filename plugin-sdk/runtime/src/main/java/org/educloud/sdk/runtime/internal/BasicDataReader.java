package org.educloud.sdk.runtime.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Page;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.basedata.Member;
import org.educloud.sdk.basedata.Org;
import org.educloud.sdk.basedata.Person;
import org.educloud.sdk.basedata.SchoolClass;

/**
 * One app's view of the base data, as itself or for one user. For a user, reads go through a
 * caller narrowed to what both the user and the app may see; the user's own record, their
 * children's (for a guardian) and the classes those are in are read as the app, because every
 * person may see themselves, even a student who may read no one else's record.
 */
final class BasicDataReader implements BasicDataView {

    /** No app page lists more than this; a longer list is cut, as a runaway loop would be. */
    static final int MOST = 5_000;

    private final BasicDataSources sources;
    private final GrantedCaller app;
    private final Caller reader;
    private final Optional<String> myPersonId;
    private Set<String> selfIds;

    BasicDataReader(BasicDataSources sources, GrantedCaller app, Caller reader, Optional<String> myPersonId) {
        this.sources = sources;
        this.app = app;
        this.reader = reader;
        this.myPersonId = myPersonId;
    }

    @Override
    public List<Org> orgs() {
        List<Org> found = new ArrayList<>();
        for (OrgPath granted : app.orgs()) {
            if (reader != app && !relatesTo(granted)) {
                continue;
            }
            sources.orgs().findByCode(app, granted.orgId()).ifPresent(org -> found.add(org(org)));
        }
        return found;
    }

    @Override
    public Optional<Person> me() {
        return myPersonId.flatMap(id -> sources.people().find(app, id, false)).map(BasicDataReader::person);
    }

    @Override
    public Optional<Person> person(String personId) {
        return sources.people().find(callerFor(personId), personId, false).map(BasicDataReader::person);
    }

    @Override
    public Optional<SchoolClass> schoolClass(String classId) {
        Optional<SchoolClass> seen = sources.roster().findClass(reader, classId).map(BasicDataReader::schoolClass);
        if (seen.isPresent() || reader == app) {
            return seen;
        }
        return selfClasses().stream().filter(c -> c.id().equals(classId)).findFirst();
    }

    @Override
    public List<SchoolClass> classes(String schoolId) {
        org.educloud.basedata.Org school = sources.orgs().find(app, schoolId).orElseThrow(() -> notGranted("school " + schoolId));
        if (!reader.isPermitted("basedata:classes:read", school.path())) {
            throw notGranted("the classes of " + school.name());
        }
        return all(after -> sources.roster().classes(reader, new ListQuery(school.path(), after, ListQuery.MAX_LIMIT), schoolId))
                .stream().map(BasicDataReader::schoolClass).toList();
    }

    @Override
    public List<SchoolClass> classesOf(String personId) {
        Caller caller = callerFor(personId);
        List<SchoolClass> classes = new ArrayList<>();
        for (Enrollment enrollment : all(after -> sources.roster().enrollments(caller, new ListQuery(OrgPath.ROOT, after,
                ListQuery.MAX_LIMIT), null, personId))) {
            sources.roster().findClass(caller, enrollment.classId()).map(BasicDataReader::schoolClass).ifPresent(classes::add);
        }
        return classes;
    }

    @Override
    public List<Member> members(String classId) {
        org.educloud.basedata.SchoolClass found = sources.roster().findClass(reader, classId)
                .orElseThrow(() -> notGranted("class " + classId));
        if (!reader.isPermitted("basedata:enrollments:read", OrgPath.of(found.orgPath()))) {
            throw notGranted("the members of " + found.title());
        }
        Map<String, Enrollment> byPerson = new LinkedHashMap<>();
        for (Enrollment enrollment : all(after -> sources.roster().enrollments(reader, new ListQuery(OrgPath.ROOT, after,
                ListQuery.MAX_LIMIT), classId, null))) {
            byPerson.put(enrollment.personId(), enrollment);
        }
        List<Member> members = new ArrayList<>();
        for (Enrollment enrollment : byPerson.values()) {
            sources.people().find(reader, enrollment.personId(), false)
                    .ifPresent(p -> members.add(new Member(person(p), enrollment.role(), enrollment.primaryTeacher())));
        }
        return members;
    }

    @Override
    public List<Person> childrenOf(String guardianId) {
        Caller caller = callerFor(guardianId);
        List<Person> children = new ArrayList<>();
        for (GuardianRelation relation : all(after -> sources.people().relationsOfGuardian(caller, new ListQuery(OrgPath.ROOT, after,
                ListQuery.MAX_LIMIT), guardianId))) {
            sources.people().find(caller, relation.studentId(), false).map(BasicDataReader::person).ifPresent(children::add);
        }
        return children;
    }

    /** The app itself for the user's own record and their children's; the narrowed reader for everyone else. */
    private Caller callerFor(String personId) {
        return reader != app && selfIds().contains(personId) ? app : reader;
    }

    private Set<String> selfIds() {
        if (selfIds == null) {
            selfIds = new HashSet<>();
            myPersonId.ifPresent(id -> {
                selfIds.add(id);
                all(after -> sources.people().relationsOfGuardian(app, new ListQuery(OrgPath.ROOT, after, ListQuery.MAX_LIMIT), id))
                        .forEach(relation -> selfIds.add(relation.studentId()));
            });
        }
        return selfIds;
    }

    private List<SchoolClass> selfClasses() {
        List<SchoolClass> classes = new ArrayList<>();
        for (String id : selfIds()) {
            classes.addAll(classesOf(id));
        }
        return classes;
    }

    /** True when the user holds a role at the org, above it or below it. */
    private boolean relatesTo(OrgPath org) {
        return reader.grants().stream().anyMatch(grant -> grant.org().covers(org) || org.covers(grant.org()));
    }

    private NotGrantedException notGranted(String what) {
        String who = reader == app ? "this app" : "this user through this app";
        return new NotGrantedException(AppScopes.BASEDATA_READ, who + " may not read " + what + ": it is outside the orgs that "
                + "installed the app and granted it " + AppScopes.BASEDATA_READ + (reader == app ? "" : ", or the user may not read it")
                + " (granted: " + app.orgs() + ")");
    }

    /** Every page of a list, up to {@link #MOST} rows. */
    static <T> List<T> all(Function<String, Page<T>> pages) {
        List<T> rows = new ArrayList<>();
        String after = "";
        while (rows.size() < MOST) {
            Page<T> page = pages.apply(after);
            rows.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            after = page.next().get();
        }
        return rows.size() > MOST ? rows.subList(0, MOST) : rows;
    }

    static Org org(org.educloud.basedata.Org org) {
        return new Org(org.sourcedId(), org.path().value(), org.code(), org.name(), org.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    static Person person(org.educloud.basedata.Person person) {
        return new Person(person.sourcedId(), person.role().name().toLowerCase(java.util.Locale.ROOT), person.orgPath(),
                person.familyName(), person.givenName(), person.gender());
    }

    static SchoolClass schoolClass(org.educloud.basedata.SchoolClass found) {
        return new SchoolClass(found.sourcedId(), found.schoolId(), found.orgPath(), found.title(),
                found.classCode() == null || found.classCode().isBlank() ? found.sourcedId() : found.classCode(),
                found.gradeCode() == null ? "" : found.gradeCode(), found.entryYear() == null ? 0 : found.entryYear());
    }
}
