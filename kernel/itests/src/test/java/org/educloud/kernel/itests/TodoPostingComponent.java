package org.educloud.kernel.itests;

import java.util.Map;
import java.util.Optional;

import org.educloud.sdk.inbox.Inbox;
import org.educloud.sdk.inbox.NewTodo;

/**
 * Packed into a test app by NoticesIT as a Declarative Services component built only on the SDK:
 * when it starts, it asks one person (its {@code username} property) to do something, through the
 * SDK's inbox, as a plugin would.
 */
public class TodoPostingComponent {

    private Inbox inbox;

    protected void activate(Map<String, Object> properties) {
        inbox.post(new NewTodo((String) properties.get("username"), "确认本周值日安排", "/apps/todo-probe/", Optional.empty()));
    }
}
