package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Course;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.Loaded;
import org.educloud.basedata.internal.PeopleLoad;
import org.educloud.basedata.internal.bulk.RosterCsvImport.FileSpec;
import org.educloud.identity.Caller;

/**
 * The platform's own CSV: one file per kind of row, the columns named as the REST API's JSON fields
 * (a student's status flattened into {@code registryNumber}, {@code enrollmentDate}, ... columns).
 * It carries what OneRoster cannot: stages, ID numbers, student status and its indicator flags,
 * guardian relations with their GB/T 4761 codes.
 */
public final class PlatformCsvFiles {

    /** The columns of each file, as export writes them and import reads them. */
    public static final List<String> ORGS = List.of("sourcedId", "kind", "code", "name", "parentId", "stage", "ownership", "locale");
    public static final List<String> SESSIONS = List.of("sourcedId", "orgId", "title", "sessionType", "schoolYear", "startDate",
            "endDate", "parentId");
    public static final List<String> COURSES = List.of("sourcedId", "orgId", "title", "courseCode", "subjectCode", "gradeCode",
            "sessionId");
    public static final List<String> CLASSES = List.of("sourcedId", "schoolId", "title", "classCode", "classType", "gradeCode",
            "entryYear", "sessionId", "courseId");
    public static final List<String> PEOPLE = List.of("sourcedId", "role", "orgId", "familyName", "givenName", "gender",
            "birthDate", "idNumber", "staffNumber", "phone", "email", "registryNumber", "enrollmentDate", "householdRegistration",
            "address", "migrantChild", "leftBehindChild", "orphan", "disabled", "specialCare", "financialAid");
    public static final List<String> RELATIONS = List.of("sourcedId", "guardianId", "studentId", "relationCode", "primaryContact");
    public static final List<String> ENROLLMENTS = List.of("sourcedId", "classId", "personId", "role", "primaryTeacher",
            "beginDate", "endDate");

    private PlatformCsvFiles() {
    }

    public static RosterCsvImport importer(Upserts upserts) {
        return new RosterCsvImport(RosterCsvImport.Format.PLATFORM, List.of(
                new FileSpec("orgs.csv", List.of("sourcedId", "kind", "code", "name"), (caller, row) -> upserts.org(caller,
                        new Org(row.required("sourcedId"), kind(row), row.required("code"), row.required("name"), row.text("parentId"),
                                null, row.text("stage"), row.text("ownership"), row.text("locale"), 0, null, null))),
                new FileSpec("academicSessions.csv", List.of("sourcedId", "orgId", "title", "sessionType"), (caller, row) ->
                        upserts.session(caller, new AcademicSession(row.required("sourcedId"), row.required("orgId"), null,
                                row.required("title"), row.required("sessionType"), row.integer("schoolYear"), row.date("startDate"),
                                row.date("endDate"), row.text("parentId"), 0, null, null))),
                new FileSpec("courses.csv", List.of("sourcedId", "orgId", "title"), (caller, row) -> upserts.course(caller,
                        new Course(row.required("sourcedId"), row.required("orgId"), null, row.required("title"),
                                row.text("courseCode"), row.text("subjectCode"), row.text("gradeCode"), row.text("sessionId"), 0, null,
                                null))),
                new FileSpec("classes.csv", List.of("sourcedId", "schoolId", "title", "classType"), (caller, row) ->
                        upserts.schoolClass(caller, new SchoolClass(row.required("sourcedId"), row.required("schoolId"), null,
                                row.required("title"), row.text("classCode"), row.required("classType"), row.text("gradeCode"),
                                row.integer("entryYear"), row.text("sessionId"), row.text("courseId"), 0, null, null))),
                new FileSpec("people.csv", List.of("sourcedId", "role", "orgId", "familyName", "givenName"),
                        (caller, row) -> upserts.person(caller, person(row)), bulk(PlatformCsvFiles::person,
                        (connection, caller, rows) -> upserts.peopleLoad().load(connection, caller, rows))),
                new FileSpec("guardianRelations.csv", List.of("sourcedId", "guardianId", "studentId", "relationCode"),
                        (caller, row) -> upserts.relation(caller, relation(row)), bulk(PlatformCsvFiles::relation,
                        (connection, caller, rows) -> upserts.relationLoad().load(connection, caller, rows))),
                new FileSpec("enrollments.csv", List.of("sourcedId", "classId", "personId", "role"),
                        (caller, row) -> upserts.enrollment(caller, enrollment(row)), bulk(PlatformCsvFiles::enrollment,
                        (connection, caller, rows) -> upserts.enrollmentLoad().load(connection, caller, rows)))));
    }

