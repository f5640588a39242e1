package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * People in {@code bd_person}, students' status in {@code bd_student_status} and guardians in
 * {@code bd_guardian_relation}. ID numbers are stored encrypted with their blind index and masked form;
 * a whole number leaves only for a caller who may see it, and each one shown is audited.
 */
@Component(service = PersonRegistry.class)
public final class JdbcPersonRegistry implements PersonRegistry {

    private static final Set<String> GENDERS = Set.of("male", "female", "unspecified");
    private static final Pattern REGISTRY_NUMBER = Pattern.compile("[A-Za-z0-9-]{4,32}");
    private static final Pattern PHONE = Pattern.compile("[0-9+ ()-]{3,32}");
    static final Pattern RELATION_CODE = Pattern.compile("[1-9][0-9]");
    static final String SELECT = "SELECT p.id, p.sourced_id, p.role, p.id_number_index, o.sourced_id AS org_sourced_id, o.kind AS org_kind, "
            + "p.org_path, p.family_name, p.given_name, p.gender, p.birth_date, p.id_number_cipher, p.id_number_masked, "
            + "p.staff_number, p.phone, p.email, p.version, p.created_at, p.updated_at, s.person_id AS status_of, "
            + "s.registry_number, s.enrollment_date, s.household_registration, s.address, s.migrant_child, s.left_behind_child, "
            + "s.orphan, s.disabled, s.special_care, s.financial_aid FROM bd_person p JOIN bd_org o ON o.id = p.org_id "
            + "LEFT JOIN bd_student_status s ON s.person_id = p.id";
    static final String RELATION_SELECT = "SELECT r.id, r.sourced_id, g.sourced_id AS guardian_sourced_id, "
            + "st.sourced_id AS student_sourced_id, r.relation_code, r.primary_contact, g.family_name, g.given_name, r.org_path, "
            + "r.version, r.created_at, r.updated_at FROM bd_guardian_relation r JOIN bd_person g ON g.id = r.guardian_id "
            + "JOIN bd_person st ON st.id = r.student_id";

    static final String INSERT = "INSERT INTO bd_person (sourced_id, role, org_id, org_path, family_name, given_name, gender, "
            + "birth_date, id_number_cipher, id_number_index, id_number_masked, staff_number, phone, email) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE = "UPDATE bd_person SET org_id = ?, org_path = ?, family_name = ?, given_name = ?, gender = ?, "
            + "birth_date = ?, id_number_cipher = COALESCE(?, id_number_cipher), id_number_index = COALESCE(?, id_number_index), "
            + "id_number_masked = COALESCE(?, id_number_masked), staff_number = ?, phone = ?, email = ?, version = version + 1, "
            + "updated_at = CURRENT_TIMESTAMP(3) WHERE id = ? AND version = ?";
    /** A student's guardian relations sit where the student does. */
    static final String RELATIONS_MOVE = "UPDATE bd_guardian_relation SET org_path = ? WHERE student_id = ?";
    // Not INSERT ... ON DUPLICATE KEY UPDATE: that fires on any unique key, so a registry number that belongs to another
    // student would overwrite that student's status instead of being refused.
    static final String STATUS_UPDATE = "UPDATE bd_student_status SET registry_number = ?, enrollment_date = ?, "
            + "household_registration = ?, address = ?, migrant_child = ?, left_behind_child = ?, orphan = ?, disabled = ?, "
            + "special_care = ?, financial_aid = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3) WHERE person_id = ?";
    static final String STATUS_INSERT = "INSERT INTO bd_student_status (registry_number, enrollment_date, household_registration, "
            + "address, migrant_child, left_behind_child, orphan, disabled, special_care, financial_aid, person_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String RELATION_INSERT = "INSERT INTO bd_guardian_relation (sourced_id, guardian_id, student_id, org_path, "
            + "relation_code, primary_contact) VALUES (?, ?, ?, ?, ?, ?)";

    private final Transactions transactions;
    private final IdNumberCipher cipher;

    @Activate
    public JdbcPersonRegistry(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "keys") IdNumberKeys keys) {
        this(dataSource, keys.cipher());
    }

