package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.educloud.workflow.AppTodos;
import org.educloud.workflow.PostedTodo;
import org.educloud.workflow.WorkflowProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apps' to-dos: posted for one person, open until their app marks them done; on MariaDB. */
class JdbcAppTodosTest {

    private final RecordedEvents events = new RecordedEvents();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private JdbcAppTodos todos;

    @BeforeEach
    void freshDatabase() throws Exception {
        todos = new JdbcAppTodos(WorkflowDatabase.fresh("apptodos"), events, clock);
    }

    @Test
    void openUntilItsAppMarksItDone() {
        PostedTodo grade = todos.post("homework", "wang.rui", "批改作业：第三单元", "/apps/homework/", Optional.of(clock.instant().plusSeconds(86400)));
        PostedTodo sign = todos.post("notices", "wang.rui", "确认通知", "/apps/notices/", Optional.empty());
        todos.post("notices", "cao.aihua", "阅读通知", "/apps/notices/", Optional.empty());

        assertEquals(List.of(grade.id(), sign.id()), todos.open("wang.rui", 0, 10).stream().map(PostedTodo::id).toList());
        assertEquals(List.of(sign.id()), todos.open("wang.rui", grade.id(), 10).stream().map(PostedTodo::id).toList(), "paged by id");
        assertEquals(List.of(sign.id()), todos.open("notices", "wang.rui").stream().map(PostedTodo::id).toList());
        assertEquals(2, todos.openCount("wang.rui"));

        assertFalse(todos.done("notices", grade.id()), "another app's to-do is not this app's to mark done");
        assertTrue(todos.done("homework", grade.id()));
        assertTrue(todos.done("homework", grade.id()), "again is fine");
        assertEquals(1, todos.openCount("wang.rui"));
        assertEquals(List.of(AppTodos.TOPIC, AppTodos.TOPIC, AppTodos.TOPIC, AppTodos.TOPIC), events.topics(),
                "three posted, one done (the second done changes nothing)");
    }

    @Test
    void overdueOnlyWhileOpenAndPastItsDeadline() {
        PostedTodo todo = todos.post("homework", "wang.rui", "批改作业", "/apps/homework/", Optional.of(clock.instant().plusSeconds(60)));
        assertFalse(todo.overdue(clock.instant()));
        assertTrue(todo.overdue(clock.instant().plusSeconds(61)));
    }

    @Test
    void badInputIsRefusedWithTheField() {
        WorkflowProblem noTitle = assertThrows(WorkflowProblem.class, () -> todos.post("notices", "wang.rui", " ", "/apps/notices/", Optional.empty()));
        assertEquals("title", noTitle.field());
        WorkflowProblem badLink = assertThrows(WorkflowProblem.class,
                () -> todos.post("notices", "wang.rui", "阅读", "javascript:alert(1)", Optional.empty()));
        assertEquals("link", badLink.field());
        assertEquals(0, todos.openCount("wang.rui"), "nothing half-written");
    }
}
