package org.educloud.sdk.runtime.internal;

import java.util.List;
import java.util.Optional;

import org.educloud.appcenter.catalog.AppGrants;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.inbox.AppTodo;
import org.educloud.sdk.inbox.Inbox;
import org.educloud.sdk.inbox.NewTodo;
import org.educloud.sdk.inbox.Recipients;
import org.educloud.workflow.AppTodos;
import org.educloud.workflow.Audience;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.PostedTodo;
import org.educloud.workflow.WorkflowProblem;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The SDK's inbox for one app (one instance per app bundle): the kernel's messages and to-dos,
 * sent as the app, only to people of the orgs that granted it the scope.
 */
@Component(service = Inbox.class, scope = ServiceScope.BUNDLE)
public final class KernelInbox implements Inbox {

    private final String appId;
    private final AppGrants grants;
    private final Messages messages;
    private final AppTodos todos;
    private final AccountDirectory accounts;

    @Activate
    public KernelInbox(ComponentContext context, @Reference(name = "grants") AppGrants grants, @Reference(name = "messages") Messages messages,
            @Reference(name = "todos") AppTodos todos, @Reference(name = "accounts") AccountDirectory accounts) {
        this(AppBundle.appIdOf(context.getUsingBundle()), grants, messages, todos, accounts);
    }

    KernelInbox(String appId, AppGrants grants, Messages messages, AppTodos todos, AccountDirectory accounts) {
        this.appId = appId;
        this.grants = grants;
        this.messages = messages;
        this.todos = todos;
        this.accounts = accounts;
    }

    @Override
    public long send(Recipients to, String title, String body, Optional<String> link) {
        Audience audience = valid(() -> new Audience(Audience.kind(to.kind()), to.target()));
        GrantedCaller granted = granted(AppScopes.MESSAGES_SEND);
        if (audience.kind() == Audience.Kind.USER) {
            requirePerson(granted, audience.target(), AppScopes.MESSAGES_SEND);
        } else if (!granted.reaches(audience.org().orElseThrow())) {
            throw new NotGrantedException(AppScopes.MESSAGES_SEND, "app " + appId + " may not send to " + audience.target() + ": only to "
                    + "the orgs that installed it and granted " + AppScopes.MESSAGES_SEND + ", and below them (granted: " + granted.orgs() + ")");
        }
        return valid(() -> messages.send(new NewMessage(audience, title, body, link), appId)).id();
    }

    @Override
    public AppTodo post(NewTodo todo) {
        requirePerson(granted(AppScopes.TODOS_WRITE), todo.username(), AppScopes.TODOS_WRITE);
        return todo(valid(() -> todos.post(appId, todo.username(), todo.title(), todo.link(), todo.due())));
    }

    @Override
    public boolean done(long todoId) {
        return todos.done(appId, todoId);
    }

    @Override
    public List<AppTodo> openTodos(String username) {
        return todos.open(appId, username).stream().map(KernelInbox::todo).toList();
    }

    private GrantedCaller granted(String scope) {
        return new GrantedCaller(appId, grants.grants(appId), scope, permission -> false);
    }

    /** The person must hold a role in one of the granting orgs (or below one). */
    private void requirePerson(GrantedCaller granted, String username, String scope) {
        Optional<Account> account = accounts.find(username);
        boolean reached = account.map(found -> found.grants().stream().anyMatch(grant -> granted.reaches(grant.org()))).orElse(false);
        if (!reached) {
            throw new NotGrantedException(scope, "app " + appId + " may not post to " + username + ": "
                    + (account.isEmpty() ? "there is no such user" : "they hold no role in an org that installed the app and granted "
                    + scope + " (granted: " + granted.orgs() + ")"));
        }
    }

    private static AppTodo todo(PostedTodo posted) {
        return new AppTodo(posted.id(), posted.appId(), posted.username(), posted.title(), posted.link(), posted.due(), posted.postedAt(),
                posted.doneAt());
    }

    /** The kernel's refusals of bad input, as the SDK promises them: {@link IllegalArgumentException}. */
    static <T> T valid(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WorkflowProblem e) {
            if (e.kind() == WorkflowProblem.Kind.INVALID || e.kind() == WorkflowProblem.Kind.NOT_FOUND) {
                throw new IllegalArgumentException(e.getMessage() + (e.field() == null || e.field().isEmpty() ? "" : " (" + e.field() + ")"), e);
            }
            throw e;
        }
    }
}
