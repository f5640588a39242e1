package org.educloud.portal.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.Account;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.RecordCorrectionWorkflow.Correction;
import org.educloud.workflow.RecordCorrectionWorkflow.Field;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.Workflows;

/**
 * "My information" (我的信息): the signed-in user's own record in the basic data (the person their
 * account is linked to), as the seed's 我的学籍 screen shows it to a student (name, birth date,
 * enrollment date, household registration, address, class) and its 个人信息服务 to a teacher
 * (school, classes); the form to ask for a correction, which starts a
 * {@link RecordCorrectionWorkflow} case; and the user's correction requests with where they stand.
 * ID numbers are only ever shown masked.
 */
final class MyInformation {

    /** Correction requests listed. */
    static final int REQUESTS_SHOWN = 10;
    /** Enrollments read for the classes of one person (a teacher teaches a few classes, not hundreds). */
    private static final int CLASSES_READ = 50;

    private final PersonRegistry people;
    private final ClassRoster roster;
    private final OrgDirectory orgs;
    private final Workflows workflows;
    private final PortalPages pages;

    MyInformation(PersonRegistry people, ClassRoster roster, OrgDirectory orgs, Workflows workflows, PortalPages pages) {
        this.people = people;
        this.roster = roster;
        this.orgs = orgs;
        this.workflows = workflows;
        this.pages = pages;
    }