    JdbcPersonRegistry(DataSource dataSource, IdNumberCipher cipher) {
        this.transactions = new Transactions(dataSource);
        this.cipher = cipher;
    }

    @Override
    public Person create(Caller caller, Person person) {
        if (person.role() == null) {
            throw new BasedataProblem(Kind.INVALID, "role", "role is required: student, teacher, guardian or staff");
        }
        String sourcedId = Rows.sourcedIdOrNew(person.sourcedId());
        Person checked = check(person, person.role());
        return transactions.run(connection -> {
            JdbcOrgDirectory.Stored org = orgOf(connection, checked);
            Access.require(caller, Access.write(checked.role().noun()), org.org().path().value());
            long id;
            try (PreparedStatement insert = connection.prepareStatement(INSERT, PreparedStatement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, sourcedId);
                insert.setString(2, checked.role().name());
                insert.setLong(3, org.id());
                insert.setString(4, org.org().path().value());
                bindDetails(insert, 5, checked, sourcedId, cipher);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                if (checked.status() != null) {
                    writeStatus(connection, id, checked.status());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw duplicate(e, sourcedId, checked);
            }
            ChangeLog.record(connection, checked.role().label(), sourcedId, "create", 1, org.org().path().value(), Access.actor(caller));
            return load(connection, "p.sourced_id = ?", sourcedId).orElseThrow().person().withoutIdNumber();
        });
    }

    @Override
    public Optional<Person> find(Caller caller, String sourcedId, boolean wholeIdNumber) {
        return transactions.run(connection -> {
            Optional<Stored> stored = load(connection, "p.sourced_id = ?", sourcedId);
            if (stored.isEmpty() || !caller.isPermitted(Access.read(stored.get().person().role().noun()),
                    OrgPath.of(stored.get().person().orgPath()))) {
                return Optional.empty();
            }
            if (wholeIdNumber) {
                Access.require(caller, Access.ID_NUMBERS, stored.get().person().orgPath());
            }
            List<Person> shown = shown(connection, caller, List.of(stored.get()), wholeIdNumber);
            return Optional.of(shown.get(0));
        });
    }

    @Override
    public Person update(Caller caller, String sourcedId, Integer expectedVersion, Person person) {
        return transactions.run(connection -> {
            Stored current = load(connection, "p.sourced_id = ?", sourcedId)
                    .filter(s -> caller.isPermitted(Access.read(s.person().role().noun()), OrgPath.of(s.person().orgPath())))
                    .orElseThrow(() -> Rows.notFound("person", sourcedId));
            PersonRole role = current.person().role();
            if (person.role() != null && person.role() != role) {
                throw new BasedataProblem(Kind.INVALID, "role", "a person's role cannot change (it is " + role.label()
                        + "); create a person with the new role");
            }
            Access.require(caller, Access.write(role.noun()), current.person().orgPath());
            Person checked = check(person, role);
            JdbcOrgDirectory.Stored org = orgOf(connection, checked);
            Access.require(caller, Access.write(role.noun()), org.org().path().value());
            int version = current.person().version();
            if (expectedVersion != null && expectedVersion != version) {
                throw Rows.versionMismatch("person", sourcedId, version, expectedVersion);
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setLong(1, org.id());
                update.setString(2, org.org().path().value());
                int next = bindDetails(update, 3, checked, sourcedId, cipher);
                update.setLong(next, current.id());
                update.setInt(next + 1, version);
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("person", sourcedId, version + 1, version);
                }
                if (checked.status() != null) {
                    writeStatus(connection, current.id(), checked.status());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw duplicate(e, sourcedId, checked);
            }
            try (PreparedStatement relations = connection.prepareStatement(RELATIONS_MOVE)) {
                relations.setString(1, org.org().path().value());
                relations.setLong(2, current.id());
                relations.executeUpdate();
            }
            ChangeLog.record(connection, role.label(), sourcedId, "update", version + 1, org.org().path().value(), Access.actor(caller));
            return load(connection, "p.sourced_id = ?", sourcedId).orElseThrow().person().withoutIdNumber();
        });
    }

    @Override
    public void delete(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            Stored current = load(connection, "p.sourced_id = ?", sourcedId)
                    .filter(s -> caller.isPermitted(Access.read(s.person().role().noun()), OrgPath.of(s.person().orgPath())))
                    .orElseThrow(() -> Rows.notFound("person", sourcedId));
            Person person = current.person();
            Access.require(caller, Access.write(person.role().noun()), person.orgPath());
            if (expectedVersion != null && expectedVersion != person.version()) {
                throw Rows.versionMismatch("person", sourcedId, person.version(), expectedVersion);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bd_person WHERE id = ? AND version = ?")) {
                delete.setLong(1, current.id());
                delete.setInt(2, person.version());
                if (delete.executeUpdate() == 0) {
                    throw Rows.versionMismatch("person", sourcedId, person.version() + 1, person.version());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "", person.role().label() + " " + sourcedId
                        + " is still enrolled in classes or in guardian relations; delete those first");
            }
            ChangeLog.record(connection, person.role().label(), sourcedId, "delete", person.version() + 1, person.orgPath(),
                    Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<Person> list(Caller caller, ListQuery query, PersonRole role, NationalId idNumber, boolean wholeIdNumber) {
        List<PersonRole> roles = role == null ? List.of(PersonRole.values()) : List.of(role);
        Map<PersonRole, List<OrgPath>> scopes = new LinkedHashMap<>();
        for (PersonRole each : roles) {
            List<OrgPath> scope = caller.scopeOf(Access.read(each.noun()));
            if (!scope.isEmpty()) {
                scopes.put(each, scope);
            }
        }
        if (scopes.isEmpty()) {
            Access.readable(caller, Access.read(roles.get(0).noun()));
        }
        if (wholeIdNumber) {
            Access.readable(caller, Access.ID_NUMBERS);
        }
        Where where = new Where().andPart(parameters -> {
            List<String> parts = new ArrayList<>();
            scopes.forEach((each, scope) -> {
                parameters.add(each.name());
                parts.add("(p.role = ? AND " + Where.subtreeCondition("p.org_path", scope, parameters) + ")");
            });
            return "(" + String.join(" OR ", parts) + ")";
        }).within("p.org_path", List.of(query.under())).and("p.id > ?", Rows.after(query.after()));
        if (idNumber != null) {
            where.and("p.id_number_index = ?", cipher.index(idNumber));
        }
        return transactions.run(connection -> {
            List<Stored> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT + where.sql() + " ORDER BY p.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(map(result));
                    }
                }
            }
            boolean more = rows.size() > query.limit();
            List<Stored> page = more ? rows.subList(0, query.limit()) : rows;
            return new Page<>(shown(connection, caller, page, wholeIdNumber),
                    more ? Optional.of(String.valueOf(page.get(page.size() - 1).id())) : Optional.empty());
        });
    }

