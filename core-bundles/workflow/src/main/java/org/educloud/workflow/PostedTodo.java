package org.educloud.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * A to-do an app posted for one person (through the SDK), shown beside the workflow to-dos.
 *
 * @param id       its id (the paging cursor)
 * @param appId    the app that posted it
 * @param username who must do it
 * @param title    what to do
 * @param link     where to do it (a page of the app)
 * @param due      the deadline, if any
 * @param postedAt when it was posted
 * @param doneAt   when the app marked it done; empty while open
 */
public record PostedTodo(long id, String appId, String username, String title, String link, Optional<Instant> due,
        Instant postedAt, Optional<Instant> doneAt) {

    /** True when it has a deadline that has passed and it is still open. */
    public boolean overdue(Instant now) {
        return doneAt.isEmpty() && due.map(now::isAfter).orElse(false);
    }
}
