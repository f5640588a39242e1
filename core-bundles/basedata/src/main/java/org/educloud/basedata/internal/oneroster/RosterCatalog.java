package org.educloud.basedata.internal.oneroster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.basedata.internal.oneroster.RosterCollection.Column;
import org.educloud.basedata.internal.oneroster.RosterCollection.Type;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OneRoster 1.2 rostering collections over the platform's tables; the mapping is documented
 * in the module README ("OneRoster 1.2"). Whole ID numbers and the student-status indicator flags
 * are never part of it: OneRoster has no field for them and agencies read them natively, audited.
 *
 * <p>Joins along a foreign key that cannot be null are written {@code LEFT JOIN}: they match exactly one
 * row either way, and MariaDB leaves out a left join that a query does not use (table elimination), so
 * counting a collection and walking an offset read only its own table. As inner joins, the optimizer
 * counted 100,000 users by scanning the orgs and joining each one's people (200 ms against 18 ms).
 */
public final class RosterCatalog {

    private static final String ACTIVE = "'active'";
    private static final String ORG_TYPE = "CASE o.kind WHEN 'PROVINCE' THEN 'state' WHEN 'CITY' THEN 'local' "
            + "WHEN 'DISTRICT' THEN 'district' WHEN 'SCHOOL' THEN 'school' WHEN 'DEPARTMENT' THEN 'department' END";
    private static final String USER_ROLE = "CASE u.role WHEN 'STUDENT' THEN 'student' WHEN 'TEACHER' THEN 'teacher' "
            + "WHEN 'GUARDIAN' THEN 'guardian' WHEN 'STAFF' THEN 'aide' END";
    private static final String USER_IDENTIFIER = "COALESCE(st.registry_number, u.staff_number)";

    private final Map<String, RosterCollection> collections = new LinkedHashMap<>();

    public RosterCatalog() {
        RosterCollection orgs = orgs();
        add(orgs);
        add(orgs.narrowed("schools", "org", "o.kind = 'SCHOOL'"));
        RosterCollection sessions = sessions();
        add(sessions);
        add(sessions.narrowed("terms", "academicSession", "s.session_type = 'term'"));
        add(courses());
        add(classes());
        RosterCollection users = users();
        add(users);
        add(users.narrowed("students", "user", "u.role = 'STUDENT'"));
        add(users.narrowed("teachers", "user", "u.role = 'TEACHER'"));
        add(enrollments());
        add(demographics());
    }

    /** The collection of this name (orgs, schools, users, ...). */
    public Optional<RosterCollection> collection(String plural) {
        return Optional.ofNullable(collections.get(plural));
    }

    /** Every collection's name. */
    public List<String> names() {
        return List.copyOf(collections.keySet());
    }

    private void add(RosterCollection collection) {
        collections.put(collection.plural(), collection);
    }

