package org.educloud.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * An {@link AuditLog} over one audit table of the bundle that extends it: the table's select, its
 * columns for {@link AuditSql}, and how a row becomes an {@link AuditEvent}. A Declarative
 * Services component extends it and passes its DataSource:
 *
 * <pre>{@code
 * @Component(service = AuditLog.class)
 * public class AppCenterAuditLog extends TableAuditLog {
 *     @Activate
 *     public AppCenterAuditLog(@Reference DataSource dataSource) {
 *         super("appcenter", dataSource, "SELECT e.* FROM app_event e", SQL, row -> new AuditEvent(...));
 *     }
 * }
 * }</pre>
 */
public class TableAuditLog implements AuditLog {

    private final String source;
    private final DataSource dataSource;
    private final String select;
    private final AuditSql sql;
    private final AuditSql.EventReader reader;

    /**
     * @param source     the log's name
     * @param dataSource where the table is
     * @param select     {@code SELECT ... FROM ...} without WHERE or ORDER BY
     * @param sql        the columns the query's conditions apply to
     * @param reader     a row of the select as an event
     */
    public TableAuditLog(String source, DataSource dataSource, String select, AuditSql sql, AuditSql.EventReader reader) {
        this.source = Objects.requireNonNull(source, "source");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.select = Objects.requireNonNull(select, "select");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<AuditEvent> search(AuditQuery query) {
        return sql.search(dataSource, select, query, reader);
    }

    /** A text column, empty when NULL or blank. */
    protected static Optional<String> text(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column)).filter(value -> !value.isBlank());
    }
}
