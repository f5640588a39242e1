package org.educloud.sdk.inbox;

import java.util.List;
import java.util.Optional;

import org.educloud.sdk.app.NotGrantedException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Messages and to-dos from the app to people of the orgs that installed it (an OSGi service; each
 * app bundle gets its own instance, and everything it posts names the app as its sender).
 *
 * <pre>{@code
 * @Reference Inbox inbox;
 * ...
 * inbox.send(Recipients.schoolClass(schoolClass.orgPath() + "/" + classCode), "新通知：" + title, text,
 *         Optional.of("/apps/notices/"));
 * }</pre>
 */
@ProviderType
public interface Inbox {

    /**
     * Sends a message; returns its id.
     *
     * @param to    who it is for
     * @param title a short title (at most 200 characters)
     * @param body  the text (at most 4000 characters)
     * @param link  where to act on it (a page of the app, e.g. {@code /apps/notices/}), if anywhere
     * @throws NotGrantedException      when the recipients are outside the orgs that installed the
     *                                  app and granted {@link org.educloud.sdk.app.AppScopes#MESSAGES_SEND}
     * @throws IllegalArgumentException when a field is missing or too long (the message says which)
     */
    long send(Recipients to, String title, String body, Optional<String> link);

    /**
     * Posts a to-do for one person; it stays in their to-dos until {@link #done} (or until {@code due}
     * is long past: it is then shown as overdue, never dropped).
     *
     * @throws NotGrantedException      when the person holds no role in an org that installed the
     *                                  app and granted {@link org.educloud.sdk.app.AppScopes#TODOS_WRITE}
     * @throws IllegalArgumentException when a field is missing or too long
     */
    AppTodo post(NewTodo todo);

    /** Marks the app's to-do done (again is fine); false when the app has no to-do with this id. */
    boolean done(long todoId);

    /** The app's open to-dos for one person, oldest first. */
    List<AppTodo> openTodos(String username);
}
