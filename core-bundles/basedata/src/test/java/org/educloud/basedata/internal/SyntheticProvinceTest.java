package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.internal.generate.SyntheticProvince;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** data:generate's province, built through the real repositories on MariaDB. */
class SyntheticProvinceTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    private DataSource dataSource;
    private JdbcOrgDirectory orgs;
    private JdbcPersonRegistry people;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = BasedataDatabase.fresh("generate");
        orgs = new JdbcOrgDirectory(dataSource);
        people = new JdbcPersonRegistry(dataSource, IdNumberKeysTest.testCipher());
    }

    @Test
    void aSmallProvinceHasEveryStageCityAndValidPeople() throws Exception {
        List<String> phases = new ArrayList<>();
        SyntheticProvince.Counts made = province(7).generate(0.00005, 12, (phase, done, total) -> phases.add(done + "/" + total));

        assertEquals(16, made.cities());
        assertEquals(16, made.districts(), "one district per city at this scale");
        assertEquals(5, made.schools(), "one school of each of the five stages");
        assertEquals("5/5", phases.get(phases.size() - 1));
        assertTrue(made.students() > 0 && made.students() <= 5 * 12, "students: " + made.students());
        assertTrue(made.guardians() >= made.students() && made.guardians() <= 2 * made.students(), "guardians: " + made.guardians());
        assertEquals(made.students() + made.classes(), made.enrollments(), "each student and each class's head teacher");
        assertEquals(16, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_org WHERE kind = 'CITY'"));
        assertEquals(5, BasedataDatabase.count(dataSource, "SELECT COUNT(DISTINCT stage) FROM bd_org WHERE kind = 'SCHOOL'"));
        assertEquals(0, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_org WHERE kind = 'SCHOOL' AND code NOT REGEXP '^37[0-9]{8}$'"));

        List<Person> students = people.list(OPERATOR, ListQuery.first(100), PersonRole.STUDENT, null, true).items();
        for (Person student : students) {
            assertNull(NationalId.problem(student.idNumber().value()), "a valid ID number: " + student.idNumber());
            assertEquals("G" + student.idNumber().value(), student.status().registryNumber());
            assertEquals(student.idNumber().male(), student.gender().equals("male"), "the sequence's parity matches the gender");
            assertTrue(student.familyName().length() == 1 && !student.givenName().isEmpty());
        }
        assertTrue(BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change") > made.students(), "all through the change feed");
    }

    @Test
    void theSameSeedGivesTheSameProvinceAndASecondRunIsRefused() throws Exception {
        province(7).generate(0.00005, 3, (phase, done, total) -> { });
        List<String> first = names();
        BasedataProblem again = assertThrows(BasedataProblem.class, () -> province(7).generate(0.00005, 3, (p, d, t) -> { }));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());

        freshDatabase();
        province(7).generate(0.00005, 3, (phase, done, total) -> { });
        assertEquals(first, names());
    }

    @Test
    void theScaleFollowsTheSeedsFigures() {
        Map<String, Integer> whole = SyntheticProvince.schoolsAt(1);
        assertEquals(19_020, whole.get("preschool"));
        assertEquals(12_706, whole.get("primary") + whole.get("junior"));
        assertEquals(993, whole.get("senior") + whole.get("vocational"));
        assertEquals(140, SyntheticProvince.districtsFor(32_719));
        assertThrows(BasedataProblem.class, () -> province(1).generate(0, 0, (p, d, t) -> { }));
    }

    private SyntheticProvince province(long seed) {
        return new SyntheticProvince(orgs, new JdbcClassRoster(dataSource), new JdbcCurriculum(dataSource),
                BulkLoads.over(dataSource, IdNumberKeysTest.testCipher()), OPERATOR, seed);
    }

    private List<String> names() throws Exception {
        List<String> names = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT family_name, given_name FROM bd_person ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1) + rows.getString(2));
            }
        }
        return names;
    }
}