    /** Loads a batch of prepared rows. */
    interface Load<T> {
        List<Loaded> load(Connection connection, Caller caller, List<T> rows) throws SQLException;
    }

    /** A bulk path that prepares each row with {@code prepare} and loads them with {@code load}. */
    static <T> RosterCsvImport.BulkRows<T> bulk(Function<CsvRow, T> prepare, Load<T> load) {
        return new RosterCsvImport.BulkRows<>() {
            @Override
            public T prepare(Caller caller, CsvRow row) {
                return prepare.apply(row);
            }

            @Override
            public List<Loaded> load(Connection connection, Caller caller, List<T> rows) throws SQLException {
                return load.load(connection, caller, rows);
            }
        };
    }

    private static GuardianRelation relation(CsvRow row) {
        return new GuardianRelation(row.required("sourcedId"), row.required("guardianId"), row.required("studentId"),
                row.required("relationCode"), row.flag("primaryContact"), null, null, 0, null, null);
    }

    private static Enrollment enrollment(CsvRow row) {
        return new Enrollment(row.required("sourcedId"), row.required("classId"), row.required("personId"), row.required("role"),
                row.flag("primaryTeacher"), row.date("beginDate"), row.date("endDate"), null, 0, null, null);
    }

    private static OrgKind kind(CsvRow row) {
        try {
            return OrgKind.of(row.required("kind"));
        } catch (BasedataProblem e) {
            throw new RowProblem("kind", e.getMessage());
        }
    }

    /** A person row: a gender, birth date, ID number or status left empty keeps the stored one (an export masks ID numbers). */
    private static PeopleLoad.Row person(CsvRow row) {
        PersonRole role;
        try {
            role = PersonRole.of(row.required("role"));
        } catch (BasedataProblem e) {
            throw new RowProblem("role", e.getMessage());
        }
        NationalId idNumber = null;
        String idText = row.text("idNumber");
        // An exported file has the masked number; like a PUT, a masked or empty number keeps the stored one.
        if (idText != null && !idText.contains("*")) {
            String problem = NationalId.problem(idText.strip().toUpperCase(java.util.Locale.ROOT));
            if (problem != null) {
                throw new RowProblem("idNumber", problem);
            }
            idNumber = NationalId.parse(idText);
        }
        StudentStatus status = null;
        if (role == PersonRole.STUDENT && (row.text("registryNumber") != null || row.text("enrollmentDate") != null)) {
            status = new StudentStatus(row.text("registryNumber"), row.date("enrollmentDate"), row.text("householdRegistration"),
                    row.text("address"), row.flag("migrantChild"), row.flag("leftBehindChild"), row.flag("orphan"),
                    row.flag("disabled"), row.flag("specialCare"), row.flag("financialAid"));
        }
        String sourcedId = row.required("sourcedId");
        String orgId = row.required("orgId");
        String family = row.required("familyName");
        String given = row.required("givenName");
        String gender = row.text("gender");
        LocalDate birth = row.date("birthDate");
        String staffNumber = row.text("staffNumber");
        String phone = row.text("phone");
        String email = row.text("email");
        NationalId id = idNumber;
        StudentStatus givenStatus = status;
        return new PeopleLoad.Row(sourcedId, stored -> new Person(sourcedId, role, orgId, null, family, given,
                gender != null || stored == null ? gender : stored.gender(),
                birth != null || stored == null ? birth : stored.birthDate(), id, null, staffNumber, phone, email, givenStatus, null,
                0, null, null));
    }
}
