package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgCounts;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The orgs in {@code bd_org}; every write also writes its change-feed row. */
@Component(service = OrgDirectory.class)
public final class JdbcOrgDirectory implements OrgDirectory {

    static final String NOUN = "orgs";
    private static final Set<String> STAGES = Set.of("preschool", "primary", "junior", "senior", "nine-year", "twelve-year",
            "complete", "vocational", "special");
    private static final Set<String> OWNERSHIPS = Set.of("public", "private");
    private static final Set<String> LOCALES = Set.of("urban", "town", "rural");
    private static final Pattern OWN_CODE = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final String SELECT = "SELECT o.id, o.sourced_id, o.kind, o.code, o.name, p.sourced_id AS parent_sourced_id, "
            + "o.org_path, o.stage, o.ownership, o.locale, o.version, o.created_at, o.updated_at FROM bd_org o "
            + "LEFT JOIN bd_org p ON p.id = o.parent_id";

    private final Transactions transactions;

    @Activate
    public JdbcOrgDirectory(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Org create(Caller caller, Org org) {
        String sourcedId = Rows.sourcedIdOrNew(org.sourcedId());
        OrgKind kind = org.kind();
        if (kind == null) {
            throw new BasedataProblem(Kind.INVALID, "kind", "kind is required: province, city, district, school, department or vendor");
        }
        String name = Rows.required(org.name(), "name", 200, "济南市历下区第一实验小学");
        checkSchoolFields(kind, org);
        return transactions.run(connection -> {
            Stored parent = null;
            if (org.parentId() != null && !org.parentId().isBlank()) {
                parent = load(connection, "o.sourced_id = ?", org.parentId())
                        .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "parentId", "parent org " + org.parentId()
                                + " does not exist; create it first or check its sourcedId"));
            }
            String code = checkCode(kind, org.code(), parent == null ? null : parent.org());
            OrgPath path = OrgPath.of((parent == null ? "" : parent.org().path().value()) + "/" + code);
            Access.require(caller, Access.write(NOUN), path.value());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_org (sourced_id, kind, code, name, "
                    + "parent_id, org_path, stage, ownership, locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sourcedId);
                insert.setString(2, kind.name());
                insert.setString(3, code);
                insert.setString(4, name);
                insert.setObject(5, parent == null ? null : parent.id());
                insert.setString(6, path.value());
                insert.setString(7, org.stage());
                insert.setString(8, org.ownership());
                insert.setString(9, org.locale());
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw duplicate(e, sourcedId, code);
            }
            ChangeLog.record(connection, "org", sourcedId, "create", 1, path.value(), Access.actor(caller));
            return load(connection, "o.sourced_id = ?", sourcedId).orElseThrow().org();
        });
    }

    @Override
    public Optional<Org> find(Caller caller, String sourcedId) {
        return readable(caller, transactions.run(connection -> load(connection, "o.sourced_id = ?", sourcedId)));
    }

    @Override
    public Optional<Org> findByCode(Caller caller, String code) {
        return readable(caller, transactions.run(connection -> load(connection, "o.code = ?", code)));
    }

    @Override
    public Org update(Caller caller, String sourcedId, Integer expectedVersion, Org org) {
        String name = Rows.required(org.name(), "name", 200, "济南市历下区第一实验小学");
        return transactions.run(connection -> {
            Org current = load(connection, "o.sourced_id = ?", sourcedId).map(Stored::org)
                    .filter(o -> caller.isPermitted(Access.read(NOUN), o.path()))
                    .orElseThrow(() -> Rows.notFound("org", sourcedId));
            Access.require(caller, Access.write(NOUN), current.path().value());
            if ((org.kind() != null && org.kind() != current.kind()) || (org.code() != null && !org.code().equals(current.code()))
                    || (org.parentId() != null && !org.parentId().equals(current.parentId()))) {
                throw new BasedataProblem(Kind.INVALID, "code", "an org's kind, code and parent cannot change (they make its "
                        + "path, which grants and rows refer to); send them as they are, or create a new org");
            }
            checkSchoolFields(current.kind(), org);
            checkVersion(current, expectedVersion);
            try (PreparedStatement update = connection.prepareStatement("UPDATE bd_org SET name = ?, stage = ?, ownership = ?, "
                    + "locale = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3) WHERE sourced_id = ? AND version = ?")) {
                update.setString(1, name);
                update.setString(2, org.stage());
                update.setString(3, org.ownership());
                update.setString(4, org.locale());
                update.setString(5, sourcedId);
                update.setInt(6, current.version());
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("org", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "org", sourcedId, "update", current.version() + 1, current.path().value(),
                    Access.actor(caller));
            return load(connection, "o.sourced_id = ?", sourcedId).orElseThrow().org();
        });
    }

    @Override
    public void delete(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            Stored current = load(connection, "o.sourced_id = ?", sourcedId)
                    .filter(o -> caller.isPermitted(Access.read(NOUN), o.org().path()))
                    .orElseThrow(() -> Rows.notFound("org", sourcedId));
            Access.require(caller, Access.write(NOUN), current.org().path().value());
            checkVersion(current.org(), expectedVersion);
            String holding = holdings(connection, current.id());
            if (!holding.isEmpty()) {
                throw new BasedataProblem(Kind.CONFLICT, "", "org " + current.org().code() + " still has " + holding
                        + "; delete or move them first");
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bd_org WHERE id = ? AND version = ?")) {
                delete.setLong(1, current.id());
                delete.setInt(2, current.org().version());
                if (delete.executeUpdate() == 0) {
                    throw Rows.versionMismatch("org", sourcedId, current.org().version() + 1, current.org().version());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "", "org " + current.org().code()
                        + " is still referred to (by sessions, courses or a new row); delete those first");
            }
            ChangeLog.record(connection, "org", sourcedId, "delete", current.org().version() + 1,
                    current.org().path().value(), Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<Org> list(Caller caller, ListQuery query, OrgKind kind) {
        Where where = new Where().within("o.org_path", Access.readable(caller, Access.read(NOUN)))
                .within("o.org_path", List.of(query.under())).and("o.id > ?", Rows.after(query.after()));
        if (kind != null) {
            where.and("o.kind = ?", kind.name());
        }
        return transactions.run(connection -> {
            List<Org> orgs = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT + where.sql() + " ORDER BY o.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Stored stored = map(rows);
                        orgs.add(stored.org());
                        ids.add(stored.id());
                    }
                }
            }
            return Rows.page(orgs, ids, query.limit());
        });
    }

    @Override
    public List<OrgCounts> statistics(Caller caller, OrgPath under) {
        List<OrgPath> scope = Access.readable(caller, Access.read(NOUN));
        return transactions.run(connection -> {
            List<Org> children = new ArrayList<>();
            Where where = new Where().within("o.org_path", scope);
            if (under.equals(OrgPath.ROOT)) {
                where.and("o.parent_id IS NULL");
            } else {
                where.and("p.org_path = ?", under.value());
            }
            try (PreparedStatement select = connection.prepareStatement(SELECT + where.sql() + " ORDER BY o.code")) {
                where.bind(select);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        children.add(map(rows).org());
                    }
                }
            }
            List<OrgCounts> counts = new ArrayList<>();
            for (Org child : children) {
                long[] schools = sums(connection, "SELECT COUNT(*), COALESCE(SUM(ownership = 'public'), 0), "
                        + "COALESCE(SUM(ownership = 'private'), 0) FROM bd_org WHERE kind = 'SCHOOL'", child.path(), 3);
                long[] classes = sums(connection, "SELECT COUNT(*) FROM bd_class WHERE TRUE", child.path(), 1);
                long[] people = sums(connection, "SELECT COALESCE(SUM(role = 'STUDENT'), 0), COALESCE(SUM(role = 'STUDENT' AND "
                        + "gender = 'female'), 0), COALESCE(SUM(role = 'TEACHER'), 0) FROM bd_person WHERE TRUE", child.path(), 3);
                long[] flags = sums(connection, "SELECT COALESCE(SUM(s.migrant_child), 0), COALESCE(SUM(s.left_behind_child), 0), "
                        + "COALESCE(SUM(s.orphan), 0), COALESCE(SUM(s.disabled), 0), COALESCE(SUM(s.special_care), 0), "
                        + "COALESCE(SUM(s.financial_aid), 0) FROM bd_student_status s JOIN bd_person p ON p.id = s.person_id "
                        + "WHERE TRUE", child.path(), 6);
                counts.add(new OrgCounts(child, schools[0], schools[1], schools[2], classes[0], people[0], people[1], people[2],
                        flags[0], flags[1], flags[2], flags[3], flags[4], flags[5]));
            }
            return counts;
        });
    }

    /** An org and its row id, which never leaves this bundle. */
    record Stored(long id, Org org) {
    }

    /** The org row that {@code condition} selects, for the other repositories of this bundle. */
    static Optional<Stored> load(Connection connection, String condition, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE " + condition)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    /** The orgs with these sourcedIds, by sourcedId: one query for a bulk load's batch. */
    static java.util.Map<String, Stored> loadAll(Connection connection, java.util.Collection<String> sourcedIds) throws SQLException {
        return Rows.byValues(connection, SELECT, "o.sourced_id", "sourced_id", sourcedIds, false, JdbcOrgDirectory::map);
    }

    private Optional<Org> readable(Caller caller, Optional<Stored> stored) {
        Access.readable(caller, Access.read(NOUN));
        return stored.map(Stored::org).filter(o -> caller.isPermitted(Access.read(NOUN), o.path()));
    }

    private static Stored map(ResultSet row) throws SQLException {
        return new Stored(row.getLong("id"), new Org(row.getString("sourced_id"), OrgKind.valueOf(row.getString("kind")),
                row.getString("code"), row.getString("name"), row.getString("parent_sourced_id"), OrgPath.of(row.getString("org_path")),
                row.getString("stage"), row.getString("ownership"), row.getString("locale"), row.getInt("version"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at")));
    }

    private static void checkVersion(Org current, Integer expected) {
        if (expected != null && expected != current.version()) {
            throw Rows.versionMismatch("org", current.sourcedId(), current.version(), expected);
        }
    }

    private static void checkSchoolFields(OrgKind kind, Org org) {
        if (kind != OrgKind.SCHOOL) {
            if (org.stage() != null || org.ownership() != null || org.locale() != null) {
                throw new BasedataProblem(Kind.INVALID, "stage", "only schools have a stage, ownership and locale; leave them out for a "
                        + kind.label());
            }
            return;
        }
        if (org.stage() == null || !STAGES.contains(org.stage())) {
            throw new BasedataProblem(Kind.INVALID, "stage", "a school's stage is required and one of " + new java.util.TreeSet<>(STAGES)
                    + (org.stage() == null ? "" : "; '" + org.stage() + "' is not"));
        }
        if (org.ownership() == null || !OWNERSHIPS.contains(org.ownership())) {
            throw new BasedataProblem(Kind.INVALID, "ownership", "a school's ownership is required: public or private");
        }
        if (org.locale() == null || !LOCALES.contains(org.locale())) {
            throw new BasedataProblem(Kind.INVALID, "locale", "a school's locale is required: urban, town or rural");
        }
    }

    /** The code, checked against the kind and the parent: administrative codes nest, a school code has 10 digits. */
    private static String checkCode(OrgKind kind, String given, Org parent) {
        String code = given == null ? "" : given.strip();
        OrgKind parentKind = parent == null ? null : parent.kind();
        switch (kind) {
            case PROVINCE -> {
                expect(parent == null, "a province has no parent");
                expect(code.matches("[1-9][0-9]"), "a province's code is its two-digit division code, e.g. 37, not '" + code + "'");
            }
            case CITY -> {
                expect(parentKind == OrgKind.PROVINCE, "a city's parent is a province");
                expect(code.matches("[0-9]{4}") && code.startsWith(parent.code()), "a city's code is its four-digit division code "
                        + "starting with its province's " + parent.code() + ", e.g. " + parent.code() + "01, not '" + code + "'");
            }
            case DISTRICT -> {
                expect(parentKind == OrgKind.CITY, "a district's parent is a city");
                expect(code.matches("[0-9]{6}") && code.startsWith(parent.code()), "a district's code is its six-digit division "
                        + "code starting with its city's " + parent.code() + ", e.g. " + parent.code() + "02, not '" + code + "'");
            }
            case SCHOOL -> {
                expect(parentKind == OrgKind.PROVINCE || parentKind == OrgKind.CITY || parentKind == OrgKind.DISTRICT,
                        "a school's parent is the district, city or province that runs it");
                expect(code.matches("[0-9]{10}"), "a school's code is its 10-digit school code, e.g. 3701020001, not '" + code + "'");
            }
            case DEPARTMENT -> {
                expect(parent != null && parentKind != OrgKind.VENDOR, "a department's parent is a school or an education bureau's org");
                expect(OWN_CODE.matcher(code).matches(), "a department's code is 1-40 letters, digits, '-' or '_', not '" + code + "'");
            }
            case VENDOR -> {
                expect(parent == null || parentKind == OrgKind.PROVINCE || parentKind == OrgKind.CITY || parentKind == OrgKind.DISTRICT,
                        "a vendor belongs to the whole region or to a province, city or district");
                expect(OWN_CODE.matcher(code).matches(), "a vendor's code is 1-40 letters, digits, '-' or '_', not '" + code + "'");
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return code;
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new BasedataProblem(Kind.INVALID, message.contains("parent") ? "parentId" : "code", message);
        }
    }

    private static BasedataProblem duplicate(SQLException e, String sourcedId, String code) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("sourced_id")) {
            return new BasedataProblem(Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId + " is taken by another org");
        }
        return new BasedataProblem(Kind.CONFLICT, "code", "code " + code + " is taken by another org; codes are unique in the region");
    }

    private static String holdings(Connection connection, long id) throws SQLException {
        List<String> parts = new ArrayList<>();
        String[][] checks = {{"child orgs", "SELECT COUNT(*) FROM bd_org WHERE parent_id = ?"},
            {"people", "SELECT COUNT(*) FROM bd_person WHERE org_id = ?"},
            {"classes", "SELECT COUNT(*) FROM bd_class WHERE school_id = ?"}};
        for (String[] check : checks) {
            try (PreparedStatement count = connection.prepareStatement(check[1])) {
                count.setLong(1, id);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        parts.add(row.getLong(1) + " " + check[0]);
                    }
                }
            }
        }
        return String.join(", ", parts);
    }

    /** The first {@code columns} values of {@code select}, narrowed to the subtree of {@code path}. */
    private static long[] sums(Connection connection, String select, OrgPath path, int columns) throws SQLException {
        String column = select.contains(" p ON ") ? "p.org_path" : "org_path";
        try (PreparedStatement query = connection.prepareStatement(select + " AND (" + column + " = ? OR " + column + " LIKE ?)")) {
            query.setString(1, path.value());
            query.setString(2, Where.escapeLike(path.value()) + "/%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long[] values = new long[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = row.getLong(i + 1);
                }
                return values;
            }
        }
    }
}
