package org.educloud.sdk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.appcenter.catalog.AppGrant;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.inbox.NewTodo;
import org.educloud.sdk.inbox.Recipients;
import org.educloud.workflow.AppTodos;
import org.educloud.workflow.Message;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.PostedTodo;
import org.junit.jupiter.api.Test;

/** An app reaches only the orgs that installed it and granted the scope a call needs. */
class AppGrantsScopingTest {

    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private static final OrgPath OTHER_SCHOOL = OrgPath.of("/37/3701/370102/3701020002");
    private static final OrgPath DISTRICT = OrgPath.of("/37/3701/370102");

    private final List<NewMessage> sent = new ArrayList<>();
    private final List<String> posted = new ArrayList<>();

    @Test
    void aCallerNarrowedToTheAppSeesOnlyWhereBothReach() {
        assertEquals(List.of(SCHOOL), NarrowedCaller.intersection(List.of(DISTRICT), List.of(SCHOOL)), "the inner of two nested subtrees");
        assertEquals(List.of(SCHOOL), NarrowedCaller.intersection(List.of(SCHOOL), List.of(OrgPath.ROOT)));
        assertEquals(List.of(), NarrowedCaller.intersection(List.of(SCHOOL), List.of(OTHER_SCHOOL)), "two schools share nothing");
    }

    @Test
    void theAppAloneReadsBasicDataOnlyOfGrantingOrgsAndNeverWholeIdNumbers() {
        GrantedCaller app = new GrantedCaller("notices", List.of(new AppGrant("notices", SCHOOL, Set.of(AppScopes.BASEDATA_READ)),
                new AppGrant("notices", OTHER_SCHOOL, Set.of(AppScopes.MESSAGES_SEND))), AppScopes.BASEDATA_READ,
                KernelBasicData::readsBasicData);
        assertTrue(app.isPermitted("basedata:students:read", OrgPath.of(SCHOOL.value() + "/2017-02")));
        assertFalse(app.isPermitted("basedata:students:read", OTHER_SCHOOL), "that school granted messages, not base data");
        assertFalse(app.isPermitted("basedata:idnumbers:read", SCHOOL));
        assertFalse(app.isPermitted("basedata:students:write", SCHOOL));
        assertEquals(List.of(SCHOOL), app.scopeOf("basedata:classes:read"));
        assertEquals(List.of(), app.scopeOf("basedata:idnumbers:read"));
    }

    @Test
    void messagesGoOnlyToGrantingOrgsAndTheirPeople() {
        KernelInbox inbox = inbox(List.of(new AppGrant("notices", SCHOOL, Set.of(AppScopes.MESSAGES_SEND))));
        inbox.send(Recipients.schoolClass(SCHOOL.value() + "/2017-02"), "新通知", "明天开家长会", Optional.of("/apps/notices/"));
        inbox.send(Recipients.user("cao.aihua"), "新通知", "明天开家长会", Optional.empty());
        assertEquals(2, sent.size());

        NotGrantedException otherSchool = assertThrows(NotGrantedException.class,
                () -> inbox.send(Recipients.school(OTHER_SCHOOL.value()), "新通知", "x", Optional.empty()));
        assertEquals(AppScopes.MESSAGES_SEND, otherSchool.scope());
        assertThrows(NotGrantedException.class, () -> inbox.send(Recipients.org(DISTRICT.value()), "新通知", "x", Optional.empty()),
                "a school's grant does not reach its whole district");
        assertThrows(NotGrantedException.class, () -> inbox.send(Recipients.user("zhao.elsewhere"), "新通知", "x", Optional.empty()));
        assertThrows(NotGrantedException.class, () -> inbox.send(Recipients.user("nobody"), "新通知", "x", Optional.empty()));
        IllegalArgumentException badKind = assertThrows(IllegalArgumentException.class,
                () -> inbox.send(new Recipients("planet", "x"), "t", "b", Optional.empty()));
        assertTrue(badKind.getMessage().contains("user, class, school or org"), badKind.getMessage());
        assertEquals(2, sent.size(), "nothing refused was sent");
    }

    @Test
    void todosNeedTheirOwnScope() {
        KernelInbox onlyMessages = inbox(List.of(new AppGrant("notices", SCHOOL, Set.of(AppScopes.MESSAGES_SEND))));
        NotGrantedException refused = assertThrows(NotGrantedException.class,
                () -> onlyMessages.post(new NewTodo("cao.aihua", "阅读通知", "/apps/notices/", Optional.empty())));
        assertEquals(AppScopes.TODOS_WRITE, refused.scope());
        KernelInbox withTodos = inbox(List.of(new AppGrant("notices", SCHOOL, Set.of(AppScopes.TODOS_WRITE))));
        withTodos.post(new NewTodo("cao.aihua", "阅读通知", "/apps/notices/", Optional.empty()));
        assertEquals(List.of("notices cao.aihua 阅读通知"), posted);
    }

    private KernelInbox inbox(List<AppGrant> grants) {
        Messages messages = fake(Messages.class, (method, args) -> {
            NewMessage message = (NewMessage) args[0];
            sent.add(message);
            return new Message(sent.size(), (String) args[1], message.to(), message.title(), message.body(), message.link(), Instant.now(), false);
        });
        AppTodos todos = fake(AppTodos.class, (method, args) -> {
            posted.add(args[0] + " " + args[1] + " " + args[2]);
            return new PostedTodo(posted.size(), (String) args[0], (String) args[1], (String) args[2], (String) args[3],
                    Optional.empty(), Instant.now(), Optional.empty());
        });
        AccountDirectory accounts = fake(AccountDirectory.class, (method, args) -> switch ((String) args[0]) {
            case "cao.aihua" -> Optional.of(account("cao.aihua", "student@" + SCHOOL.value() + "/2017-02"));
            case "zhao.elsewhere" -> Optional.of(account("zhao.elsewhere", "teacher@" + OTHER_SCHOOL.value()));
            default -> Optional.empty();
        });
        return new KernelInbox("notices", appId -> grants, messages, todos, accounts);
    }

    private static Account account(String username, String grant) {
        return new Account(1, username, Optional.empty(), Optional.empty(), Optional.empty(), username, false, false, Optional.empty(),
                List.of(RoleGrant.parse(grant)));
    }

    interface Answer {
        Object answer(java.lang.reflect.Method method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> answer.answer(method, args));
    }
}
