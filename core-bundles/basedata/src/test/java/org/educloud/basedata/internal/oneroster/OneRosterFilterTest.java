package org.educloud.basedata.internal.oneroster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.educloud.basedata.internal.oneroster.OneRosterFilter.Logic;
import org.educloud.basedata.internal.oneroster.OneRosterFilter.Operator;
import org.educloud.basedata.internal.oneroster.OneRosterFilter.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's filter grammar: one predicate, or two joined by AND or OR; everything else refused with a reason. */
class OneRosterFilterTest {

    @Test
    void aSinglePredicateWithEveryOperator() {
        assertEquals(new OneRosterFilter(List.of(new Predicate("status", Operator.EQUAL, "active")), Logic.NONE),
                OneRosterFilter.parse("status='active'"));
        assertEquals(Operator.NOT_EQUAL, OneRosterFilter.parse("type!='school'").predicates().get(0).operator());
        assertEquals(Operator.GREATER, OneRosterFilter.parse("dateLastModified>'2024-01-01'").predicates().get(0).operator());
        assertEquals(Operator.GREATER_OR_EQUAL, OneRosterFilter.parse("schoolYear>='2019'").predicates().get(0).operator());
        assertEquals(Operator.LESS, OneRosterFilter.parse("schoolYear<'2019'").predicates().get(0).operator());
        assertEquals(Operator.LESS_OR_EQUAL, OneRosterFilter.parse("schoolYear<='2019'").predicates().get(0).operator());
        assertEquals(new Predicate("familyName", Operator.CONTAINS, "王"), OneRosterFilter.parse("familyName~'王'").predicates().get(0));
    }

    @Test
    void twoPredicatesJoinedByAndOrOrKeepSpacesAndDotsInsideValues() {
        OneRosterFilter and = OneRosterFilter.parse("role='student' AND name~'第一 实验'");
        assertEquals(Logic.AND, and.logic());
        assertEquals(new Predicate("name", Operator.CONTAINS, "第一 实验"), and.predicates().get(1));
        OneRosterFilter or = OneRosterFilter.parse("parent.sourcedId='a.b' OR type='school'");
        assertEquals(Logic.OR, or.logic());
        assertEquals("parent.sourcedId", or.predicates().get(0).field());
        assertEquals("", OneRosterFilter.parse("email=''").predicates().get(0).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "status", "status=", "status=active", "status='active", "='x'", "status=='x'",
        "status='a' AND", "status='a' and type='b'", "status='a'AND type='b'", "status='a' XOR type='b'",
        "status='a' AND type='b' OR name='c'", "status='a' type='b'", "status^'a'"})
    void malformedFiltersAreRefusedWithAReason(String text) {
        OneRosterFilter.Malformed refused = assertThrows(OneRosterFilter.Malformed.class, () -> OneRosterFilter.parse(text));
        assertTrue(refused.getMessage().length() > 20, refused.getMessage());
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertTrue(message("status='active").contains("never closed"));
        assertTrue(message("status=active").contains("single quotes"));
        assertTrue(message("status='a' AND type='b' OR name='c'").contains("one AND or OR"));
        assertTrue(message("status^'a'").contains("= != > >= < <= ~"));
    }

    @Test
    void theFilterBecomesBoundSqlAndUnknownFieldsAreRefused() {
        RosterCollection orgs = new RosterCatalog().collection("orgs").orElseThrow();
        List<Object> parameters = new ArrayList<>();
        String sql = orgs.sql(OneRosterFilter.parse("name~'50%_x' OR type!='school'"), parameters);
        assertEquals("((o.name LIKE ?) OR (" + orgsType(orgs) + " <> ? OR " + orgsType(orgs) + " IS NULL))", sql);
        assertEquals(List.of("%50\\%\\_x%", "school"), parameters);

        RosterCollection.UnknownField unknown = assertThrows(RosterCollection.UnknownField.class,
                () -> orgs.sql(OneRosterFilter.parse("colour='red'"), new ArrayList<>()));
        assertEquals("filter", unknown.parameter());
        assertTrue(unknown.getMessage().contains("colour"));
        assertThrows(OneRosterFilter.Malformed.class,
                () -> orgs.sql(OneRosterFilter.parse("dateLastModified>'yesterday'"), new ArrayList<>()));
        List<Object> dated = new ArrayList<>();
        orgs.sql(OneRosterFilter.parse("dateLastModified>='2024-09-01T08:00:00Z'"), dated);
        assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2024-09-01T08:00:00Z")), dated.get(0));
    }

    @Test
    void fieldSelectionNamesFieldsOfTheCollectionOnly() {
        RosterCollection users = new RosterCatalog().collection("users").orElseThrow();
        assertEquals(List.of("sourcedId", "givenName"), List.copyOf(users.selection("sourcedId, givenName")));
        assertTrue(users.selection(null).isEmpty());
        RosterCollection.UnknownField unknown = assertThrows(RosterCollection.UnknownField.class,
                () -> users.selection("sourcedId,idNumber"));
        assertEquals("fields", unknown.parameter());
        assertTrue(unknown.getMessage().contains("'idNumber' is not a field of users"));
        assertEquals("sort", assertThrows(RosterCollection.UnknownField.class, () -> users.sortColumn("shoeSize")).parameter());
    }

    @Test
    void gradesMapToCeds() {
        assertEquals("PK", RosterCatalog.grade("PK1"));
        assertEquals("KG", RosterCatalog.grade("KG"));
        assertEquals("07", RosterCatalog.grade("07"));
        assertEquals("10", RosterCatalog.grade("V1"));
    }

    private static String orgsType(RosterCollection orgs) {
        return orgs.columns().get("type").sql();
    }

    private static String message(String filter) {
        return assertThrows(OneRosterFilter.Malformed.class, () -> OneRosterFilter.parse(filter)).getMessage();
    }
}
