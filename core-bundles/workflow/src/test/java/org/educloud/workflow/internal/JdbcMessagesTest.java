package org.educloud.workflow.internal;

import static org.educloud.workflow.internal.JdbcWorkflowsTest.actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.educloud.identity.OrgPath;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Audience;
import org.educloud.workflow.Message;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.WorkflowProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages reach a user, a class, a school or a subtree; read state is per reader; on MariaDB. */
class JdbcMessagesTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String CLASS = SCHOOL + "/2017-02";
    private final RecordedEvents events = new RecordedEvents();
    private JdbcMessages messages;

    private final Actor student = actor("cao.aihua", "student@" + CLASS);
    private final Actor teacher = actor("wang.rui", "teacher@" + SCHOOL);
    private final Actor elsewhere = actor("zhao", "teacher@/37/3702/370202/3702020001");

    @BeforeEach
    void freshDatabase() throws Exception {
        messages = new JdbcMessages(WorkflowDatabase.fresh("messages"), events, new MovableClock(Instant.parse("2026-11-23T08:00:00Z")));
    }

    @Test
    void eachAudienceReachesWhoItShould() {
        Message toStudent = send(Audience.user("cao.aihua"), "成绩已发布");
        Message toClass = send(new Audience(Audience.Kind.CLASS, CLASS), "班会通知");
        Message toSchool = send(new Audience(Audience.Kind.SCHOOL, SCHOOL), "放假通知");
        Message toDistrict = send(Audience.subtree(OrgPath.of("/37/3701/370102")), "区教育局通知");
        Message toOtherCity = send(Audience.subtree(OrgPath.of("/37/3702")), "济南以外");

        assertEquals(List.of(toDistrict.id(), toSchool.id(), toClass.id(), toStudent.id()), ids(messages.inbox(student, 0, 10, false)));
        assertEquals(List.of(toDistrict.id(), toSchool.id()), ids(messages.inbox(teacher, 0, 10, false)),
                "the class is below the teacher's school grant, not above it");
        assertEquals(List.of(toOtherCity.id()), ids(messages.inbox(elsewhere, 0, 10, false)));
        assertEquals(Messages.SENT_TOPIC, events.topics().get(0));
    }

    @Test
    void readStateIsPerReaderAndCountsFollowIt() {
        Message toSchool = send(new Audience(Audience.Kind.SCHOOL, SCHOOL), "放假通知");
        send(Audience.user("cao.aihua"), "成绩已发布");
        assertEquals(2, messages.unreadCount(student));
        assertEquals(1, messages.unreadCount(teacher));
        messages.markRead(toSchool.id(), student);
        messages.markRead(toSchool.id(), student);
        assertEquals(1, messages.unreadCount(student));
        assertEquals(1, messages.unreadCount(teacher), "the teacher has not read it");
        List<Message> inbox = messages.inbox(student, 0, 10, false);
        assertTrue(inbox.stream().filter(message -> message.id() == toSchool.id()).allMatch(Message::read));
        assertEquals(1, messages.inbox(student, 0, 10, true).size());
        WorkflowProblem notTheirs = assertThrows(WorkflowProblem.class, () -> messages.markRead(toSchool.id(), elsewhere));
        assertEquals(WorkflowProblem.Kind.NOT_FOUND, notTheirs.kind());
    }

    @Test
    void theInboxPagesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            send(Audience.user("cao.aihua"), "第" + i + "条");
        }
        List<Message> first = messages.inbox(student, 0, 2, false);
        assertEquals(List.of("第4条", "第3条"), first.stream().map(Message::title).toList());
        assertEquals(List.of("第2条", "第1条"), messages.inbox(student, first.get(1).id(), 2, false).stream().map(Message::title).toList());
    }

    @Test
    void badMessagesSayWhatIsWrong() {
        assertEquals("title", assertThrows(WorkflowProblem.class, () -> messages.send(new NewMessage(Audience.user("a.b"), " ", "正文",
                Optional.empty()), "t")).field());
        assertEquals("link", assertThrows(WorkflowProblem.class, () -> messages.send(new NewMessage(Audience.user("a.b"), "标题", "正文",
                Optional.of("javascript:alert(1)")), "t")).field());
        assertEquals("to.target", assertThrows(WorkflowProblem.class, () -> new Audience(Audience.Kind.SCHOOL, "/37/3701")).field());
        assertEquals("to.target", assertThrows(WorkflowProblem.class, () -> new Audience(Audience.Kind.CLASS, SCHOOL)).field());
    }

    private Message send(Audience to, String title) {
        return messages.send(new NewMessage(to, title, title + "。", Optional.of("/apps/registry/")), "wang.rui");
    }

    private static List<Long> ids(List<Message> found) {
        return found.stream().map(Message::id).toList();
    }
}
