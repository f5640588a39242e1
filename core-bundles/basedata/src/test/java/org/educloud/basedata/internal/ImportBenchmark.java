package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.internal.bulk.ImportJob;
import org.educloud.basedata.internal.bulk.ImportJobs;
import org.educloud.basedata.internal.bulk.Upserts;
import org.educloud.basedata.internal.bulk.PlatformCsvFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a timed test: imports a generated people.csv of {@code -Deducloud.bench.rows} students (skipped
 * without it) twice, printing rows/s and the peak heap; see docs/benchmarks.md for the command.
 */
class ImportBenchmark {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");

    @TempDir
    Path folder;

    @Test
    void importAGeneratedFile() throws Exception {
        int rows = Integer.getInteger("educloud.bench.rows", 0);
        assumeTrue(rows > 0, "set -Deducloud.bench.rows=100000 to run the import benchmark");
        DataSource dataSource = BasedataDatabase.fresh("bench_import");
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        ImportJobs jobs = ImportJobs.over(dataSource, batch -> new Upserts(new JdbcOrgDirectory(batch),
                new JdbcPersonRegistry(batch, cipher), new JdbcClassRoster(batch), new JdbcCurriculum(batch), new PeopleLoad(cipher)));
        Org province = orgs.create(OPERATOR, new Org("p37", OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        Org city = orgs.create(OPERATOR, new Org("c3701", OrgKind.CITY, "3701", "济南市", province.sourcedId(), null, null, null, null, 0,
                null, null));
        Org district = orgs.create(OPERATOR, new Org("d370102", OrgKind.DISTRICT, "370102", "历下区", city.sourcedId(), null, null, null,
                null, 0, null, null));
        orgs.create(OPERATOR, new Org("s1", OrgKind.SCHOOL, "3701020001", "历下区第一实验小学", district.sourcedId(), null, "primary",
                "public", "urban", 0, null, null));

        Path file = folder.resolve("people.csv");
        String[] family = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", PlatformCsvFiles.PEOPLE));
            out.newLine();
            for (int i = 0; i < rows; i++) {
                out.write("b" + i + ",student,s1," + family[i % family.length] + ",同学" + i + "," + (i % 2 == 0 ? "male" : "female")
                        + ",2012-09-01,,,,,G" + (10_000_000 + i) + ",2018-09-01,山东省济南市,历下区某路" + i + "号,"
                        + (i % 7 == 0) + "," + (i % 11 == 0) + ",false,false,false," + (i % 5 == 0));
                out.newLine();
            }
        }
        for (String run : new String[] {"first import", "re-import (unchanged)"}) {
            resetPeaks();
            long start = System.nanoTime();
            ImportJob job = jobs.run(OPERATOR, file, null, null, p -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH %s: %d rows (%d MB file) in %.1f s = %.0f rows/s; created %d, unchanged %d, rejected %d; "
                    + "peak heap %d MB (max %d MB)%n", run, job.rowsRead(), Files.size(file) >> 20, seconds, job.rowsRead() / seconds,
                    job.created(), job.unchanged(), job.rejected(), peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            assertEquals(rows, job.rowsCommitted(), job.message());
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
