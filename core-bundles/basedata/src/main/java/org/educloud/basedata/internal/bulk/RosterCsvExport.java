package org.educloud.basedata.internal.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Course;
import org.educloud.basedata.Curriculum;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.StudentStatus;
import org.educloud.basedata.internal.oneroster.GuidRefs;
import org.educloud.basedata.internal.oneroster.RosterCatalog;
import org.educloud.basedata.internal.oneroster.RosterReader;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes what a caller may read (below one org, or all of it) as CSV files into a folder: OneRoster
 * 1.2 bulk CSV (manifest.csv and one file per collection, the same mapping as the REST API) or the
 * platform's own files, which import reads back unchanged. Rows stream from the database to the
 * files; ID numbers go out masked (importing them back keeps the stored ones).
 */
@Component(service = RosterCsvExport.class)
public final class RosterCsvExport {

    private static final CSVFormat CSV = CSVFormat.DEFAULT;
    private static final int PAGE = ListQuery.MAX_LIMIT;

    private final RosterReader reader;
    private final RosterCatalog catalog = new RosterCatalog();
    private final ObjectMapper mapper = new ObjectMapper();
    private final OrgDirectory orgs;
    private final PersonRegistry people;
    private final ClassRoster roster;
    private final Curriculum curriculum;

    @Activate
    public RosterCsvExport(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "orgs") OrgDirectory orgs, @Reference(name = "people") PersonRegistry people,
            @Reference(name = "roster") ClassRoster roster, @Reference(name = "curriculum") Curriculum curriculum) {
        this.reader = new RosterReader(dataSource);
        this.orgs = orgs;
        this.people = people;
        this.roster = roster;
        this.curriculum = curriculum;
    }

    /** Rows written per file. */
    public record Written(Map<String, Long> rows) {
    }

    /**
     * @param under the org whose subtree to export; {@link OrgPath#ROOT} for all the caller may read
     */
    public Written export(Caller caller, OrgPath under, RosterCsvImport.Format format, Path folder) throws IOException {
        Files.createDirectories(folder);
        Caller narrowed = under.equals(OrgPath.ROOT) ? caller : new SubtreeCaller(caller, under);
        return format == RosterCsvImport.Format.PLATFORM ? platform(narrowed, under, folder) : oneRoster(narrowed, folder);
    }

    private Written oneRoster(Caller caller, Path folder) throws IOException {
        GuidRefs refs = new GuidRefs("", mapper);
        Map<String, Long> written = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Function<JsonNode, String>>> file : oneRosterLayout().entrySet()) {
            // roles.csv is written from users: OneRoster 1.2 keeps a user's roles in a file of their own.
            String collection = file.getKey().equals("roles") ? "users" : file.getKey();
            List<String> header = List.copyOf(file.getValue().keySet());
            long[] count = {0};
            try (Writer out = Files.newBufferedWriter(folder.resolve(file.getKey() + ".csv"), StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(out, CSV.builder().setHeader(header.toArray(String[]::new)).build())) {
                reader.stream(caller, catalog.collection(collection).orElseThrow(), refs, row -> {
                    List<String> values = new ArrayList<>();
                    file.getValue().values().forEach(column -> values.add(column.apply(row)));
                    print(printer, values);
                    count[0]++;
                });
            } catch (org.educloud.basedata.internal.oneroster.RosterCollection.NotPermitted e) {
                // Nothing of this collection is readable: the file stays with its header only, and the manifest says absent.
                count[0] = -1;
            }
            written.put(file.getKey() + ".csv", count[0]);
        }
        try (Writer out = Files.newBufferedWriter(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSV.builder().setHeader("propertyName", "value").build())) {
            printer.printRecord("manifest.version", "1.0");
            printer.printRecord("oneroster.version", "1.2");
            for (String file : List.of("academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
                    "demographics", "enrollments", "lineItemLearningObjectIds", "lineItems", "lineItemScoreScales", "orgs", "resources",
                    "resultLearningObjectIds", "results", "resultScoreScales", "roles", "scoreScales", "userProfiles",
                    "userResources", "users")) {
                Long rows = written.get(file + ".csv");
                printer.printRecord("file." + file, rows == null || rows < 0 ? "absent" : "bulk");
            }
            printer.printRecord("source.systemName", "EduCloud");
        }
        written.replaceAll((file, rows) -> Math.max(rows, 0));
        return new Written(written);
    }

    /** The OneRoster CSV columns of each collection, taken from the REST representation of a row. */
    private static Map<String, Map<String, Function<JsonNode, String>>> oneRosterLayout() {
        Map<String, Map<String, Function<JsonNode, String>>> files = new LinkedHashMap<>();
        files.put("orgs", columns("sourcedId", "status", "dateLastModified", "name", "type", "identifier",
                "parentSourcedId=parent", "metadata.stage", "metadata.ownership", "metadata.locale"));
        files.put("academicSessions", columns("sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
                "parentSourcedId=parent", "schoolYear", "orgSourcedId=org"));
        files.put("courses", columns("sourcedId", "status", "dateLastModified", "schoolYearSourcedId=schoolYear", "title",
                "courseCode", "grades", "orgSourcedId=org", "subjects", "subjectCodes"));
        files.put("classes", columns("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId=course",
                "classCode", "classType", "location", "schoolSourcedId=school", "termSourcedIds=terms", "subjects", "subjectCodes",
                "periods"));
        Map<String, Function<JsonNode, String>> users = columns("sourcedId", "status", "dateLastModified", "enabledUser");
        users.put("orgSourcedIds", row -> row.path("primaryOrg").path("sourcedId").asText(""));
        users.putAll(columns("username"));
        users.put("userIds", row -> {
            List<String> ids = new ArrayList<>();
            row.path("userIds").forEach(id -> ids.add("{" + id.path("type").asText() + ":" + id.path("identifier").asText() + "}"));
            return String.join(",", ids);
        });
        users.putAll(columns("givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
                "agentSourcedIds=agents", "grades", "password"));
        files.put("users", users);
        Map<String, Function<JsonNode, String>> roles = new LinkedHashMap<>();
        roles.put("sourcedId", row -> row.path("sourcedId").asText() + "-primary");
        roles.putAll(columns("status", "dateLastModified"));
        roles.put("userSourcedId", row -> row.path("sourcedId").asText());
        roles.put("roleType", row -> "primary");
        roles.put("role", row -> row.path("roles").path(0).path("role").asText(""));
        roles.put("orgSourcedId", row -> row.path("primaryOrg").path("sourcedId").asText(""));
        roles.put("userProfileSourcedId", row -> "");
        roles.put("beginDate", row -> "");
        roles.put("endDate", row -> "");
        files.put("roles", roles);
        files.put("demographics", columns("sourcedId", "status", "dateLastModified", "birthDate", "sex"));
        files.put("enrollments", columns("sourcedId", "status", "dateLastModified", "classSourcedId=class",
                "schoolSourcedId=school", "userSourcedId=user", "role", "primary", "beginDate", "endDate"));
        return files;
    }

    /** Columns named as the JSON field, or {@code column=field} for a reference (or list of them) written as sourcedIds. */
    private static Map<String, Function<JsonNode, String>> columns(String... specs) {
        Map<String, Function<JsonNode, String>> columns = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            String column = equals < 0 ? spec : spec.substring(0, equals);
            String field = equals < 0 ? spec : spec.substring(equals + 1);
            columns.put(column, row -> text(field.contains(".") ? row.path(field.substring(0, field.indexOf('.')))
                    .path(field.substring(field.indexOf('.') + 1)) : row.path(field)));
        }
        return columns;
    }

    /** A value as CSV text: a reference as its sourcedId, a list comma-separated, nothing as empty. */
    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(item -> parts.add(text(item)));
            return String.join(",", parts);
        }
        if (value.isObject()) {
            return value.path("sourcedId").asText("");
        }
        return value.asText();
    }

    private Written platform(Caller caller, OrgPath under, Path folder) throws IOException {
        Map<String, Long> written = new LinkedHashMap<>();
        written.put("orgs.csv", write(folder, "orgs.csv", PlatformCsvFiles.ORGS,
                after -> orgs.list(caller, new ListQuery(under, after, PAGE), null),
                (Org o) -> java.util.Arrays.<Object>asList(o.sourcedId(), o.kind().label(), o.code(), o.name(), o.parentId(), o.stage(), o.ownership(),
                        o.locale())));
        written.put("academicSessions.csv", write(folder, "academicSessions.csv", PlatformCsvFiles.SESSIONS,
                after -> curriculum.sessions(caller, new ListQuery(under, after, PAGE), null),
                (AcademicSession s) -> java.util.Arrays.<Object>asList(s.sourcedId(), s.orgId(), s.title(), s.sessionType(), s.schoolYear(), s.startDate(),
                        s.endDate(), s.parentId())));
        written.put("courses.csv", write(folder, "courses.csv", PlatformCsvFiles.COURSES,
                after -> curriculum.courses(caller, new ListQuery(under, after, PAGE), null),
                (Course c) -> java.util.Arrays.<Object>asList(c.sourcedId(), c.orgId(), c.title(), c.courseCode(), c.subjectCode(), c.gradeCode(),
                        c.sessionId())));
        written.put("classes.csv", write(folder, "classes.csv", PlatformCsvFiles.CLASSES,
                after -> roster.classes(caller, new ListQuery(under, after, PAGE), null),
                (SchoolClass k) -> java.util.Arrays.<Object>asList(k.sourcedId(), k.schoolId(), k.title(), k.classCode(), k.classType(), k.gradeCode(),
                        k.entryYear(), k.sessionId(), k.courseId())));
        written.put("people.csv", write(folder, "people.csv", PlatformCsvFiles.PEOPLE,
                after -> people.list(caller, new ListQuery(under, after, PAGE), null, null, false), RosterCsvExport::person));
        written.put("guardianRelations.csv", write(folder, "guardianRelations.csv", PlatformCsvFiles.RELATIONS,
                after -> people.relations(caller, new ListQuery(under, after, PAGE), null),
                (GuardianRelation r) -> java.util.Arrays.<Object>asList(r.sourcedId(), r.guardianId(), r.studentId(), r.relationCode(), r.primaryContact())));
        written.put("enrollments.csv", write(folder, "enrollments.csv", PlatformCsvFiles.ENROLLMENTS,
                after -> roster.enrollments(caller, new ListQuery(under, after, PAGE), null, null),
                (Enrollment e) -> java.util.Arrays.<Object>asList(e.sourcedId(), e.classId(), e.personId(), e.role(), e.primaryTeacher(), e.beginDate(),
                        e.endDate())));
        return new Written(written);
    }

    private static List<Object> person(Person p) {
        StudentStatus s = p.status();
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(p.sourcedId(), p.role().label(), p.orgId(), p.familyName(),
                p.givenName()));
        values.add(p.gender());
        values.add(p.birthDate());
        values.add(p.idNumberMasked());
        values.add(p.staffNumber());
        values.add(p.phone());
        values.add(p.email());
        if (s == null) {
            for (int i = 0; i < 10; i++) {
                values.add(null);
            }
        } else {
            values.addAll(java.util.Arrays.asList(s.registryNumber(), s.enrollmentDate(), s.householdRegistration(), s.address(),
                    s.migrantChild(), s.leftBehindChild(), s.orphan(), s.disabled(), s.specialCare(), s.financialAid()));
        }
        return values;
    }

    /** Writes every page of a list; a list the caller may not read anywhere leaves the file with its header. */
    private static <T> long write(Path folder, String file, List<String> header, Function<String, Page<T>> pages,
            Function<T, List<?>> values) throws IOException {
        long count = 0;
        try (Writer out = Files.newBufferedWriter(folder.resolve(file), StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSV.builder().setHeader(header.toArray(String[]::new)).build())) {
            String after = "";
            while (after != null) {
                Page<T> page;
                try {
                    page = pages.apply(after);
                } catch (org.educloud.basedata.BasedataProblem e) {
                    if (e.kind() == org.educloud.basedata.BasedataProblem.Kind.FORBIDDEN) {
                        break;
                    }
                    throw e;
                }
                for (T item : page.items()) {
                    print(printer, values.apply(item));
                    count++;
                }
                after = page.next().orElse(null);
            }
        }
        return count;
    }

    private static void print(CSVPrinter printer, List<?> values) {
        try {
            List<Object> cells = new ArrayList<>();
            for (Object value : values) {
                cells.add(value == null ? "" : value.toString());
            }
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