    @Override
    public GuardianRelation relate(Caller caller, GuardianRelation relation) {
        String sourcedId = Rows.sourcedIdOrNew(relation.sourcedId());
        checkRelationCode(relation);
        return transactions.run(connection -> {
            Stored student = load(connection, "p.sourced_id = ?", nonNull(relation.studentId(), "studentId"))
                    .filter(s -> s.person().role() == PersonRole.STUDENT)
                    .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "studentId", "studentId " + relation.studentId()
                            + " is not a student; give the sourcedId of a person with the role student"));
            Stored guardian = load(connection, "p.sourced_id = ?", nonNull(relation.guardianId(), "guardianId"))
                    .filter(s -> s.person().role() == PersonRole.GUARDIAN)
                    .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "guardianId", "guardianId " + relation.guardianId()
                            + " is not a guardian; create the person with the role guardian first"));
            String path = student.person().orgPath();
            Access.require(caller, Access.write(PersonRole.GUARDIAN.noun()), path);
            try (PreparedStatement insert = connection.prepareStatement(RELATION_INSERT)) {
                insert.setString(1, sourcedId);
                insert.setLong(2, guardian.id());
                insert.setLong(3, student.id());
                insert.setString(4, path);
                insert.setString(5, relation.relationCode());
                insert.setBoolean(6, relation.primaryContact());
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, String.valueOf(e.getMessage()).contains("sourced_id") ? "sourcedId" : "guardianId",
                        String.valueOf(e.getMessage()).contains("sourced_id") ? "sourcedId " + sourcedId + " is taken"
                                : "guardian " + relation.guardianId() + " is already a guardian of student " + relation.studentId());
            }
            ChangeLog.record(connection, "guardianRelation", sourcedId, "create", 1, path, Access.actor(caller));
            return loadRelation(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public Optional<GuardianRelation> relation(Caller caller, String sourcedId) {
        Access.readable(caller, Access.read(PersonRole.GUARDIAN.noun()));
        return transactions.run(connection -> loadRelation(connection, sourcedId))
                .filter(r -> caller.isPermitted(Access.read(PersonRole.GUARDIAN.noun()), OrgPath.of(r.orgPath())));
    }

    @Override
    public void unrelate(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            GuardianRelation current = loadRelation(connection, sourcedId)
                    .filter(r -> caller.isPermitted(Access.read(PersonRole.GUARDIAN.noun()), OrgPath.of(r.orgPath())))
                    .orElseThrow(() -> Rows.notFound("guardian relation", sourcedId));
            Access.require(caller, Access.write(PersonRole.GUARDIAN.noun()), current.orgPath());
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw Rows.versionMismatch("guardian relation", sourcedId, current.version(), expectedVersion);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bd_guardian_relation WHERE sourced_id = ? AND version = ?")) {
                delete.setString(1, sourcedId);
                delete.setInt(2, current.version());
                if (delete.executeUpdate() == 0) {
                    throw Rows.versionMismatch("guardian relation", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "guardianRelation", sourcedId, "delete", current.version() + 1, current.orgPath(),
                    Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<GuardianRelation> relations(Caller caller, ListQuery query, String studentId) {
        return relations(caller, query, "st.sourced_id = ?", studentId);
    }

    @Override
    public Page<GuardianRelation> relationsOfGuardian(Caller caller, ListQuery query, String guardianId) {
        return relations(caller, query, "g.sourced_id = ?", java.util.Objects.requireNonNull(guardianId, "guardianId"));
    }

    private Page<GuardianRelation> relations(Caller caller, ListQuery query, String personCondition, String personId) {
        Where where = new Where().within("r.org_path", Access.readable(caller, Access.read(PersonRole.GUARDIAN.noun())))
                .within("r.org_path", List.of(query.under())).and("r.id > ?", Rows.after(query.after()));
        if (personId != null) {
            where.and(personCondition, personId);
        }
        return transactions.run(connection -> {
            List<GuardianRelation> relations = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(RELATION_SELECT + where.sql() + " ORDER BY r.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        relations.add(mapRelation(rows));
                        ids.add(rows.getLong("id"));
                    }
                }
            }
            return Rows.page(relations, ids, query.limit());
        });
    }

    /** A person with their row id, sealed ID number and its blind index, which never leave this bundle. */
    record Stored(long id, Person person, byte[] sealedIdNumber, byte[] idNumberIndex) {
    }

    /** The people as the caller sees them: guardians filled in, ID numbers whole only where asked, permitted and audited. */
    private List<Person> shown(Connection connection, Caller caller, List<Stored> rows, boolean wholeIdNumber) throws SQLException {
        Map<Long, List<GuardianRelation>> guardians = guardiansOf(connection, rows.stream()
                .filter(s -> s.person().role() == PersonRole.STUDENT).map(Stored::id).toList());
        List<Person> shown = new ArrayList<>();
        for (Stored stored : rows) {
            Person p = stored.person();
            NationalId whole = null;
            if (wholeIdNumber && stored.sealedIdNumber() != null && caller.isPermitted(Access.ID_NUMBERS, OrgPath.of(p.orgPath()))) {
                whole = cipher.decrypt(stored.sealedIdNumber(), p.sourcedId());
                AuditTrail.record(connection, Access.actor(caller), "idnumber.read", p.sourcedId(), p.orgPath(),
                        "whole ID number of a " + p.role().label() + " shown");
            }
            shown.add(new Person(p.sourcedId(), p.role(), p.orgId(), p.orgPath(), p.familyName(), p.givenName(), p.gender(),
                    p.birthDate(), whole, p.idNumberMasked(), p.staffNumber(), p.phone(), p.email(), p.status(),
                    guardians.getOrDefault(stored.id(), List.of()), p.version(), p.createdAt(), p.updatedAt()));
        }
        return shown;
    }

    private Map<Long, List<GuardianRelation>> guardiansOf(Connection connection, List<Long> studentIds) throws SQLException {
        Map<Long, List<GuardianRelation>> byStudent = new LinkedHashMap<>();
        if (studentIds.isEmpty()) {
            return byStudent;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(studentIds.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(RELATION_SELECT.replace("SELECT r.id,", "SELECT r.student_id, r.id,")
                + " WHERE r.student_id IN (" + marks + ") ORDER BY r.id")) {
            for (int i = 0; i < studentIds.size(); i++) {
                select.setLong(i + 1, studentIds.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byStudent.computeIfAbsent(rows.getLong("student_id"), k -> new ArrayList<>()).add(mapRelation(rows));
                }
            }
        }
        return byStudent;
    }

    static void checkRelationCode(GuardianRelation relation) {
        if (relation.relationCode() == null || !RELATION_CODE.matcher(relation.relationCode()).matches()) {
            throw new BasedataProblem(Kind.INVALID, "relationCode", "relationCode '" + relation.relationCode() + "' is not a "
                    + "two-digit GB/T 4761 family relation code, e.g. 51 father, 52 mother, 61 paternal grandfather");
        }
    }

    /** Checks and normalizes what a person's create or update says; the role is the stored one on update. */
    static Person check(Person person, PersonRole role) {
        String family = Rows.required(person.familyName(), "familyName", 50, "张");
        String given = Rows.required(person.givenName(), "givenName", 50, "伟");
        if (person.gender() != null && !GENDERS.contains(person.gender())) {
            throw new BasedataProblem(Kind.INVALID, "gender", "gender '" + person.gender() + "' is not male, female or unspecified");
        }
        LocalDate birth = person.birthDate();
        NationalId id = person.idNumber();
        if (id != null && birth != null && !birth.equals(id.birthDate())) {
            throw new BasedataProblem(Kind.INVALID, "birthDate", "birthDate " + birth + " differs from the birth date in the ID number ("
                    + id.birthDate() + "); correct one of them, or leave birthDate out to take it from the ID number");
        }
        if (id != null && birth == null) {
            birth = id.birthDate();
        }
        if (birth != null && birth.isAfter(LocalDate.now())) {
            throw new BasedataProblem(Kind.INVALID, "birthDate", "birthDate " + birth + " is in the future");
        }
        String staffNumber = Rows.bounded(person.staffNumber(), "staffNumber", 32);
        if (staffNumber != null && role != PersonRole.TEACHER && role != PersonRole.STAFF) {
            throw new BasedataProblem(Kind.INVALID, "staffNumber", "only teachers and staff have a staff number");
        }
        String phone = Rows.bounded(person.phone(), "phone", 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new BasedataProblem(Kind.INVALID, "phone", "phone '" + phone + "' is not a phone number: digits, spaces, + ( ) -");
        }
        String email = Rows.bounded(person.email(), "email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new BasedataProblem(Kind.INVALID, "email", "email '" + email + "' is not an email address");
        }
        StudentStatus status = person.status();
        if (status != null) {
            if (role != PersonRole.STUDENT) {
                throw new BasedataProblem(Kind.INVALID, "status", "only students have a status; leave it out for a " + role.label());
            }
            if (status.registryNumber() != null && !REGISTRY_NUMBER.matcher(status.registryNumber()).matches()) {
                throw new BasedataProblem(Kind.INVALID, "status.registryNumber", "registry number '" + status.registryNumber()
                        + "' is not valid: 4-32 letters, digits or '-', e.g. G370102200505051234");
            }
            Rows.bounded(status.householdRegistration(), "status.householdRegistration", 200);
            Rows.bounded(status.address(), "status.address", 300);
        }
        if (person.orgId() == null || person.orgId().isBlank()) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "orgId is required: the sourcedId of the org the person belongs to "
                    + "(a student's school)");
        }
        return new Person(person.sourcedId(), role, person.orgId(), null, family, given, person.gender(), birth, id, null,
                staffNumber, phone, email, status, List.of(), 0, null, null);
    }

    private static JdbcOrgDirectory.Stored orgOf(Connection connection, Person person) throws SQLException {
        return placed(JdbcOrgDirectory.load(connection, "o.sourced_id = ?", person.orgId()).orElse(null), person);
    }

    /** The org a person is placed at, refused when it does not exist or cannot hold such a person. */
    static JdbcOrgDirectory.Stored placed(JdbcOrgDirectory.Stored org, Person person) {
        if (org == null) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "org " + person.orgId() + " does not exist; give the sourcedId of an "
                    + "existing org");
        }
        if (person.role() == PersonRole.STUDENT && org.org().kind() != OrgKind.SCHOOL) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "a student belongs to a school, and org " + org.org().code()
                    + " is a " + org.org().kind().label());
        }
        if (org.org().kind() == OrgKind.VENDOR) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "people of the basic data belong to schools, bureaus and "
                    + "departments, not to a vendor");
        }
        return org;
    }

    /** Binds gender .. email from {@code index}; returns the next index. */
    static int bindDetails(PreparedStatement statement, int index, Person person, String sourcedId, IdNumberCipher cipher)
            throws SQLException {
        statement.setString(index, person.familyName());
        statement.setString(index + 1, person.givenName());
        statement.setString(index + 2, person.gender());
        Rows.date(statement, index + 3, person.birthDate());
        NationalId id = person.idNumber();
        statement.setBytes(index + 4, id == null ? null : cipher.encrypt(id, sourcedId));
        statement.setBytes(index + 5, id == null ? null : cipher.index(id));
        statement.setString(index + 6, id == null ? null : id.masked());
        statement.setString(index + 7, person.staffNumber());
        statement.setString(index + 8, person.phone());
        statement.setString(index + 9, person.email());
        return index + 10;
    }

    private static void writeStatus(Connection connection, long personId, StudentStatus status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(STATUS_UPDATE)) {
            bindStatus(update, status, personId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(STATUS_INSERT)) {
            bindStatus(insert, status, personId);
            insert.executeUpdate();
        }
    }

    /** Binds a status to {@link #STATUS_UPDATE} or {@link #STATUS_INSERT}, which take the same parameters. */
    static void bindStatus(PreparedStatement statement, StudentStatus status, long personId) throws SQLException {
        statement.setString(1, status.registryNumber());
        Rows.date(statement, 2, status.enrollmentDate());
        statement.setString(3, Rows.bounded(status.householdRegistration(), "status.householdRegistration", 200));
        statement.setString(4, Rows.bounded(status.address(), "status.address", 300));
        statement.setBoolean(5, status.migrantChild());
        statement.setBoolean(6, status.leftBehindChild());
        statement.setBoolean(7, status.orphan());
        statement.setBoolean(8, status.disabled());
        statement.setBoolean(9, status.specialCare());
        statement.setBoolean(10, status.financialAid());
        statement.setLong(11, personId);
    }

    /**
     * True when the stored person already is as {@code given} says, ID number aside (compared by its
     * blind index by the caller): a status, gender or birth date left out keeps the stored one.
     */
    public static boolean sameDetails(Person stored, Person given) {
        return stored.role() == given.role() && java.util.Objects.equals(stored.orgId(), given.orgId())
                && java.util.Objects.equals(stored.familyName(), given.familyName())
                && java.util.Objects.equals(stored.givenName(), given.givenName())
                && (given.gender() == null || java.util.Objects.equals(stored.gender(), given.gender()))
                && (given.birthDate() == null || java.util.Objects.equals(stored.birthDate(), given.birthDate()))
                && java.util.Objects.equals(stored.staffNumber(), given.staffNumber())
                && java.util.Objects.equals(stored.phone(), given.phone()) && java.util.Objects.equals(stored.email(), given.email())
                && (given.status() == null || java.util.Objects.equals(stored.status(), given.status()));
    }

    private static Optional<Stored> load(Connection connection, String condition, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE " + condition)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    static Stored map(ResultSet row) throws SQLException {
        StudentStatus status = null;
        row.getLong("status_of");
        if (!row.wasNull()) {
            status = new StudentStatus(row.getString("registry_number"), Rows.date(row, "enrollment_date"),
                    row.getString("household_registration"), row.getString("address"), row.getBoolean("migrant_child"),
                    row.getBoolean("left_behind_child"), row.getBoolean("orphan"), row.getBoolean("disabled"),
                    row.getBoolean("special_care"), row.getBoolean("financial_aid"));
        }
        Person person = new Person(row.getString("sourced_id"), PersonRole.valueOf(row.getString("role")),
                row.getString("org_sourced_id"), row.getString("org_path"), row.getString("family_name"), row.getString("given_name"),
                row.getString("gender"), Rows.date(row, "birth_date"), null, row.getString("id_number_masked"),
                row.getString("staff_number"), row.getString("phone"), row.getString("email"), status, List.of(),
                row.getInt("version"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
        return new Stored(row.getLong("id"), person, row.getBytes("id_number_cipher"), row.getBytes("id_number_index"));
    }

    private static Optional<GuardianRelation> loadRelation(Connection connection, String sourcedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RELATION_SELECT + " WHERE r.sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(mapRelation(rows)) : Optional.empty();
            }
        }
    }

    static GuardianRelation mapRelation(ResultSet row) throws SQLException {
        return new GuardianRelation(row.getString("sourced_id"), row.getString("guardian_sourced_id"),
                row.getString("student_sourced_id"), row.getString("relation_code"), row.getBoolean("primary_contact"),
                row.getString("family_name") + row.getString("given_name"), row.getString("org_path"), row.getInt("version"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }

    private static String nonNull(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BasedataProblem(Kind.INVALID, field, field + " is required");
        }
        return value;
    }

    private static BasedataProblem duplicate(SQLException e, String sourcedId, Person person) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("uq_bd_person_id_number")) {
            return new BasedataProblem(Kind.CONFLICT, "idNumber", "a " + person.role().label() + " with ID number "
                    + person.idNumber().masked() + " exists already; find them with ?idNumber= instead of creating them again");
        }
        if (message.contains("uq_bd_status_registry")) {
            return new BasedataProblem(Kind.CONFLICT, "status.registryNumber", "registry number "
                    + person.status().registryNumber() + " belongs to another student");
        }
        if (message.contains("sourced_id")) {
            return new BasedataProblem(Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId + " is taken by another person");
        }
        return new BasedataProblem(Kind.CONFLICT, "", "the person conflicts with a stored row: " + message);
    }
}
