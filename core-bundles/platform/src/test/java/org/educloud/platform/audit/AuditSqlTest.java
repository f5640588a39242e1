package org.educloud.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuditSqlTest {

    private static final AuditSql APP_EVENTS = AuditSql.of("e.id", "e.at", "e.actor", "e.action").orgs("(e.org = :path OR e.org LIKE :under)");

    private static AuditQuery query(List<String> within, String actor, String action, Instant from, Instant to, long beforeId) {
        return new AuditQuery(within, Optional.ofNullable(actor), Optional.ofNullable(action), Optional.ofNullable(from),
                Optional.ofNullable(to), beforeId, 50);
    }

    @Test
    void theRegionWithNoFiltersReadsEverything() {
        assertEquals(new AuditSql.Where("", List.of()), APP_EVENTS.where(query(List.of("/"), null, " ", null, null, 0)));
    }

    @Test
    void everyConditionIsBoundAsAParameter() {
        Instant from = Instant.parse("2025-09-01T00:00:00Z");
        Instant to = Instant.parse("2025-10-01T00:00:00Z");
        AuditSql.Where where = APP_EVENTS.where(query(List.of("/37/3701", "/45"), "Zhang", "grant", from, to, 812));
        assertEquals(" WHERE LOWER(e.actor) LIKE ? AND LOWER(e.action) LIKE ? AND e.at >= ? AND e.at < ? AND e.id < ? AND "
                + "((e.org = ? OR e.org LIKE ?) OR (e.org = ? OR e.org LIKE ?))", where.sql());
        assertEquals(List.of("%zhang%", "%grant%", from, to, 812L, "/37/3701", "/37/3701/%", "/45", "/45/%"), where.parameters());
    }

    @Test
    void likeWildcardsInTheTextAreTakenLiterally() {
        AuditSql.Where where = APP_EVENTS.where(query(List.of("/37/a_b"), "100%_sure\\", null, null, null, 0));
        assertEquals(List.of("%100\\%\\_sure\\\\%", "/37/a_b", "/37/a\\_b/%"), where.parameters());
    }

    @Test
    void eventsTiedToNoOrgAreOnlyTheRegions() {
        AuditSql clients = AuditSql.of("id", "at", "actor", "action");
        assertTrue(clients.where(query(List.of("/37"), null, null, null, null, 0)).sql().contains("FALSE"));
        assertEquals("", clients.where(query(List.of("/"), null, null, null, null, 0)).sql());
    }

    @Test
    void badQueriesAreRefusedSayingWhatToGive() {
        assertThrows(IllegalArgumentException.class, () -> query(List.of(), null, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> query(List.of("37/3701"), null, null, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new AuditQuery(List.of("/"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 501));
        assertThrows(IllegalArgumentException.class, () -> AuditSql.of("id", "at", "actor", "action").orgs("org = ?"));
    }
}