    /** The account's own person, when the account is linked to one at an org where it holds a role. */
    Optional<Person> person(Account account) {
        Caller caller = Delegation.ownRecord(account);
        return account.personId().flatMap(id -> {
            try {
                return people.find(caller, id, false);
            } catch (BasedataProblem e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The page's model ({@code me}); {@code error} and {@code entered} redisplay a refused
     * correction request with what the user typed.
     */
    Map<String, Object> model(Account account, String language, String error, Map<String, String> entered, String reason) {
        Map<String, Object> me = new HashMap<>();
        me.put("error", error);
        List<Map<String, Object>> requests = requests(account, language);
        me.put("requests", requests);
        me.put("hasRequests", !requests.isEmpty());
        Optional<Person> found = person(account);
        if (found.isEmpty()) {
            me.put("noRecord", pages.text(language, account.personId().isPresent() ? "noRecordFound" : "noRecordLinked"));
            return Map.of("me", me);
        }
        Person person = found.get();
        Caller caller = Delegation.ownRecord(account);
        boolean en = language.equals("en");
        List<Map<String, String>> rows = new ArrayList<>();
        row(rows, "name", pages.text(language, "field.name"), person.familyName() + (en ? " " : "") + person.givenName());
        row(rows, "gender", label(language, Field.GENDER), pages.text(language, "gender." + person.gender()));
        row(rows, "birthDate", label(language, Field.BIRTH_DATE), Objects.toString(person.birthDate(), ""));
        row(rows, "idNumber", pages.text(language, "field.idNumber"), Objects.toString(person.idNumberMasked(), ""));
        row(rows, "school", pages.text(language, "field.school"), orgName(caller, person));
        if (person.staffNumber() != null) {
            row(rows, "staffNumber", pages.text(language, "field.staffNumber"), person.staffNumber());
        }
        row(rows, "phone", label(language, Field.PHONE), Objects.toString(person.phone(), ""));
        row(rows, "email", label(language, Field.EMAIL), Objects.toString(person.email(), ""));
        me.put("person", rows);
        me.put("role", pages.role(language, person.role().label()));
        List<Map<String, String>> classes = classes(caller, person, language);
        me.put("classes", classes);
        me.put("hasClasses", !classes.isEmpty());
        me.put("classesTitle", pages.text(language, person.role() == PersonRole.TEACHER ? "classesTaught" : "myClass"));
        StudentStatus status = person.status();
        if (status != null) {
            List<Map<String, String>> statusRows = new ArrayList<>();
            row(statusRows, "registryNumber", pages.text(language, "field.registryNumber"), status.registryNumber());
            row(statusRows, "enrollmentDate", label(language, Field.ENROLLMENT_DATE), Objects.toString(status.enrollmentDate(), ""));
            row(statusRows, "householdRegistration", label(language, Field.HOUSEHOLD_REGISTRATION),
                    Objects.toString(status.householdRegistration(), ""));
            row(statusRows, "address", label(language, Field.ADDRESS), Objects.toString(status.address(), ""));
            for (Field flag : List.of(Field.MIGRANT_CHILD, Field.LEFT_BEHIND_CHILD, Field.ORPHAN, Field.DISABLED, Field.SPECIAL_CARE,
                    Field.FINANCIAL_AID)) {
                row(statusRows, flag.key(), label(language, flag), pages.text(language, "flag." + current(person, flag)));
            }
            me.put("status", statusRows);
            me.put("hasGuardians", !person.guardians().isEmpty());
            me.put("guardians", person.guardians().stream().map(g -> Map.of("name", Objects.toString(g.guardianName(), ""),
                    "relation", relation(language, g))).toList());
        }
        me.put("fields", form(person, language, entered == null ? Map.of() : entered));
        me.put("reason", reason);
        return Map.of("me", me);
    }

    /**
     * Starts a correction request from the form: every field given a value other than the record's
     * is one correction.
     *
     * @throws WorkflowProblem saying what is wrong with the request
     */
    WorkflowCase request(Account account, Actor actor, Map<String, String> entered, String reason) {
        Person person = person(account).orElseThrow(() -> new WorkflowProblem(WorkflowProblem.Kind.NOT_FOUND, "subject",
                "your account is not linked to a record in the basic data: ask your school's administrator"));
        List<Correction> corrections = new ArrayList<>();
        for (Field field : fieldsOf(person)) {
            String value = entered.getOrDefault(field.key(), "").strip();
            if (!value.isEmpty() && !field.normalize(value).equals(current(person, field))) {
                corrections.add(new Correction(field, current(person, field), value));
            }
        }
        OrgPath school;
        try {
            school = OrgPath.of(person.orgPath());
        } catch (IllegalArgumentException e) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "school", e.getMessage());
        }
        return workflows.start(new NewCase(RecordCorrectionWorkflow.ID, person.sourcedId(), person.familyName() + person.givenName(),
                school, Optional.empty(), reason, RecordCorrectionWorkflow.details(corrections)), actor);
    }

    /** The fields a person's kind of record has: a student's status only on a student's. */
    static List<Field> fieldsOf(Person person) {
        return java.util.Arrays.stream(Field.values()).filter(field -> !field.studentStatus() || person.status() != null).toList();
    }

    /** A field's value in the record, written as a correction of it is ({@link Field#normalize}); empty when it has none. */
    static String current(Person person, Field field) {
        StudentStatus s = person.status();
        Object value = switch (field) {
            case FAMILY_NAME -> person.familyName();
            case GIVEN_NAME -> person.givenName();
            case GENDER -> person.gender();
            case BIRTH_DATE -> person.birthDate();
            case PHONE -> person.phone();
            case EMAIL -> person.email();
            case ENROLLMENT_DATE -> s == null ? null : s.enrollmentDate();
            case HOUSEHOLD_REGISTRATION -> s == null ? null : s.householdRegistration();
            case ADDRESS -> s == null ? null : s.address();
            case MIGRANT_CHILD -> s == null ? null : s.migrantChild();
            case LEFT_BEHIND_CHILD -> s == null ? null : s.leftBehindChild();
            case ORPHAN -> s == null ? null : s.orphan();
            case DISABLED -> s == null ? null : s.disabled();
            case SPECIAL_CARE -> s == null ? null : s.specialCare();
            case FINANCIAL_AID -> s == null ? null : s.financialAid();
        };
        return value == null ? "" : value.toString();
    }

    /** The corrections of a case, for the case page: the field, the value the requester saw, the corrected one. */
    List<Map<String, String>> corrections(WorkflowCase correction, String language) {
        try {
            return RecordCorrectionWorkflow.corrections(correction.details()).stream().map(c -> Map.of("field", label(language, c.field()),
                    "was", shown(language, c.field(), c.current()), "corrected", shown(language, c.field(), c.corrected()))).toList();
        } catch (WorkflowProblem e) {
            return List.of();
        }
    }

    /** The form: each field with its value now and an input for the corrected one (what was typed, after a refusal). */
    private List<Map<String, Object>> form(Person person, String language, Map<String, String> entered) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field field : fieldsOf(person)) {
            Map<String, Object> input = new HashMap<>();
            String now = current(person, field);
            String typed = entered.getOrDefault(field.key(), "");
            input.put("key", field.key());
            input.put("label", label(language, field));
            input.put("current", shown(language, field, now));
            input.put("value", typed);
            input.put("type", field.kind() == RecordCorrectionWorkflow.Kind.DATE ? "date" : "text");
            input.put("maxLength", field.maxLength());
            if (field.kind() == RecordCorrectionWorkflow.Kind.GENDER || field.kind() == RecordCorrectionWorkflow.Kind.FLAG) {
                List<String> values = field.kind() == RecordCorrectionWorkflow.Kind.GENDER ? List.of("male", "female", "unspecified")
                        : List.of("true", "false");
                List<Map<String, Object>> options = new ArrayList<>();
                options.add(Map.of("value", "", "label", pages.text(language, "noChange"), "selected", typed.isEmpty()));
                for (String value : values) {
                    options.add(Map.of("value", value, "label", shown(language, field, value), "selected", value.equals(typed)));
                }
                input.put("options", options);
            }
            fields.add(input);
        }
        return fields;
    }

