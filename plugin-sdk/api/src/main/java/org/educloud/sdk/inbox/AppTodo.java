package org.educloud.sdk.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A to-do an app posted.
 *
 * @param id       its id
 * @param appId    the app that posted it
 * @param username who must do it
 * @param title    what to do
 * @param link     where to do it
 * @param due      the deadline, if any
 * @param postedAt when it was posted
 * @param doneAt   when the app marked it done; empty while open
 */
public record AppTodo(long id, String appId, String username, String title, String link, Optional<Instant> due, Instant postedAt,
        Optional<Instant> doneAt) {
}
