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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.educloud.workflow.AppTodos;
import org.educloud.workflow.PostedTodo;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.WorkflowProblem.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Apps' to-dos in {@code wf_app_todo}. */
@Component(service = AppTodos.class)
public final class JdbcAppTodos implements AppTodos {

    private static final String SELECT = "SELECT id, app_id, username, title, link, due_at, posted_at, done_at FROM wf_app_todo ";

    private final DataSource dataSource;
    private final EventAdmin eventAdmin;
    private final Clock clock;

    @Activate
    public JdbcAppTodos(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "eventAdmin") EventAdmin eventAdmin) {
        this(dataSource, eventAdmin, Clock.systemUTC());
    }

    JdbcAppTodos(DataSource dataSource, EventAdmin eventAdmin, Clock clock) {
        this.dataSource = dataSource;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Override
    public PostedTodo post(String appId, String username, String title, String link, Optional<Instant> due) {
        String app = JdbcWorkflows.text(appId, "appId", 40, "the app's id");
        String user = JdbcWorkflows.text(username, "username", 64, "the username of who must do it");
        String what = JdbcWorkflows.text(title, "title", JdbcMessages.MAX_TITLE, "what to do, as the person reads it");
        String where = JdbcWorkflows.text(link, "link", 1000, "the page where it is done, e.g. /apps/" + app + "/");
        if (!(where.startsWith("/") || where.startsWith("https://") || where.startsWith("http://"))) {
            throw new WorkflowProblem(Kind.INVALID, "link", "link '" + where + "' is not valid: give a path on the platform "
                    + "(/apps/" + app + "/...) or an http(s) URL");
        }
        Instant now = clock.instant();
        long id = Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_app_todo (app_id, username, title, link, "
                    + "due_at, posted_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, app);
                insert.setString(2, user);
                insert.setString(3, what);
                insert.setString(4, where);
                insert.setTimestamp(5, due.map(Timestamp::from).orElse(null));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        eventAdmin.postEvent(new Event(TOPIC, Map.of("id", id, "appId", app, "username", user, "done", false)));
        return new PostedTodo(id, app, user, what, where, due, now, Optional.empty());
    }

    @Override
    public boolean done(String appId, long id) {
        Optional<PostedTodo> todo = query("WHERE id = ? AND app_id = ?", List.of(id, appId)).stream().findFirst();
        if (todo.isEmpty()) {
            return false;
        }
        if (todo.get().doneAt().isEmpty()) {
            Transactions.inTransaction(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE wf_app_todo SET done_at = ? WHERE id = ? AND done_at IS NULL")) {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setLong(2, id);
                    return update.executeUpdate();
                }
            });
            eventAdmin.postEvent(new Event(TOPIC, Map.of("id", id, "appId", appId, "username", todo.get().username(), "done", true)));
        }
        return true;
    }

    @Override
    public List<PostedTodo> open(String username, long afterId, int limit) {
        return query("WHERE username = ? AND done_at IS NULL AND id > ? ORDER BY id LIMIT ?", List.of(username, afterId, limit));
    }

    @Override
    public List<PostedTodo> open(String appId, String username) {
        return query("WHERE username = ? AND done_at IS NULL AND app_id = ? ORDER BY id", List.of(username, appId));
    }

    @Override
    public long openCount(String username) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM wf_app_todo WHERE username = ? AND done_at IS NULL")) {
            count.setString(1, username);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
    }

    private List<PostedTodo> query(String where, List<Object> parameters) {
        List<PostedTodo> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(SELECT + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new PostedTodo(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            instant(rows.getTimestamp(6)), rows.getTimestamp(7).toInstant(), instant(rows.getTimestamp(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
        return found;
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
