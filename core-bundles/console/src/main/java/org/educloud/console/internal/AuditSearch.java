package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.platform.audit.AuditEvent;
import org.educloud.platform.audit.AuditLog;
import org.educloud.platform.audit.AuditQuery;

/**
 * One page of every audit log merged, newest first, with a cursor that remembers where each log
 * stands ({@code identity:812,appcenter:x,...}; {@code x} when a log has nothing more). Each log is
 * read in its own order (id descending) and taken from only at its head, so a log's events on a
 * page are always the next ones it has: paging never skips or repeats an event, whatever the
 * clocks of the nodes that wrote them.
 */
final class AuditSearch {

    private static final String DONE = "x";

    /**
     * A page.
     *
     * @param events      newest first
     * @param next        the cursor of the next page; empty on the last
     * @param unavailable the logs that could not be read now, each with why (their events are missing from this page)
     */
    record Page(List<AuditEvent> events, Optional<String> next, List<String> unavailable) {
    }

    private AuditSearch() {
    }

    /**
     * @param query  the conditions and page size ({@code beforeId} is ignored: the cursor says where each log stands)
     * @param cursor the previous page's {@link Page#next()}, or empty for the first page
     * @throws IllegalArgumentException when the cursor is not one this search made
     */
    static Page page(List<AuditLog> logs, AuditQuery query, String cursor) {
        Map<String, Long> positions = parse(cursor);
        List<AuditLog> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparing(AuditLog::source));
        Map<String, List<AuditEvent>> fetched = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        Map<String, Long> next = new LinkedHashMap<>();
        for (AuditLog log : sorted) {
            long position = positions.getOrDefault(log.source(), 0L);
            next.put(log.source(), position);
            if (position < 0) {
                continue;
            }
            try {
                fetched.put(log.source(), log.search(new AuditQuery(query.within(), query.actor(), query.action(), query.from(), query.to(),
                        position, Math.min(AuditQuery.MAX_LIMIT, query.limit() + 1))));
            } catch (RuntimeException e) {
                unavailable.add(log.source() + ": " + e.getMessage());
            }
        }
        Map<String, Integer> taken = new LinkedHashMap<>();
        fetched.keySet().forEach(source -> taken.put(source, 0));
        List<AuditEvent> page = new ArrayList<>();
        while (page.size() < query.limit()) {
            AuditEvent newest = null;
            for (Map.Entry<String, List<AuditEvent>> log : fetched.entrySet()) {
                int index = taken.get(log.getKey());
                if (index < log.getValue().size()) {
                    AuditEvent head = log.getValue().get(index);
                    if (newest == null || head.at().isAfter(newest.at())) {
                        newest = head;
                    }
                }
            }
            if (newest == null) {
                break;
            }
            page.add(newest);
            taken.merge(newest.source(), 1, Integer::sum);
            next.put(newest.source(), newest.id());
        }
        boolean more = false;
        for (Map.Entry<String, List<AuditEvent>> log : fetched.entrySet()) {
            int took = taken.get(log.getKey());
            if (took == log.getValue().size() && log.getValue().size() <= query.limit()) {
                next.put(log.getKey(), -1L); // it gave all it had
            } else {
                more = true;
            }
        }
        return new Page(page, more ? Optional.of(format(next)) : Optional.empty(), unavailable);
    }

    static Map<String, Long> parse(String cursor) {
        Map<String, Long> positions = new LinkedHashMap<>();
        if (cursor == null || cursor.isBlank()) {
            return positions;
        }
        for (String part : cursor.split(",")) {
            String[] pair = part.split(":", 2);
            try {
                if (pair.length != 2 || !pair[0].matches("[a-z0-9-]{1,40}")) {
                    throw new NumberFormatException(part);
                }
                long position = pair[1].equals(DONE) ? -1 : Long.parseLong(pair[1]);
                if (position < -1) {
                    throw new NumberFormatException(part);
                }
                positions.put(pair[0], position);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the cursor '" + cursor + "' is not one this page made: start the search again");
            }
        }
        return positions;
    }

    static String format(Map<String, Long> positions) {
        List<String> parts = new ArrayList<>();
        positions.forEach((source, position) -> parts.add(source + ":" + (position < 0 ? DONE : position.toString())));
        return String.join(",", parts);
    }
}
