package org.educloud.basedata.internal.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Course;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.Loaded;
import org.educloud.basedata.internal.PeopleLoad;
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
     * users.csv (its primary roles wait in {@code roles}). Users, demographics and enrollments take
     * the bulk path; rows with status tobedeleted delete their record.
     */
    static RosterCsvImport importer(Upserts upserts, RoleStage roles) {
        AgentRelations agents = new AgentRelations(upserts);
        List<FileSpec> files = new java.util.ArrayList<>(List.of(
                new FileSpec("orgs.csv", List.of("sourcedId", "name", "type"), deletable(upserts, "org", OneRosterCsvFiles::org)),
                new FileSpec("academicSessions.csv", List.of("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
                        deletable(upserts, "academicSession", OneRosterCsvFiles::session)),
                new FileSpec("courses.csv", List.of("sourcedId", "title", "orgSourcedId"),
                        deletable(upserts, "course", OneRosterCsvFiles::course)),
                new FileSpec("classes.csv", List.of("sourcedId", "title", "schoolSourcedId"),
                        deletable(upserts, "class", OneRosterCsvFiles::schoolClass)),
                new FileSpec("users.csv", List.of("sourcedId", "givenName", "familyName"),
                        deletable(upserts, "user", (u, caller, row) -> u.person(caller, user(staged(roles, row), row))),
                        users(upserts, roles, agents), agents),
                new FileSpec("demographics.csv", List.of("sourcedId"), (caller, row) -> {
                    if (status(row)) {
                        throw new RowProblem("status", "demographics are deleted with their user: mark the user tobedeleted in "
                                + "users.csv");
                    }
                    return upserts.person(caller, demographics(row));
                }, PlatformCsvFiles.bulk(row -> status(row) ? null : demographics(row),
                        (connection, caller, rows) -> upserts.peopleLoad().load(connection, caller, rows))),
                new FileSpec("enrollments.csv", List.of("sourcedId", "classSourcedId", "userSourcedId", "role"),
                        deletable(upserts, "enrollment", (u, caller, row) -> u.enrollment(caller, enrollment(row))),
                        PlatformCsvFiles.bulk(row -> status(row) ? null : enrollment(row),
                                (connection, caller, rows) -> upserts.enrollmentLoad().load(connection, caller, rows)))));
        if (roles != null) {
            files.add(4, new FileSpec("roles.csv", List.of("userSourcedId", "roleType", "role", "orgSourcedId"), (caller, row) -> {
                RoleStage.Entry entry = primaryRole(row);
                if (entry != null) {
                    roles.put(entry.userSourcedId(), entry.role(), entry.orgSourcedId());
                }
                return Outcome.STAGED;
            }, new RosterCsvImport.BulkRows<Optional<RoleStage.Entry>>() {
                @Override
                public Optional<RoleStage.Entry> prepare(Caller caller, CsvRow row) {
                    return Optional.ofNullable(primaryRole(row));
                }

                @Override
                public List<Loaded> load(java.sql.Connection connection, Caller caller, List<Optional<RoleStage.Entry>> rows)
                        throws java.sql.SQLException {
                    roles.putAll(connection, rows.stream().flatMap(Optional::stream).toList());
                    return java.util.Collections.nCopies(rows.size(), Loaded.STAGED);
                }

                @Override
                public boolean onLanes() {
                    return false; // the roles wait in a temporary table of the import's own connection
                }
            }));
        }
        return new RosterCsvImport(RosterCsvImport.Format.ONEROSTER, files);
    }

    /** A roles.csv row's primary role to stage, or null for a secondary role (an unknown role is refused at its line). */
    private static RoleStage.Entry primaryRole(CsvRow row) {
        if (status(row) || !"primary".equals(row.text("roleType"))) {
            return null;
        }
        role(row.required("role"));
        return new RoleStage.Entry(row.required("userSourcedId"), row.required("role"), row.required("orgSourcedId"));
    }

    /** Writes an active row through the services. */
    private interface Write {
        Outcome apply(Upserts upserts, Caller caller, CsvRow row);
    }

    /** A row upsert that deletes the record when the row's status is tobedeleted. */
    private static RosterCsvImport.RowUpsert deletable(Upserts upserts, String kind, Write write) {
        return (caller, row) -> status(row) ? upserts.delete(caller, kind, row.required("sourcedId")) : write.apply(upserts, caller, row);
    }

    /** True for tobedeleted, false for active (or no status column); anything else is refused. */
    private static boolean status(CsvRow row) {
        String status = row.text("status");
        if (status != null && !status.equals("active") && !status.equals("tobedeleted")) {
            throw new RowProblem("status", "status '" + status + "' is neither active nor tobedeleted");
        }
        return "tobedeleted".equals(status);
    }

    /**
     * users.csv in bulk: the batch's primary roles from roles.csv read in one query first, and what the batch says about
     * guardians (students' agents, the roles of parents, guardians and relatives) kept for {@code agents}.
     */
    private static RosterCsvImport.BulkRows<PeopleLoad.Row> users(Upserts upserts, RoleStage roles, AgentRelations agents) {
        return new RosterCsvImport.BulkRows<>() {
            private java.util.Map<String, RoleStage.Primary> staged = java.util.Map.of();

            @Override
            public void before(java.sql.Connection connection, Caller caller, List<CsvRow> rows) throws java.sql.SQLException {
                staged = roles == null ? java.util.Map.of() : roles.of(rows.stream().map(r -> r.text("sourcedId"))
                        .filter(Objects::nonNull).toList());
                agents.keep(connection, rows, row -> row.text("sourcedId") == null ? null
                        : roleText(staged.get(row.text("sourcedId")), row));
            }

            @Override
            public PeopleLoad.Row prepare(Caller caller, CsvRow row) {
                return status(row) ? null : user(staged.get(row.text("sourcedId")), row);
            }

            @Override
            public List<Loaded> load(java.sql.Connection connection, Caller caller, List<PeopleLoad.Row> rows)
                    throws java.sql.SQLException {
                return upserts.peopleLoad().load(connection, caller, rows);
            }
        };
    }

    private static RoleStage.Primary staged(RoleStage roles, CsvRow row) {
        return roles == null ? null : roles.of(row.required("sourcedId")).orElse(null);
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
        OrgKind kind = kind(row.required("type"));
        String code = row.text("identifier");
        if (code == null) {
            throw new RowProblem("identifier", "identifier is empty: give the org's code (division code, or the 10-digit school code)");
        }
        return upserts.org(caller, new Org(row.required("sourcedId"), kind, code, row.required("name"), row.text("parentSourcedId"),
                null, row.text("metadata.stage"), row.text("metadata.ownership"), row.text("metadata.locale"), 0, null, null));
    }

    private static Outcome session(Upserts upserts, Caller caller, CsvRow row) {
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
        return upserts.course(caller, new Course(row.required("sourcedId"), row.required("orgSourcedId"), null, row.required("title"),
                row.text("courseCode"), row.first("subjectCodes"), grade(row.first("grades")), row.text("schoolYearSourcedId"), 0,
                null, null));
    }

    private static Outcome schoolClass(Upserts upserts, Caller caller, CsvRow row) {
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

    /** A users.csv row: birth date and sex come from demographics.csv, so the stored ones stay. */
    private static PeopleLoad.Row user(RoleStage.Primary staged, CsvRow row) {
        String roleText = roleText(staged, row);
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
        String family = row.required("familyName");
        String given = row.required("givenName");
        String phone = row.text("phone");
        String email = row.text("email");
        String staffNumber = role == PersonRole.TEACHER || role == PersonRole.STAFF ? identifier : null;
        return new PeopleLoad.Row(sourcedId, stored -> {
            StudentStatus status = null;
            if (role == PersonRole.STUDENT && identifier != null) {
                StudentStatus was = stored == null ? null : stored.status();
                status = was == null ? new StudentStatus(identifier, null, null, null, false, false, false, false, false, false)
                        : new StudentStatus(identifier, was.enrollmentDate(), was.householdRegistration(), was.address(),
                        was.migrantChild(), was.leftBehindChild(), was.orphan(), was.disabled(), was.specialCare(), was.financialAid());
            }
            return new Person(sourcedId, role, org, null, family, given, stored == null ? null : stored.gender(),
                    stored == null ? null : stored.birthDate(), null, null, staffNumber, phone, email, status, null, 0, null, null);
        });
    }

    /** A user's OneRoster role: users.csv's role column (OneRoster 1.1), else the primary role of roles.csv; null when neither. */
    private static String roleText(RoleStage.Primary staged, CsvRow row) {
        return row.text("role") != null ? row.text("role") : staged == null ? null : staged.role();
    }

    /** A demographics.csv row: sets the birth date and sex of a user already imported. */
    private static PeopleLoad.Row demographics(CsvRow row) {
        String sourcedId = row.required("sourcedId");
        String sex = row.text("sex");
        String gender = sex == null ? null : switch (sex.toLowerCase(Locale.ROOT)) {
            case "male", "female", "unspecified" -> sex.toLowerCase(Locale.ROOT);
            case "other" -> "unspecified";
            default -> throw new RowProblem("sex", "sex '" + sex + "' is not male, female, other or unspecified");
        };
        java.time.LocalDate birth = row.date("birthDate");
        return new PeopleLoad.Row(sourcedId, stored -> {
            if (stored == null) {
                throw new BasedataProblem(BasedataProblem.Kind.INVALID, "sourcedId", "there is no user " + sourcedId
                        + " (in users.csv or already stored) that you may see; demographics belong to a user");
            }
            return new Person(sourcedId, stored.role(), stored.orgId(), null, stored.familyName(), stored.givenName(),
                    gender == null ? stored.gender() : gender, birth == null ? stored.birthDate() : birth, null, null,
                    stored.staffNumber(), stored.phone(), stored.email(), null, null, 0, null, null);
        });
    }

    private static Enrollment enrollment(CsvRow row) {
        String role = row.required("role");
        if (role.equals("proctor")) {
            role = "aide";
        }
        return new Enrollment(row.required("sourcedId"), row.required("classSourcedId"), row.required("userSourcedId"), role,
                row.flag("primary"), row.date("beginDate"), row.date("endDate"), null, 0, null, null);
    }

    /** OneRoster's CEDS grade as the platform's grade code; PK stands for 小班 (the platform's PK1). */
    static String grade(String ceds) {
        if (ceds == null) {
            return null;
        }
        return ceds.equals("PK") ? "PK1" : ceds;
    }
}
