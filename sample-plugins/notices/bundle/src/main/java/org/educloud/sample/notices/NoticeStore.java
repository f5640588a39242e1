package org.educloud.sample.notices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Notices and who read them, in the app's own tables {@code nt_notice} and {@code nt_notice_read}. */
final class NoticeStore {

    private final DataSource dataSource;

    NoticeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Notice post(PostingRule.Audience audience, String title, String body, String author, String authorName, Instant at)
            throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO nt_notice (school_path, class_id, class_title, title, body, author, author_name, posted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, audience.schoolPath());
            insert.setString(2, audience.schoolClass().map(c -> c.id()).orElse(null));
            insert.setString(3, audience.schoolClass().map(c -> c.title()).orElse(null));
            insert.setString(4, title);
            insert.setString(5, body);
            insert.setString(6, author);
            insert.setString(7, authorName);
            insert.setTimestamp(8, Timestamp.from(at));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Notice(keys.getLong(1), audience.schoolPath(), audience.schoolClass().map(c -> c.id()).orElse(null),
                        audience.schoolClass().map(c -> c.title()).orElse(null), title, body, author, authorName, at.toString(), false);
            }
        }
    }

    /** The notices {@code readership} reads and those {@code username} posted, newest first, at most {@code limit}. */
    List<Notice> board(Readership readership, String username, int limit) throws SQLException {
        return notices(readership, username, null, limit);
    }

    /** True when notice {@code id} is on the board of {@code readership} (or {@code username} posted it). */
    boolean onBoard(Readership readership, String username, long id) throws SQLException {
        return !notices(readership, username, id, 1).isEmpty();
    }

    private List<Notice> notices(Readership readership, String username, Long onlyId, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        parameters.add(username);
        StringBuilder where = new StringBuilder("n.author = ?");
        parameters.add(username);
        if (!readership.schools().isEmpty()) {
            where.append(" OR (n.class_id IS NULL AND n.school_path IN (").append(marks(readership.schools().size())).append("))");
            parameters.addAll(readership.schools());
        }
        if (!readership.classes().isEmpty()) {
            where.append(" OR n.class_id IN (").append(marks(readership.classes().size())).append(')');
            parameters.addAll(readership.classes());
        }
        String only = "";
        if (onlyId != null) {
            only = " AND n.id = ?";
            parameters.add(onlyId);
        }
        parameters.add(limit);
        String sql = "SELECT n.id, n.school_path, n.class_id, n.class_title, n.title, n.body, n.author, n.author_name, n.posted_at, "
                + "r.read_at FROM nt_notice n LEFT JOIN nt_notice_read r ON r.notice_id = n.id AND r.username = ? WHERE ("
                + where + ")" + only + " ORDER BY n.id DESC LIMIT ?";
        List<Notice> notices = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    notices.add(new Notice(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), rows.getString(8), rows.getTimestamp(9).toInstant().toString(),
                            rows.getTimestamp(10) != null || username.equals(rows.getString(7))));
                }
            }
        }
        return notices;
    }

    /** Marks a notice read for {@code username} (again is fine). */
    void markRead(long noticeId, String username, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO nt_notice_read (notice_id, username, read_at) VALUES (?, ?, ?)")) {
            insert.setLong(1, noticeId);
            insert.setString(2, username);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private static String marks(int count) {
        return "?, ".repeat(count - 1) + "?";
    }
}
