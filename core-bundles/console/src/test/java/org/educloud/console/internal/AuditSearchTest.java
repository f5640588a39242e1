package org.educloud.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.platform.audit.AuditEvent;
import org.educloud.platform.audit.AuditLog;
import org.educloud.platform.audit.AuditQuery;
import org.junit.jupiter.api.Test;

class AuditSearchTest {

    /** A log in memory that answers as the contract says: id descending, below beforeId, at most limit. */
    private record MemoryLog(String source, List<AuditEvent> events) implements AuditLog {

        @Override
        public List<AuditEvent> search(AuditQuery query) {
            return events.stream().filter(e -> query.beforeId() == 0 || e.id() < query.beforeId())
                    .sorted(Comparator.comparingLong(AuditEvent::id).reversed()).limit(query.limit()).toList();
        }
    }

    private static AuditEvent event(String source, long id, long second) {
        return new AuditEvent(source, id, Instant.ofEpochSecond(second), "someone", "did", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static AuditQuery query(int limit) {
        return new AuditQuery(List.of("/"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }

    @Test
    void pagesMergeTheLogsNewestFirstAndNeverSkipOrRepeatAnEvent() {
        List<AuditEvent> identity = new ArrayList<>();
        List<AuditEvent> apps = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            identity.add(event("identity", i, i * 10L));
        }
        for (int i = 1; i <= 9; i++) {
            // A node's clock behind: ids and times disagree in places, so only each log's own order can be trusted.
            apps.add(event("appcenter", i, i * 25L + (i == 5 ? -200 : 0)));
        }
        List<AuditLog> logs = List.of(new MemoryLog("identity", identity), new MemoryLog("appcenter", apps));
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            AuditSearch.Page page = AuditSearch.page(logs, query(5), cursor);
            assertTrue(page.events().size() <= 5);
            for (AuditEvent e : page.events()) {
                assertTrue(seen.add(e.source() + e.id()), "repeated: " + e);
            }
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(32, seen.size(), "every event of both logs, once");
        assertEquals(7, pages);
    }

    @Test
    void aPageIsNewestFirstAcrossTheLogs() {
        List<AuditLog> logs = List.of(new MemoryLog("identity", List.of(event("identity", 1, 100), event("identity", 2, 300))),
                new MemoryLog("workflow", List.of(event("workflow", 1, 200))));
        AuditSearch.Page page = AuditSearch.page(logs, query(10), null);
        assertEquals(List.of(300L, 200L, 100L), page.events().stream().map(e -> e.at().getEpochSecond()).toList());
        assertEquals(Optional.empty(), page.next(), "everything fitted");
    }

    @Test
    void aLogThatCannotBeReadIsNamedAndTheOthersStillAnswer() {
        AuditLog broken = new AuditLog() {
            @Override
            public String source() {
                return "basedata";
            }

            @Override
            public List<AuditEvent> search(AuditQuery query) {
                throw new IllegalStateException("the audit log could not be read: connection refused");
            }
        };
        AuditSearch.Page page = AuditSearch.page(List.of(broken, new MemoryLog("identity", List.of(event("identity", 1, 1)))), query(10), "");
        assertEquals(1, page.events().size());
        assertEquals(List.of("basedata: the audit log could not be read: connection refused"), page.unavailable());
    }

    @Test
    void aCursorThisSearchDidNotMakeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditSearch.parse("identity:abc"));
        assertThrows(IllegalArgumentException.class, () -> AuditSearch.parse("DROP TABLE:1"));
        assertEquals("identity:12,workflow:x", AuditSearch.format(AuditSearch.parse("identity:12,workflow:x")));
    }
}
