package org.educloud.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * A message to send.
 *
 * @param to    who it is for
 * @param title a short title (at most 200 characters)
 * @param body  the text (at most 4000 characters)
 * @param link  where to go to act on it (an app page), if anywhere
 */
public record NewMessage(Audience to, String title, String body, Optional<String> link) {

    public NewMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(link, "link");
    }
}
