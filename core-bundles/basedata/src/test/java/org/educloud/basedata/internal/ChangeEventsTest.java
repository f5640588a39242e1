package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Every committed change becomes one event, in feed order; nothing from before the start, nothing uncommitted; on MariaDB. */
class ChangeEventsTest {

    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final EventAdmin recorder = new EventAdmin() {
        public void postEvent(Event event) { posted.add(event); }
        public void sendEvent(Event event) { posted.add(event); }
    };

    @Test
    void committedChangesArePostedOnceInOrderFromWhereTheKernelStarted() throws Exception {
        DataSource dataSource = BasedataDatabase.fresh("unit_events");
        change(dataSource, "org", "before", "create", true);
        ChangeEvents events = new ChangeEvents(dataSource, recorder, false);
        assertEquals(0, events.postNewChanges(), "the first poll only finds where the feed stands");

        change(dataSource, "student", "s-1", "create", true);
        change(dataSource, "student", "s-2", "update", false);
        change(dataSource, "enrollment", "e-1", "delete", true);
        assertEquals(2, events.postNewChanges());
        assertEquals(0, events.postNewChanges(), "each change once");
        assertEquals(List.of("org/educloud/basedata/student/CREATED", "org/educloud/basedata/enrollment/DELETED"),
                posted.stream().map(Event::getTopic).toList());
        Event first = posted.get(0);
        assertEquals("s-1", first.getProperty("sourcedId"));
        assertEquals("/37/3701", first.getProperty("orgPath"));
        assertEquals(1, first.getProperty("version"));
    }

    private static void change(DataSource dataSource, String entity, String id, String operation, boolean commit) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ChangeLog.record(connection, entity, id, operation, 1, "/37/3701", "test");
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        }
    }
}
