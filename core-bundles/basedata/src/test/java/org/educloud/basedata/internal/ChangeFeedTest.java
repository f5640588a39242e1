package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.educloud.basedata.Change;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subscriber that keeps its last cursor never misses a committed change, however writers interleave. */
class ChangeFeedTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    private final ExecutorService threads = Executors.newFixedThreadPool(6);
    private DataSource dataSource;
    private JdbcChangeFeed feed;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_feed");
        feed = new JdbcChangeFeed(dataSource);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aLaterWriterWaitsForAnEarlierOneSoItsCursorCannotOvertake() throws Exception {
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            ChangeLog.record(first, "org", "first", "create", 1, "/37", "test");

            Future<?> second = threads.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    ChangeLog.record(connection, "org", "second", "create", 1, "/37", "test");
                    connection.commit();
                }
                return null;
            });
            Thread.sleep(500);
            assertFalse(second.isDone(), "the second writer waits while the first is open");
            assertTrue(feed.since(OPERATOR, 0, 10).items().isEmpty(), "nothing uncommitted is shown");

            first.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        List<Change> changes = feed.since(OPERATOR, 0, 10).items();
        assertEquals(List.of("first", "second"), changes.stream().map(Change::sourcedId).toList());
        assertTrue(changes.get(1).cursor() > changes.get(0).cursor());
    }

    @Test
    void aPollingSubscriberSeesEveryChangeOfConcurrentWritersExactlyOnce() throws Exception {
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        Org province = orgs.create(OPERATOR, new Org(null, OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        Set<String> written = ConcurrentHashMap.newKeySet();
        written.add(province.sourcedId());
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    Org vendor = orgs.create(OPERATOR, new Org(null, OrgKind.VENDOR, "v" + writer + "-" + i, "厂商" + writer + "-" + i,
                            province.sourcedId(), null, null, null, null, 0, null, null));
                    written.add(vendor.sourcedId());
                    if (i % 3 == 0) {
                        orgs.update(OPERATOR, vendor.sourcedId(), 1, new Org(null, null, null, "改名" + writer + "-" + i, null, null,
                                null, null, null, 0, null, null));
                    }
                }
                return null;
            }));
        }
        List<Change> seen = new ArrayList<>();
        long cursor = 0;
        while (true) {
            boolean writing = !writers.stream().allMatch(Future::isDone);
            Page<Change> page = feed.since(OPERATOR, cursor, 7);
            seen.addAll(page.items());
            cursor = Long.parseLong(page.next().orElseThrow());
            if (!writing && page.items().isEmpty()) {
                break;
            }
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        assertEquals(1 + 4 * 40 + 4 * 14, seen.size(), "every create and update, once");
        Set<Long> cursors = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(cursors.add(seen.get(i).cursor()));
            if (i > 0) {
                assertTrue(seen.get(i).cursor() > seen.get(i - 1).cursor(), "cursors only grow");
            }
        }
        assertEquals(written, new HashSet<>(seen.stream().filter(c -> c.operation().equals("create")).map(Change::sourcedId).toList()));
        assertEquals(seen.size(), BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"));
    }
}