    private static Map<String, Column> columns(Object... pairs) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put((String) pairs[i], pairs[i + 1] instanceof Column column ? column : Column.text((String) pairs[i + 1]));
        }
        return columns;
    }

    private static RosterCollection orgs() {
        String select = "o.id, o.sourced_id, o.updated_at, o.name, o.code, o.kind, o.stage, o.ownership, o.locale, "
                + ORG_TYPE + " AS or_type, p.sourced_id AS parent_sourced_id, "
                + "(SELECT GROUP_CONCAT(c.sourced_id ORDER BY c.id) FROM bd_org c WHERE c.parent_id = o.id AND c.kind <> 'VENDOR') AS children";
        Map<String, Column> columns = columns("sourcedId", "o.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("o.updated_at", Type.TIMESTAMP), "name", "o.name", "type", ORG_TYPE,
                "identifier", "o.code", "parent.sourcedId", "p.sourced_id");
        return new RosterCollection("orgs", "org", select, "bd_org o LEFT JOIN bd_org p ON p.id = o.parent_id", "o.id",
                "o.sourced_id", "o.kind <> 'VENDOR'", List.of("sourcedId", "status", "dateLastModified", "metadata", "name", "type",
                        "identifier", "parent", "children"), columns, RosterCollection.within("o.org_path", "basedata:orgs:read"),
                RosterCatalog::org);
    }

    private static ObjectNode org(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("kind", row.getString("kind").toLowerCase(java.util.Locale.ROOT));
        GuidRefs.putText(metadata, "stage", row.getString("stage"));
        GuidRefs.putText(metadata, "ownership", row.getString("ownership"));
        GuidRefs.putText(metadata, "locale", row.getString("locale"));
        node.put("name", row.getString("name"));
        node.put("type", row.getString("or_type"));
        node.put("identifier", row.getString("code"));
        refs.putRef(node, "parent", "org", row.getString("parent_sourced_id"));
        node.set("children", refs.refs("org", row.getString("children")));
        return node;
    }

    private static RosterCollection sessions() {
        String select = "s.id, s.sourced_id, s.updated_at, s.title, s.session_type, s.start_date, s.end_date, s.school_year, "
                + "ps.sourced_id AS parent_sourced_id, so.sourced_id AS org_sourced_id, "
                + "(SELECT GROUP_CONCAT(c.sourced_id ORDER BY c.id) FROM bd_academic_session c WHERE c.parent_id = s.id) AS children";
        Map<String, Column> columns = columns("sourcedId", "s.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("s.updated_at", Type.TIMESTAMP), "title", "s.title", "type", "s.session_type",
                "startDate", new Column("s.start_date", Type.DATE), "endDate", new Column("s.end_date", Type.DATE),
                "schoolYear", "CAST(s.school_year + 1 AS CHAR)", "parent.sourcedId", "ps.sourced_id", "org.sourcedId", "so.sourced_id");
        return new RosterCollection("academicSessions", "academicSession", select, "bd_academic_session s "
                + "LEFT JOIN bd_org so ON so.id = s.org_id LEFT JOIN bd_academic_session ps ON ps.id = s.parent_id", "s.id", "s.sourced_id",
                "TRUE", List.of("sourcedId", "status", "dateLastModified", "title", "startDate", "endDate", "type", "parent", "children",
                        "schoolYear", "org"), columns, RosterCollection.within("s.org_path", "basedata:sessions:read"),
                RosterCatalog::session);
    }

    private static ObjectNode session(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        node.put("title", row.getString("title"));
        node.put("startDate", row.getDate("start_date").toLocalDate().toString());
        node.put("endDate", row.getDate("end_date").toLocalDate().toString());
        node.put("type", row.getString("session_type"));
        refs.putRef(node, "parent", "academicSession", row.getString("parent_sourced_id"));
        node.set("children", refs.refs("academicSession", row.getString("children")));
        // OneRoster's schoolYear is the calendar year the school year ends in; the platform keeps the year it starts in.
        node.put("schoolYear", String.valueOf(row.getInt("school_year") + 1));
        refs.putRef(node, "org", "org", row.getString("org_sourced_id"));
        return node;
    }

    private static RosterCollection courses() {
        String select = "c.id, c.sourced_id, c.updated_at, c.title, c.course_code, c.subject_code, c.grade_code, "
                + "cs.sourced_id AS session_sourced_id, co.sourced_id AS org_sourced_id";
        Map<String, Column> columns = columns("sourcedId", "c.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("c.updated_at", Type.TIMESTAMP), "title", "c.title", "courseCode", "c.course_code",
                "schoolYear.sourcedId", "cs.sourced_id", "org.sourcedId", "co.sourced_id", "subjectCodes", "c.subject_code");
        return new RosterCollection("courses", "course", select, "bd_course c LEFT JOIN bd_org co ON co.id = c.org_id "
                + "LEFT JOIN bd_academic_session cs ON cs.id = c.session_id", "c.id", "c.sourced_id", "TRUE",
                List.of("sourcedId", "status", "dateLastModified", "title", "schoolYear", "courseCode", "grades", "subjects", "org",
                        "subjectCodes"), columns, RosterCollection.within("c.org_path", "basedata:courses:read"), RosterCatalog::course);
    }

    private static ObjectNode course(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        node.put("title", row.getString("title"));
        refs.putRef(node, "schoolYear", "academicSession", row.getString("session_sourced_id"));
        GuidRefs.putText(node, "courseCode", row.getString("course_code"));
        node.set("grades", grades(refs, row.getString("grade_code")));
        node.putArray("subjects");
        refs.putRef(node, "org", "org", row.getString("org_sourced_id"));
        node.set("subjectCodes", list(refs, row.getString("subject_code")));
        return node;
    }

    private static RosterCollection classes() {
        String select = "k.id, k.sourced_id, k.updated_at, k.title, k.class_code, k.class_type, k.grade_code, "
                + "ks.sourced_id AS school_sourced_id, kc.sourced_id AS course_sourced_id, kc.subject_code, "
                + "kt.sourced_id AS term_sourced_id";
        Map<String, Column> columns = columns("sourcedId", "k.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("k.updated_at", Type.TIMESTAMP), "title", "k.title", "classCode", "k.class_code",
                "classType", "k.class_type", "course.sourcedId", "kc.sourced_id", "school.sourcedId", "ks.sourced_id",
                "terms.sourcedId", "kt.sourced_id");
        return new RosterCollection("classes", "class", select, "bd_class k LEFT JOIN bd_org ks ON ks.id = k.school_id "
                + "LEFT JOIN bd_course kc ON kc.id = k.course_id LEFT JOIN bd_academic_session kt ON kt.id = k.session_id", "k.id",
                "k.sourced_id", "TRUE", List.of("sourcedId", "status", "dateLastModified", "title", "classCode", "classType", "location",
                        "grades", "subjects", "course", "school", "terms", "subjectCodes", "periods"), columns,
                RosterCollection.within("k.org_path", "basedata:classes:read"), RosterCatalog::schoolClass);
    }

    private static ObjectNode schoolClass(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        node.put("title", row.getString("title"));
        GuidRefs.putText(node, "classCode", row.getString("class_code"));
        node.put("classType", row.getString("class_type"));
        node.set("grades", grades(refs, row.getString("grade_code")));
        node.putArray("subjects");
        refs.putRef(node, "course", "course", row.getString("course_sourced_id"));
        refs.putRef(node, "school", "org", row.getString("school_sourced_id"));
        node.set("terms", refs.refs("academicSession", row.getString("term_sourced_id")));
        node.set("subjectCodes", list(refs, row.getString("subject_code")));
        node.putArray("periods");
        return node;
    }

    private static RosterCollection users() {
        String select = "u.id, u.sourced_id, u.updated_at, u.role, u.family_name, u.given_name, u.email, u.phone, u.staff_number, "
                + "st.registry_number, uo.sourced_id AS org_sourced_id, " + USER_ROLE + " AS or_role, "
                + "CASE u.role WHEN 'STUDENT' THEN (SELECT GROUP_CONCAT(g.sourced_id ORDER BY r.id) FROM bd_guardian_relation r "
                + "JOIN bd_person g ON g.id = r.guardian_id WHERE r.student_id = u.id) WHEN 'GUARDIAN' THEN (SELECT "
                + "GROUP_CONCAT(s.sourced_id ORDER BY r.id) FROM bd_guardian_relation r JOIN bd_person s ON s.id = r.student_id "
                + "WHERE r.guardian_id = u.id) END AS agents";
        Map<String, Column> columns = columns("sourcedId", "u.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("u.updated_at", Type.TIMESTAMP), "username", "COALESCE(" + USER_IDENTIFIER
                        + ", u.sourced_id)", "enabledUser", "'true'", "givenName", "u.given_name", "familyName", "u.family_name",
                "identifier", USER_IDENTIFIER, "email", "u.email", "phone", "u.phone", "role", USER_ROLE, "roles.role", USER_ROLE,
                "primaryOrg.sourcedId", "uo.sourced_id");
        return new RosterCollection("users", "user", select, "bd_person u LEFT JOIN bd_org uo ON uo.id = u.org_id "
                + "LEFT JOIN bd_student_status st ON st.person_id = u.id", "u.id", "u.sourced_id", "TRUE",
                List.of("sourcedId", "status", "dateLastModified", "username", "userIds", "enabledUser", "givenName", "familyName",
                        "roles", "agents", "primaryOrg", "identifier", "email", "phone", "grades"), columns, peopleVisibility(),
                RosterCatalog::user);
    }

    static RosterCollection.Visibility peopleVisibility() {
        Map<String, String> permissions = new LinkedHashMap<>();
        permissions.put("STUDENT", "basedata:students:read");
        permissions.put("TEACHER", "basedata:teachers:read");
        permissions.put("GUARDIAN", "basedata:guardians:read");
        permissions.put("STAFF", "basedata:staff:read");
        return RosterCollection.people("u.role", "u.org_path", permissions);
    }

    private static ObjectNode user(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        String registry = row.getString("registry_number");
        String staffNumber = row.getString("staff_number");
        String identifier = registry != null ? registry : staffNumber;
        node.put("username", identifier != null ? identifier : row.getString("sourced_id"));
        ArrayNode ids = node.putArray("userIds");
        if (registry != null) {
            ids.addObject().put("type", "registryNumber").put("identifier", registry);
        }
        if (staffNumber != null) {
            ids.addObject().put("type", "staffNumber").put("identifier", staffNumber);
        }
        node.put("enabledUser", "true");
        node.put("givenName", row.getString("given_name"));
        node.put("familyName", row.getString("family_name"));
        ObjectNode role = node.putArray("roles").addObject();
        role.put("roleType", "primary");
        role.put("role", row.getString("or_role"));
        role.set("org", refs.ref("org", row.getString("org_sourced_id")));
        node.set("agents", refs.refs("user", row.getString("agents")));
        node.set("primaryOrg", refs.ref("org", row.getString("org_sourced_id")));
        GuidRefs.putText(node, "identifier", identifier);
        GuidRefs.putText(node, "email", row.getString("email"));
        GuidRefs.putText(node, "phone", row.getString("phone"));
        node.putArray("grades");
        return node;
    }

    private static RosterCollection enrollments() {
        String select = "e.id, e.sourced_id, e.updated_at, e.role, e.primary_teacher, e.begin_date, e.end_date, "
                + "ec.sourced_id AS class_sourced_id, ep.sourced_id AS user_sourced_id, es.sourced_id AS school_sourced_id";
        Map<String, Column> columns = columns("sourcedId", "e.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("e.updated_at", Type.TIMESTAMP), "role", "e.role",
                "primary", "CASE WHEN e.primary_teacher THEN 'true' ELSE 'false' END", "beginDate", new Column("e.begin_date", Type.DATE),
                "endDate", new Column("e.end_date", Type.DATE), "class.sourcedId", "ec.sourced_id", "user.sourcedId", "ep.sourced_id",
                "school.sourcedId", "es.sourced_id");
        return new RosterCollection("enrollments", "enrollment", select, "bd_enrollment e LEFT JOIN bd_class ec ON ec.id = e.class_id "
                + "LEFT JOIN bd_person ep ON ep.id = e.person_id LEFT JOIN bd_org es ON es.id = ec.school_id", "e.id", "e.sourced_id", "TRUE",
                List.of("sourcedId", "status", "dateLastModified", "class", "user", "school", "role", "primary", "beginDate", "endDate"),
                columns, RosterCollection.within("e.org_path", "basedata:enrollments:read"), RosterCatalog::enrollment);
    }

    private static ObjectNode enrollment(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        node.set("class", refs.ref("class", row.getString("class_sourced_id")));
        node.set("user", refs.ref("user", row.getString("user_sourced_id")));
        node.set("school", refs.ref("org", row.getString("school_sourced_id")));
        node.put("role", row.getString("role"));
        node.put("primary", String.valueOf(row.getBoolean("primary_teacher")));
        java.sql.Date begin = row.getDate("begin_date");
        java.sql.Date end = row.getDate("end_date");
        GuidRefs.putText(node, "beginDate", begin == null ? null : begin.toLocalDate().toString());
        GuidRefs.putText(node, "endDate", end == null ? null : end.toLocalDate().toString());
        return node;
    }

    private static RosterCollection demographics() {
        String select = "u.id, u.sourced_id, u.updated_at, u.birth_date, u.gender";
        Map<String, Column> columns = columns("sourcedId", "u.sourced_id", "status", ACTIVE,
                "dateLastModified", new Column("u.updated_at", Type.TIMESTAMP), "birthDate", new Column("u.birth_date", Type.DATE),
                "sex", "COALESCE(u.gender, 'unspecified')");
        return new RosterCollection("demographics", "demographics", select, "bd_person u", "u.id", "u.sourced_id", "TRUE",
                List.of("sourcedId", "status", "dateLastModified", "birthDate", "sex"), columns, peopleVisibility(),
                RosterCatalog::demographic);
    }

    private static ObjectNode demographic(ResultSet row, GuidRefs refs) throws SQLException {
        ObjectNode node = refs.base(row, "sourced_id", "updated_at");
        java.sql.Date birth = row.getDate("birth_date");
        GuidRefs.putText(node, "birthDate", birth == null ? null : birth.toLocalDate().toString());
        String gender = row.getString("gender");
        node.put("sex", gender == null ? "unspecified" : gender);
        return node;
    }

    /** The platform's grade code as OneRoster's (CEDS) grade: 小班 and 中班 are both pre-kindergarten, 中职 years are 10 to 12. */
    static String grade(String code) {
        return switch (code) {
            case "PK1", "PK2" -> "PK";
            case "V1" -> "10";
            case "V2" -> "11";
            case "V3" -> "12";
            default -> code;
        };
    }

    private static ArrayNode grades(GuidRefs refs, String code) {
        ArrayNode array = refs.mapper().createArrayNode();
        if (code != null) {
            array.add(grade(code));
        }
        return array;
    }

    private static ArrayNode list(GuidRefs refs, String value) {
        ArrayNode array = refs.mapper().createArrayNode();
        if (value != null) {
            array.add(value);
        }
        return array;
    }
}