    private List<Map<String, Object>> requests(Account account, String language) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (WorkflowCase request : workflows.cases(CaseQuery.appliedFor(account.username(), RecordCorrectionWorkflow.ID, REQUESTS_SHOWN))) {
            Map<String, Object> item = new HashMap<>();
            item.put("caseId", request.id());
            item.put("status", request.status().name());
            item.put("statusText", pages.text(language, "status." + request.status().name()));
            item.put("since", HomePage.TIME.format(request.startedAt()));
            item.put("fields", String.join(language.equals("en") ? ", " : "、",
                    corrections(request, language).stream().map(c -> c.get("field")).toList()));
            shown.add(item);
        }
        return shown;
    }

    private List<Map<String, String>> classes(Caller caller, Person person, String language) {
        String role = person.role() == PersonRole.STUDENT ? "student" : person.role() == PersonRole.TEACHER ? "teacher" : null;
        if (role == null) {
            return List.of();
        }
        Map<String, Map<String, String>> classes = new LinkedHashMap<>();
        try {
            for (Enrollment enrollment : roster.enrollments(caller, ListQuery.first(CLASSES_READ), null, person.sourcedId()).items()) {
                if (enrollment.role().equals(role) && !classes.containsKey(enrollment.classId())) {
                    boolean head = enrollment.primaryTeacher() && role.equals("teacher");
                    roster.findClass(caller, enrollment.classId()).ifPresent(found -> classes.put(found.sourcedId(), head
                            ? Map.of("title", found.title(), "head", pages.text(language, "headTeacher")) : Map.of("title", found.title())));
                }
            }
        } catch (BasedataProblem e) {
            return List.of(); // classes are an addition to the record; the record shows without them
        }
        List<Map<String, String>> sorted = new ArrayList<>(classes.values());
        sorted.sort(java.util.Comparator.comparing(c -> c.get("title")));
        return sorted;
    }

    private String orgName(Caller caller, Person person) {
        try {
            return orgs.find(caller, person.orgId()).map(Org::name).orElse(person.orgPath());
        } catch (BasedataProblem e) {
            return person.orgPath();
        }
    }

    private String relation(String language, GuardianRelation relation) {
        String text = pages.text(language, "relation." + relation.relationCode());
        return text.startsWith("relation.") ? relation.relationCode() : text;
    }

    private String shown(String language, Field field, String value) {
        if (value.isEmpty()) {
            return "";
        }
        return switch (field.kind()) {
            case GENDER -> pages.text(language, "gender." + value);
            case FLAG -> pages.text(language, "flag." + value);
            default -> value;
        };
    }

    static String label(String language, Field field) {
        return language.equals("en") ? field.nameEn() : field.nameZh();
    }

    private static void row(List<Map<String, String>> rows, String id, String label, String value) {
        rows.add(Map.of("id", id, "label", label, "value", value == null ? "" : value));
    }
}
