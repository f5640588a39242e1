package org.educloud.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * To-dos apps post for people (an OSGi service; apps reach it through the SDK's inbox, which
 * checks that the app may post to the person). Each is open until its app marks it done.
 * Methods throw {@link WorkflowProblem} for bad input and unknown to-dos.
 */
@ProviderType
public interface AppTodos {

    /** The topic of the EventAdmin event posted when a to-do is posted or done (properties: id, appId, username, done). */
    String TOPIC = "org/educloud/todos/APP_TODO";

    /** Posts a to-do for {@code username} from {@code appId}. */
    PostedTodo post(String appId, String username, String title, String link, Optional<Instant> due);

    /** Marks one of {@code appId}'s to-dos done (again is fine); false when the app has no to-do with this id. */
    boolean done(String appId, long id);

    /** {@code username}'s open to-dos from every app, oldest first, after the id {@code afterId} (0 for the first page), at most {@code limit}. */
    List<PostedTodo> open(String username, long afterId, int limit);

    /** {@code username}'s open to-dos from one app, oldest first. */
    List<PostedTodo> open(String appId, String username);

    /** How many open to-dos {@code username} has from apps. */
    long openCount(String username);
}
