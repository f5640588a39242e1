package org.educloud.basedata.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Change;
import org.educloud.basedata.ChangeFeed;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Page;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The change feed from {@code bd_change}; each entry only for callers who may read its kind of row at its org. */
@Component(service = ChangeFeed.class)
public final class JdbcChangeFeed implements ChangeFeed {

    /** The permission noun that reading each entity needs. */
    private static final Map<String, String> NOUNS = new LinkedHashMap<>();

    static {
        NOUNS.put("org", JdbcOrgDirectory.NOUN);
        NOUNS.put("student", "students");
        NOUNS.put("teacher", "teachers");
        NOUNS.put("guardian", "guardians");
        NOUNS.put("staff", "staff");
        NOUNS.put("guardianRelation", "guardians");
        NOUNS.put("class", JdbcClassRoster.CLASSES);
        NOUNS.put("enrollment", JdbcClassRoster.ENROLLMENTS);
        NOUNS.put("academicSession", JdbcCurriculum.SESSIONS);
        NOUNS.put("course", JdbcCurriculum.COURSES);
    }

    private final Transactions transactions;

    @Activate
    public JdbcChangeFeed(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Page<Change> since(Caller caller, long cursor, int limit) {
        if (cursor < 0) {
            throw new BasedataProblem(Kind.INVALID, "since", "since must be 0 (the beginning) or a cursor the feed gave, not " + cursor);
        }
        int size = new ListQuery(OrgPath.ROOT, "", limit).limit();
        Map<String, List<OrgPath>> scopes = new LinkedHashMap<>();
        NOUNS.forEach((entity, noun) -> {
            List<OrgPath> scope = caller.scopeOf(Access.read(noun));
            if (!scope.isEmpty()) {
                scopes.put(entity, scope);
            }
        });
        if (scopes.isEmpty()) {
            throw new BasedataProblem(Kind.FORBIDDEN, "", "the change feed shows only rows you may read, and your roles grant "
                    + "no basedata:*:read permission anywhere; ask an administrator for such a role");
        }
        Where where = new Where().and("cursor_id > ?", cursor).andPart(parameters -> {
            List<String> parts = new ArrayList<>();
            scopes.forEach((entity, scope) -> {
                parameters.add(entity);
                parts.add("(entity = ? AND " + Where.subtreeCondition("org_path", scope, parameters) + ")");
            });
            return "(" + String.join(" OR ", parts) + ")";
        });
        return transactions.run(connection -> {
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT cursor_id, entity, sourced_id, operation, version, "
                    + "org_path, changed_at FROM bd_change" + where.sql() + " ORDER BY cursor_id LIMIT ?")) {
                select.setInt(where.bind(select), size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new Change(rows.getLong("cursor_id"), rows.getString("entity"), rows.getString("sourced_id"),
                                rows.getString("operation"), rows.getInt("version"), rows.getString("org_path"),
                                Rows.instant(rows, "changed_at")));
                    }
                }
            }
            long next = changes.isEmpty() ? cursor : changes.get(changes.size() - 1).cursor();
            return new Page<>(changes, Optional.of(String.valueOf(next)));
        });
    }
}
