package org.educloud.workflow;

import java.util.List;

/**
 * Messages to a user, a class, a school or an org subtree, with read state per reader (an OSGi
 * service). Sending is not permission-checked here: the REST API checks
 * {@code workflow:messages:send} at the audience's org; plugins send for their own features.
 */
public interface Messages {

    /** The topic of the EventAdmin event posted for every message sent (properties: id, sender, audience). */
    String SENT_TOPIC = "org/educloud/messages/SENT";

    /** Sends a message; {@code sender} is the username or app id shown as its sender. */
    Message send(NewMessage message, String sender);

    /**
     * The messages that reach {@code reader}, newest first, older than the message id
     * {@code beforeId} (0 for the first page), at most {@code limit}; only unread ones when
     * {@code unreadOnly}.
     */
    List<Message> inbox(Actor reader, long beforeId, int limit, boolean unreadOnly);

    /** How many messages reaching {@code reader} they have not read. */
    long unreadCount(Actor reader);

    /**
     * Marks a message read for {@code reader} (again is fine).
     *
     * @throws WorkflowProblem NOT_FOUND when the message does not exist or does not reach the reader
     */
    void markRead(long messageId, Actor reader);
}
