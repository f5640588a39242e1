package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The bulk write paths (people, enrollments, guardian relations) with a connection to run them on,
 * for writers that make many rows at once without an import's row-by-row fallback: data:generate,
 * whose rows are valid by construction.
 */
@Component(service = BulkLoads.class)
public final class BulkLoads {

    /** Work on one connection, in one transaction. */
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    private final Transactions transactions;
    private final PeopleLoad people;
    private final EnrollmentLoad enrollments = new EnrollmentLoad();
    private final RelationLoad relations = new RelationLoad();

    @Activate
    public BulkLoads(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "keys") IdNumberKeys keys) {
        this(dataSource, keys.cipher());
    }

    /**
     * Bulk loads over another data source and cipher (for tests and benchmarks). A factory, not a second
     * public constructor: Declarative Services would take one of the same arity for the component's own.
     */
    public static BulkLoads over(DataSource dataSource, IdNumberCipher cipher) {
        return new BulkLoads(dataSource, cipher);
    }

    private BulkLoads(DataSource dataSource, IdNumberCipher cipher) {
        this.transactions = new Transactions(dataSource);
        this.people = new PeopleLoad(cipher);
    }

    public PeopleLoad people() {
        return people;
    }

    public EnrollmentLoad enrollments() {
        return enrollments;
    }

    public RelationLoad relations() {
        return relations;
    }

    /** Runs the work in one transaction: all of it commits, or none. */
    public void transaction(Work work) {
        transactions.run(connection -> {
            work.run(connection);
            return null;
        });
    }

    /** Refuses a batch with a refused row: for writers whose rows must all be valid. */
    public static void requireAll(java.util.List<Loaded> results, String what) {
        for (Loaded result : results) {
            if (result.effect() == Loaded.Effect.REFUSED) {
                throw new BasedataProblem(Kind.INVALID, result.problem().field(), "a generated " + what + " was refused: "
                        + result.problem().getMessage());
            }
        }
    }
}
