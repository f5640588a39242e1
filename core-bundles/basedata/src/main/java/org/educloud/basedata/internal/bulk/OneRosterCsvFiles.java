package org.educloud.basedata.internal.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.Course;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.bulk.RosterCsvImport.FileSpec;
import org.educloud.basedata.internal.bulk.RosterCsvImport.Outcome;
import org.educloud.identity.Caller;

/**
 * OneRoster 1.2 bulk CSV mapped onto the platform, the reverse of the REST mapping (see the module
 * README): org types state/local/district/school/department are province/city/district/school/
 * department; a school's stage, ownership and locale come from the extension columns
 * {@code metadata.stage}, {@code metadata.ownership}, {@code metadata.locale}; a session's
 * {@code schoolYear} is the year it ends in; a user's {@code identifier} is a student's registry
 * number or a teacher's or staff member's staff number; demographics set birth date and sex.
 */
public final class OneRosterCsvFiles {

    private OneRosterCsvFiles() {
    }

    /** The files in the order they must be read, without roles.csv (users.csv must then have a role column). */
    public static RosterCsvImport importer(Upserts upserts) {
        return importer(upserts, null);
    }

    /**
     * The files in the order they must be read: what rows refer to comes first, roles.csv before
     * users.csv (its primary roles wait in {@code roles}).
     */
    static RosterCsvImport importer(Upserts upserts, RoleStage roles) {
        List<FileSpec> files = new java.util.ArrayList<>(List.of(
                new FileSpec("orgs.csv", List.of("sourcedId", "name", "type"), (caller, row) -> org(upserts, caller, row)),
                new FileSpec("academicSessions.csv", List.of("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
                        (caller, row) -> session(upserts, caller, row)),
                new FileSpec("courses.csv", List.of("sourcedId", "title", "orgSourcedId"), (caller, row) -> course(upserts, caller, row)),
                new FileSpec("classes.csv", List.of("sourcedId", "title", "schoolSourcedId"),
                        (caller, row) -> schoolClass(upserts, caller, row)),
                new FileSpec("users.csv", List.of("sourcedId", "givenName", "familyName"),
                        (caller, row) -> user(upserts, roles, caller, row)),
                new FileSpec("demographics.csv", List.of("sourcedId"), (caller, row) -> demographics(upserts, caller, row)),
                new FileSpec("enrollments.csv", List.of("sourcedId", "classSourcedId", "userSourcedId", "role"),
                        (caller, row) -> enrollment(upserts, caller, row))));
        if (roles != null) {
            files.add(4, new FileSpec("roles.csv", List.of("userSourcedId", "roleType", "role", "orgSourcedId"), (caller, row) -> {
                active(row);
                if ("primary".equals(row.text("roleType"))) {
                    role(row.required("role")); // refuse an unknown role here, at its own line
                    roles.put(row.required("userSourcedId"), row.required("role"), row.required("orgSourcedId"));
                }
                return Outcome.STAGED;
            }));
        }
        return new RosterCsvImport(RosterCsvImport.Format.ONEROSTER, files);
    }

    private static void active(CsvRow row) {
        String status = row.text("status");
        if (status != null && !status.equals("active")) {
            throw new RowProblem("status", "status '" + status + "': only active rows are imported; delete a row through the "
                    + "API (DELETE /api/basedata/v1/...) rather than marking it tobedeleted");
        }
    }

    static OrgKind kind(String type) {
        return switch (type) {
            case "state" -> OrgKind.PROVINCE;
            case "local" -> OrgKind.CITY;
            case "district" -> OrgKind.DISTRICT;
            case "school" -> OrgKind.SCHOOL;
            case "department" -> OrgKind.DEPARTMENT;
            default -> throw new RowProblem("type", "type '" + type + "' has no place in the region's org tree: use state "
                    + "(province), local (city), district, school or department");
        };
    }

    private static Outcome org(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        OrgKind kind = kind(row.required("type"));
        String code = row.text("identifier");
        if (code == null) {
            throw new RowProblem("identifier", "identifier is empty: give the org's code (division code, or the 10-digit school code)");
        }
        return upserts.org(caller, new Org(row.required("sourcedId"), kind, code, row.required("name"), row.text("parentSourcedId"),
                null, row.text("metadata.stage"), row.text("metadata.ownership"), row.text("metadata.locale"), 0, null, null));
    }

    private static Outcome session(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        String org = row.text("orgSourcedId");
        if (org == null) {
            throw new RowProblem("orgSourcedId", "orgSourcedId is empty: the platform keeps school years and terms per org "
                    + "(a school, or the province for all); add the column with the org's sourcedId");
        }
        Integer endYear = row.integer("schoolYear");
        return upserts.session(caller, new AcademicSession(row.required("sourcedId"), org, null, row.required("title"),
                row.required("type"), endYear == null ? null : endYear - 1, row.date("startDate"), row.date("endDate"),
                row.text("parentSourcedId"), 0, null, null));
    }

    private static Outcome course(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        return upserts.course(caller, new Course(row.required("sourcedId"), row.required("orgSourcedId"), null, row.required("title"),
                row.text("courseCode"), row.first("subjectCodes"), grade(row.first("grades")), row.text("schoolYearSourcedId"), 0,
                null, null));
    }

    private static Outcome schoolClass(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        String type = row.text("classType");
        return upserts.schoolClass(caller, new SchoolClass(row.required("sourcedId"), row.required("schoolSourcedId"), null,
                row.required("title"), row.text("classCode"), type == null ? "scheduled" : type, grade(row.first("grades")), null,
                row.first("termSourcedIds"), row.text("courseSourcedId"), 0, null, null));
    }

    static PersonRole role(String role) {
        return switch (role) {
            case "student" -> PersonRole.STUDENT;
            case "teacher" -> PersonRole.TEACHER;
            case "guardian", "parent", "relative" -> PersonRole.GUARDIAN;
            case "aide", "administrator", "proctor", "principal", "siteAdministrator", "districtAdministrator",
                 "systemAdministrator" -> PersonRole.STAFF;
            default -> throw new RowProblem("role", "role '" + role + "' is not a OneRoster role: student, teacher, guardian, "
                    + "parent, relative, aide, administrator, ...");
        };
    }

    private static Outcome user(Upserts upserts, RoleStage roles, Caller caller, CsvRow row) {
        active(row);
        RoleStage.Primary staged = roles == null ? null : roles.of(row.required("sourcedId")).orElse(null);
        String roleText = row.text("role") != null ? row.text("role") : staged == null ? null : staged.role();
        if (roleText == null) {
            throw new RowProblem("role", "user " + row.text("sourcedId") + " has no primary role: give it in roles.csv "
                    + "(roleType primary) or in a role column of users.csv");
        }
        PersonRole role = role(roleText);
        String org = row.text("primaryOrgSourcedId") != null ? row.text("primaryOrgSourcedId")
                : row.first("orgSourcedIds") != null ? row.first("orgSourcedIds") : staged == null ? null : staged.orgSourcedId();
        if (org == null) {
            throw new RowProblem("orgSourcedIds", "orgSourcedIds is empty: name the org (school) the user belongs to");
        }
        String sourcedId = row.required("sourcedId");
        String identifier = row.text("identifier");
        Person stored = upserts.person(caller, sourcedId).orElse(null);
        StudentStatus status = null;
        if (role == PersonRole.STUDENT && identifier != null) {
            StudentStatus was = stored == null ? null : stored.status();
            status = was == null ? new StudentStatus(identifier, null, null, null, false, false, false, false, false, false)
                    : new StudentStatus(identifier, was.enrollmentDate(), was.householdRegistration(), was.address(), was.migrantChild(),
                    was.leftBehindChild(), was.orphan(), was.disabled(), was.specialCare(), was.financialAid());
        }
        String staffNumber = role == PersonRole.TEACHER || role == PersonRole.STAFF ? identifier : null;
        // Birth date and sex come from demographics.csv: a users.csv row keeps what is stored.
        Person given = new Person(sourcedId, role, org, null, row.required("familyName"), row.required("givenName"),
                stored == null ? null : stored.gender(), stored == null ? null : stored.birthDate(), null, null, staffNumber,
                row.text("phone"), row.text("email"), status, null, 0, null, null);
        return upserts.person(caller, given, (now, next) -> now.role() == next.role() && Objects.equals(now.orgId(), next.orgId())
                && Objects.equals(now.familyName(), next.familyName()) && Objects.equals(now.givenName(), next.givenName())
                && Objects.equals(now.staffNumber(), next.staffNumber()) && Objects.equals(now.phone(), next.phone())
                && Objects.equals(now.email(), next.email()) && (next.status() == null
                        || (now.status() != null && Objects.equals(now.status().registryNumber(), next.status().registryNumber()))));
    }

    private static Outcome demographics(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        String sourcedId = row.required("sourcedId");
        Person stored = upserts.person(caller, sourcedId).orElseThrow(() -> new RowProblem("sourcedId", "there is no user "
                + sourcedId + " (in users.csv or already stored) that you may see; demographics belong to a user"));
        String sex = row.text("sex");
        String gender = sex == null ? stored.gender() : switch (sex.toLowerCase(Locale.ROOT)) {
            case "male", "female", "unspecified" -> sex.toLowerCase(Locale.ROOT);
            case "other" -> "unspecified";
            default -> throw new RowProblem("sex", "sex '" + sex + "' is not male, female, other or unspecified");
        };
        java.time.LocalDate birth = row.date("birthDate") == null ? stored.birthDate() : row.date("birthDate");
        Person given = new Person(sourcedId, stored.role(), stored.orgId(), null, stored.familyName(), stored.givenName(), gender,
                birth, null, null, stored.staffNumber(), stored.phone(), stored.email(), null, null, 0, null, null);
        return upserts.person(caller, given, (now, next) -> Objects.equals(now.gender(), next.gender())
                && Objects.equals(now.birthDate(), next.birthDate()));
    }

    private static Outcome enrollment(Upserts upserts, Caller caller, CsvRow row) {
        active(row);
        String role = row.required("role");
        if (role.equals("proctor")) {
            role = "aide";
        }
        return upserts.enrollment(caller, new Enrollment(row.required("sourcedId"), row.required("classSourcedId"),
                row.required("userSourcedId"), role, row.flag("primary"), row.date("beginDate"), row.date("endDate"), null, 0, null,
                null));
    }

    /** OneRoster's CEDS grade as the platform's grade code; PK stands for 小班 (the platform's PK1). */
    static String grade(String ceds) {
        if (ceds == null) {
            return null;
        }
        return ceds.equals("PK") ? "PK1" : ceds;
    }
}
