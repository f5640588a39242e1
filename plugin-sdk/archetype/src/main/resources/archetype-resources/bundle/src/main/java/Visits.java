#set( $tablePrefix = $appId.replace('-', '_') )
package ${package};

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** The app's own table {@code ${tablePrefix}_visit} (see {@code db/${appId}-changelog.xml}): calls per user. */
final class Visits {

    private final DataSource dataSource;

    Visits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one more call of the user and returns how many there have been. */
    long count(String userId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ${tablePrefix}_visit (user_id, visits) VALUES (?, 1) "
                    + "ON DUPLICATE KEY UPDATE visits = visits + 1")) {
                upsert.setString(1, userId);
                upsert.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT visits FROM ${tablePrefix}_visit WHERE user_id = ?")) {
                query.setString(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        }
    }
}
