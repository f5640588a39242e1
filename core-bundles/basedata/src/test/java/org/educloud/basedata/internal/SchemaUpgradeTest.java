package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.junit.jupiter.api.Test;

/** A database of an earlier release keeps what it holds through the changesets that came after it. */
class SchemaUpgradeTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    /** Changesets 1-19: the blind index of an ID number was 64 hex characters then (20 made it 32 bytes). */
    private static final int BEFORE_BINARY_INDEX = 19;

    @Test
    void idNumbersStoredWithAHexIndexAreFoundByTheirNumberAfterTheUpgrade() throws Exception {
        DataSource dataSource = BasedataDatabase.freshUpTo("unit_upgrade", BEFORE_BINARY_INDEX);
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        orgs.create(OPERATOR, new Org("p37", OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        orgs.create(OPERATOR, new Org("c3701", OrgKind.CITY, "3701", "济南市", "p37", null, null, null, null, 0, null, null));
        orgs.create(OPERATOR, new Org("d370102", OrgKind.DISTRICT, "370102", "历下区", "c3701", null, null, null, null, 0, null, null));
        Org school = orgs.create(OPERATOR, new Org("s1", OrgKind.SCHOOL, "3701020001", "历下区第一实验小学", "d370102", null,
                "primary", "public", "urban", 0, null, null));
        NationalId id = new NationalId("370102200801010013");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_person (sourced_id, role, org_id, org_path, "
                     + "family_name, given_name, id_number_cipher, id_number_index, id_number_masked) SELECT 'p1', 'STUDENT', id, "
                     + "org_path, '王', '一', ?, ?, ? FROM bd_org WHERE sourced_id = 's1'")) {
            insert.setBytes(1, cipher.encrypt(id, "p1"));
            insert.setString(2, HexFormat.of().formatHex(cipher.index(id))); // as the release before changeset 20 wrote it
            insert.setString(3, id.masked());
            assertEquals(1, insert.executeUpdate());
        }

        BasedataDatabase.migrate(dataSource, Integer.MAX_VALUE);

        JdbcPersonRegistry people = new JdbcPersonRegistry(dataSource, cipher);
        List<Person> found = people.list(OPERATOR, ListQuery.first(10), PersonRole.STUDENT, id, true).items();
        assertEquals(List.of("p1"), found.stream().map(Person::sourcedId).toList());
        assertEquals(id, found.get(0).idNumber(), "the sealed number still opens");
        assertEquals(school.path().value(), found.get(0).orgPath());
    }
}
