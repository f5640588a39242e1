package org.educloud.workflow.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Audience;
import org.educloud.workflow.Message;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.WorkflowProblem.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Messages in {@code wf_message}, read state in {@code wf_message_read}. A message is one row
 * whoever it is for; whether it reaches a reader is decided when the inbox is read: a message to
 * an org (class, school, subtree) reaches a reader who holds a role at that org or below it, that
 * is when the org is one of the ancestors (or self) of the reader's grants' orgs, an indexed
 * {@code IN} list of at most nine paths per grant.
 */
@Component(service = {Messages.class, JdbcMessages.class})
public final class JdbcMessages implements Messages {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 4000;
    private static final String SELECT = "SELECT m.id, m.sender, m.audience_kind, m.audience, m.title, m.body, m.link, m.sent_at, "
            + "r.read_at FROM wf_message m LEFT JOIN wf_message_read r ON r.message_id = m.id AND r.username = ? ";

    private final DataSource dataSource;
    private final EventAdmin eventAdmin;
    private final Clock clock;

    @Activate
    public JdbcMessages(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "eventAdmin") EventAdmin eventAdmin) {
        this(dataSource, eventAdmin, Clock.systemUTC());
    }

    JdbcMessages(DataSource dataSource, EventAdmin eventAdmin, Clock clock) {
        this.dataSource = dataSource;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Override
    public Message send(NewMessage message, String sender) {
        String title = JdbcWorkflows.text(message.title(), "title", MAX_TITLE, "a short title");
        String body = JdbcWorkflows.text(message.body(), "body", MAX_BODY, "the message text");
        Optional<String> link = message.link().map(String::strip).filter(text -> !text.isEmpty());
        if (link.isPresent() && !(link.get().startsWith("/") || link.get().startsWith("https://") || link.get().startsWith("http://"))
                || link.map(String::length).orElse(0) > 1000) {
            throw new WorkflowProblem(Kind.INVALID, "link", "link '" + link.get() + "' is not valid: give a path on the platform "
                    + "(/apps/registry/...) or an http(s) URL, at most 1000 characters");
        }
        Instant now = clock.instant();
        long id = Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_message (sender, audience_kind, audience, title, "
                    + "body, link, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, sender);
                insert.setString(2, message.to().kind().name());
                insert.setString(3, message.to().target());
                insert.setString(4, title);
                insert.setString(5, body);
                insert.setString(6, link.orElse(null));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        eventAdmin.postEvent(new Event(SENT_TOPIC, Map.of("id", id, "sender", sender, "audience", message.to().toString())));
        return new Message(id, sender, message.to(), title, body, link, now, false);
    }

    @Override
    public List<Message> inbox(Actor reader, long beforeId, int limit, boolean unreadOnly) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(reader.name());
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE (").append(reaches(reader, parameters)).append(')');
        if (unreadOnly) {
            sql.append(" AND r.message_id IS NULL");
        }
        if (beforeId > 0) {
            sql.append(" AND m.id < ?");
            parameters.add(beforeId);
        }
        sql.append(" ORDER BY m.id DESC LIMIT ?");
        parameters.add(limit);
        List<Message> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql.toString())) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Message(rows.getLong(1), rows.getString(2), new Audience(Audience.Kind.valueOf(rows.getString(3)),
                            rows.getString(4)), rows.getString(5), rows.getString(6), Optional.ofNullable(rows.getString(7)),
                            rows.getTimestamp(8).toInstant(), rows.getTimestamp(9) != null));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return found;
    }

    @Override
    public long unreadCount(Actor reader) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(reader.name());
        String sql = "SELECT COUNT(*) FROM wf_message m LEFT JOIN wf_message_read r ON r.message_id = m.id AND r.username = ? "
                + "WHERE (" + reaches(reader, parameters) + ") AND r.message_id IS NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void markRead(long messageId, Actor reader) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(messageId);
        String match = reaches(reader, parameters);
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM wf_message m WHERE m.id = ? AND (" + match + ")")) {
                bind(query, parameters);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new WorkflowProblem(Kind.NOT_FOUND, "id", "no message " + messageId + " in the inbox of " + reader.name()
                                + ": check the id (GET /api/messages/v1/inbox lists it)");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT IGNORE INTO wf_message_read (message_id, username, read_at) VALUES (?, ?, ?)")) {
                insert.setLong(1, messageId);
                insert.setString(2, reader.name());
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The condition for messages reaching the reader: to them by name, or to an org at or above one of their grants. */
    private static String reaches(Actor reader, List<Object> parameters) {
        StringBuilder match = new StringBuilder("(m.audience_kind = 'USER' AND m.audience = ?)");
        parameters.add(reader.name());
        Set<String> orgs = new LinkedHashSet<>();
        for (RoleGrant grant : reader.grants()) {
            orgs.addAll(selfAndAncestors(grant.org()));
        }
        if (!orgs.isEmpty()) {
            match.append(" OR (m.audience_kind <> 'USER' AND m.audience IN (").append("?, ".repeat(orgs.size() - 1)).append("?))");
            parameters.addAll(orgs);
        }
        return match.toString();
    }

    /** {@code /37/3701/370102} gives {@code /37/3701/370102}, {@code /37/3701}, {@code /37} and {@code /}. */
    static List<String> selfAndAncestors(OrgPath org) {
        List<String> paths = new ArrayList<>();
        List<String> segments = org.segments();
        for (int depth = segments.size(); depth > 0; depth--) {
            paths.add("/" + String.join("/", segments.subList(0, depth)));
        }
        paths.add("/");
        return paths;
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
    }
}
