package org.educloud.sdk.inbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A to-do an app asks one person to do.
 *
 * @param username who must do it
 * @param title    what to do, as the person reads it (at most 200 characters)
 * @param link     where to do it (a page of the app)
 * @param due      when it should be done, if there is a deadline
 */
public record NewTodo(String username, String title, String link, Optional<Instant> due) {

    public NewTodo {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(due, "due");
    }
}
