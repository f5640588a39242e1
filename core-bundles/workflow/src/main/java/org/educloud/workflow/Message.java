package org.educloud.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * A message in someone's inbox.
 *
 * @param id     the message id (the inbox's paging cursor)
 * @param sender who sent it (a username, or an app's id)
 * @param to     who it was sent to
 * @param title  its title
 * @param body   its text
 * @param link   where to go to act on it
 * @param sentAt when it was sent
 * @param read   whether this reader has read it
 */
public record Message(long id, String sender, Audience to, String title, String body, Optional<String> link, Instant sentAt,
        boolean read) {
}
