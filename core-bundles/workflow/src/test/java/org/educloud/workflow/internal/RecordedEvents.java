package org.educloud.workflow.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that keeps what is posted, for tests to read. */
final class RecordedEvents implements EventAdmin {

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }

    void clear() {
        events.clear();
    }
}
