package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an EventAdmin event for every change of the basic data, from the change feed: topic
 * {@code org/educloud/basedata/<entity>/<CREATED|UPDATED|DELETED>} with the properties
 * {@value #ENTITY}, {@value #SOURCED_ID}, {@value #OPERATION}, {@value #VERSION}, {@value #ORG_PATH} and
 * {@value #CURSOR}. Reading the feed rather than hooking the writes means an event is only ever
 * posted for a committed change, bulk loads included, in commit order, on every kernel node (each
 * follows the shared feed from where it stood when it started). Events say what changed, never
 * the data: a subscriber reads the row through the services, which check who may see it.
 */
@Component(immediate = true)
public final class ChangeEvents {

    static final String TOPIC_PREFIX = "org/educloud/basedata/";
    static final String ENTITY = "entity";
    static final String SOURCED_ID = "sourcedId";
    static final String OPERATION = "operation";
    static final String VERSION = "version";
    static final String ORG_PATH = "orgPath";
    static final String CURSOR = "cursor";
    /** The most changes posted per poll; a bulk load's backlog drains over the following polls. */
    static final int MOST_PER_POLL = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(ChangeEvents.class);

    private final DataSource dataSource;
    private final EventAdmin eventAdmin;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "educloud-basedata-change-events");
        thread.setDaemon(true);
        return thread;
    });
    private long cursor = -1;

    @Activate
    public ChangeEvents(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "eventAdmin") EventAdmin eventAdmin) {
        this(dataSource, eventAdmin, true);
    }

    ChangeEvents(DataSource dataSource, EventAdmin eventAdmin, boolean polling) {
        this.dataSource = dataSource;
        this.eventAdmin = eventAdmin;
        if (polling) {
            poller.scheduleWithFixedDelay(this::postNewChanges, 0, 1, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
    }

    /** Posts the changes after the last one posted; returns how many. */
    int postNewChanges() {
        try (Connection connection = dataSource.getConnection()) {
            if (cursor < 0) {
                cursor = head(connection);
                return 0;
            }
            int posted = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT cursor_id, entity, sourced_id, operation, version, "
                    + "org_path FROM bd_change WHERE cursor_id > ? ORDER BY cursor_id LIMIT ?")) {
                query.setLong(1, cursor);
                query.setInt(2, MOST_PER_POLL);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        eventAdmin.postEvent(event(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                                rows.getInt(5), rows.getString(6)));
                        cursor = rows.getLong(1);
                        posted++;
                    }
                }
            }
            return posted;
        } catch (SQLException | RuntimeException e) {
            // The database may be down for a while; the next poll starts from the same cursor.
            LOG.debug("Basic data change events wait for the database: {}", e.getMessage());
            return 0;
        }
    }

    static Event event(long cursor, String entity, String sourcedId, String operation, int version, String orgPath) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ENTITY, entity);
        properties.put(SOURCED_ID, sourcedId);
        properties.put(OPERATION, operation);
        properties.put(VERSION, version);
        properties.put(ORG_PATH, orgPath);
        properties.put(CURSOR, cursor);
        return new Event(topic(entity, operation), properties);
    }

    /** {@code org/educloud/basedata/student/UPDATED} for an update of a student. */
    static String topic(String entity, String operation) {
        String done = switch (operation.toLowerCase(Locale.ROOT)) {
            case "create" -> "CREATED";
            case "update" -> "UPDATED";
            case "delete" -> "DELETED";
            default -> operation.toUpperCase(Locale.ROOT);
        };
        return TOPIC_PREFIX + entity + "/" + done;
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(MAX(cursor_id), 0) FROM bd_change");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
