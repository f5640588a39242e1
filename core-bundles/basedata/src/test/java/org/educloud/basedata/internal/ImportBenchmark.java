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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.educloud.basedata.ListQuery;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.internal.bulk.ImportJob;
import org.educloud.basedata.internal.bulk.ImportJobs;
import org.educloud.basedata.internal.bulk.PlatformCsvFiles;
import org.educloud.basedata.internal.bulk.RosterCsvExport;
import org.educloud.basedata.internal.bulk.RosterCsvImport;
import org.educloud.basedata.internal.bulk.Upserts;
import org.educloud.basedata.internal.generate.SyntheticProvince;
import org.educloud.basedata.internal.oneroster.GuidRefs;
import org.educloud.basedata.internal.oneroster.RosterCatalog;
import org.educloud.basedata.internal.oneroster.RosterReader;
import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Not timed tests: benchmarks a person runs (bench/basedata.sh; figures in docs/benchmarks.md), each
 * skipped without its property. {@code -Deducloud.bench.rows=N} imports a generated people.csv of N
 * students with valid ID numbers twice (rows/s, peak heap), then times native list pages (cursor) at
 * the start and the end of the list and OneRoster users pages of 100 (in sequence, and jumping to random offsets). {@code
 * -Deducloud.bench.generate=SCALE} times data:generate. {@code -Deducloud.bench.writers=N} sets the import's write lanes (default 2).
 */
class ImportBenchmark {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");

    @TempDir
    Path folder;

    @Test
    void importAGeneratedFileThenReadPagesOfIt() throws Exception {
        int rows = Integer.getInteger("educloud.bench.rows", 0);
        assumeTrue(rows > 0, "set -Deducloud.bench.rows=100000 to run the import benchmark");
        DataSource dataSource = BasedataDatabase.fresh("bench_import");
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        int writers = Integer.getInteger("educloud.bench.writers", 2);
        ImportJobs jobs = ImportJobs.over(dataSource, batch -> new Upserts(new JdbcOrgDirectory(batch),
                new JdbcPersonRegistry(batch, cipher), new JdbcClassRoster(batch), new JdbcCurriculum(batch), new PeopleLoad(cipher)),
                writers);
        System.out.printf("BENCH import with importWriters = %d%n", writers);
        Org province = orgs.create(OPERATOR, new Org("p37", OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        Org city = orgs.create(OPERATOR, new Org("c3701", OrgKind.CITY, "3701", "济南市", province.sourcedId(), null, null, null, null, 0,
                null, null));
        Org district = orgs.create(OPERATOR, new Org("d370102", OrgKind.DISTRICT, "370102", "历下区", city.sourcedId(), null, null, null,
                null, 0, null, null));
        for (int s = 0; s < 10; s++) {
            orgs.create(OPERATOR, new Org("s" + s, OrgKind.SCHOOL, "370102000" + s, "历下区第" + (s + 1) + "实验小学", district.sourcedId(),
                    null, "primary", "public", "urban", 0, null, null));
        }
        Path file = folder.resolve("people.csv");
        String[] family = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
        LocalDate first = LocalDate.of(2008, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", PlatformCsvFiles.PEOPLE));
            out.newLine();
            for (int i = 0; i < rows; i++) {
                // A valid, unique ID number: a birth date in ten years, and a sequence number per day.
                LocalDate birth = first.plusDays(i % 3650);
                String first17 = "370102" + birth.toString().replace("-", "") + String.format("%03d", i / 3650);
                String id = first17 + NationalId.checkDigit(first17);
                out.write("b" + i + ",student,s" + (i % 10) + "," + family[i % family.length] + ",同学" + i + ","
                        + (id.charAt(16) % 2 == 1 ? "male" : "female") + ",," + id + ",,,,G" + id + ",2018-09-01,山东省济南市,历下区某路"
                        + i + "号," + (i % 7 == 0) + "," + (i % 11 == 0) + ",false,false,false," + (i % 5 == 0));
                out.newLine();
            }
        }
        for (String run : new String[] {"first import", "re-import (unchanged)"}) {
            Timed timed = timed(() -> jobs.run(OPERATOR, file, null, null, p -> { }));
            ImportJob job = timed.job();
            System.out.printf("BENCH %s: %d rows (%d MB file) in %.1f s = %.0f rows/s; created %d, unchanged %d, rejected %d; "
                    + "peak heap %d MB (max %d MB)%n", run, job.rowsRead(), Files.size(file) >> 20, timed.seconds(), timed.rate(),
                    job.created(), job.unchanged(), job.rejected(), peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("BENCH %s: CPU per row: %s (2 cores give %.1f µs per row at this rate)%n", run, timed.cpuPerRow(),
                    2e6 / timed.rate());
            assertEquals(rows, job.rowsCommitted(), job.message());
        }

        JdbcPersonRegistry people = new JdbcPersonRegistry(dataSource, cipher);
        long lastId = BasedataDatabase.count(dataSource, "SELECT MAX(id) FROM bd_person");
        String[] cursor = {""};
        latency("native people page of 100, from the start (cursor paging)", 300, () -> {
            Page<Person> page = people.list(OPERATOR, new ListQuery(OrgPath.ROOT, cursor[0], 100), PersonRole.STUDENT, null, false);
            cursor[0] = page.next().orElse("");
            return page.items().size();
        });
        String deep = String.valueOf(lastId - 301 * 100);
        cursor[0] = deep;
        latency("native people page of 100, at the end of the list", 300, () -> {
            Page<Person> page = people.list(OPERATOR, new ListQuery(OrgPath.ROOT, cursor[0], 100), PersonRole.STUDENT, null, false);
            cursor[0] = page.next().orElse(deep);
            return page.items().size();
        });
        RosterReader reader = new RosterReader(dataSource);
        GuidRefs refs = new GuidRefs("http://h/ims/oneroster/rostering/v1p2", new ObjectMapper());
        var users = new RosterCatalog().collection("users").orElseThrow();
        long[] offset = {0};
        latency("OneRoster users page of 100, offset 0, 100, 200, ...", 100, () -> {
            long size = reader.list(OPERATOR, users, new RosterReader.Request(null, null, false, offset[0], 100), refs).rows().size();
            offset[0] += 100;
            return size;
        });
        long total = reader.list(OPERATOR, users, new RosterReader.Request(null, null, false, 0, 1), refs).total();
        offset[0] = Math.max(0, total - 100L * 40); // 20 warm-up pages and 20 timed ones, up to the last

        latency("OneRoster users page of 100, at the end (offset " + offset[0] + "...)", 20, () -> {
            long size = reader.list(OPERATOR, users, new RosterReader.Request(null, null, false, offset[0], 100), refs).rows().size();
            offset[0] += 100;
            return size;
        });
        // A far jump on a reader that knows no marks yet lays them on the way (one pass); the next jumps start near a mark.
        RosterReader fresh = new RosterReader(dataSource);
        long[] ats = {total * 7 / 10, total * 3 / 10, total - 150};
        for (int jump = 0; jump < ats.length; jump++) {
            long start = System.nanoTime();
            fresh.list(OPERATOR, users, new RosterReader.Request(null, null, false, ats[jump], 100), refs);
            System.out.printf("BENCH OneRoster users page of 100 at offset %d, jump %d of %d on a reader that knew no marks: %.1f ms%n",
                    ats[jump], jump + 1, ats.length, (System.nanoTime() - start) / 1e6);
        }
        // Pages in sequence start where the page before ended; a jump starts at the nearest mark below it (OffsetRuler).
        java.util.Random jumps = new java.util.Random(37);
        latency("OneRoster users page of 100, jumping to random offsets (the first jumps past every mark lay marks on the way)", 50, () -> reader.list(OPERATOR, users,
                new RosterReader.Request(null, null, false, jumps.nextLong(total - 100), 100), refs).rows().size());
    }

    /**
     * A generated province as a region would send it: {@code data:generate} at {@code -Deducloud.bench.province=SCALE}, exported
     * as OneRoster 1.2 CSV (orgs, sessions, courses, classes, users with their agents, roles, demographics, enrollments) and
     * imported into an empty database twice. The export masks ID numbers, so the imported people carry none.
     */
    @Test
    void importAGeneratedProvinceAsOneRosterCsv() throws Exception {
        String scale = System.getProperty("educloud.bench.province");
        assumeTrue(scale != null, "set -Deducloud.bench.province=0.01 to import a generated province's OneRoster export");
        DataSource source = BasedataDatabase.fresh("bench_province_source");
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        JdbcOrgDirectory sourceOrgs = new JdbcOrgDirectory(source);
        SyntheticProvince.Counts made = generate(source, scale);
        Path out = folder.resolve("province");
        long exportStart = System.nanoTime();
        new RosterCsvExport(source, sourceOrgs, new JdbcPersonRegistry(source, cipher), new JdbcClassRoster(source),
                new JdbcCurriculum(source)).export(OPERATOR, OrgPath.ROOT, RosterCsvImport.Format.ONEROSTER, out);
        Path zip = folder.resolve("province.zip");
        ImportJobsTest.zipFolder(out, zip);
        System.out.printf("BENCH province at scale %s: %s; exported as OneRoster CSV in %.1f s (%d MB zip)%n", scale, made,
                (System.nanoTime() - exportStart) / 1e9, Files.size(zip) >> 20);

        DataSource target = BasedataDatabase.fresh("bench_province_target");
        int writers = Integer.getInteger("educloud.bench.writers", 2);
        ImportJobs jobs = ImportJobs.over(target, batch -> new Upserts(new JdbcOrgDirectory(batch), new JdbcPersonRegistry(batch, cipher),
                new JdbcClassRoster(batch), new JdbcCurriculum(batch), new PeopleLoad(cipher)), writers);
        for (String run : new String[] {"first import", "re-import (unchanged)"}) {
            long start = System.nanoTime();
            java.util.Map<String, long[]> perFile = new java.util.LinkedHashMap<>(); // file -> time of its last progress, rows read
            Timed timed = timed(() -> jobs.run(OPERATOR, zip, RosterCsvImport.Format.ONEROSTER, null, progress -> perFile.put(
                    String.valueOf(progress.currentFile()), new long[] {System.nanoTime(), progress.rowsRead()})));
            ImportJob job = timed.job();
            long[] before = {0};
            perFile.forEach((file, last) -> {
                System.out.printf("BENCH province %s: %s until %.1f s, %d rows%n", run, file, (last[0] - start) / 1e9, last[1] - before[0]);
                before[0] = last[1];
            });
            System.out.printf("BENCH province %s (importWriters = %d): %d rows in %.1f s = %.0f rows/s; created %d, updated %d, "
                    + "unchanged %d, rejected %d; peak heap %d MB; CPU per row: %s%n", run, writers, job.rowsRead(), timed.seconds(),
                    timed.rate(), job.created(), job.updated(), job.unchanged(), job.rejected(), peakHeap() >> 20, timed.cpuPerRow());
            assertEquals(0, job.rejected(), job.message());
        }
    }

    @Test
    void generateAProvince() throws Exception {
        String scale = System.getProperty("educloud.bench.generate");
        assumeTrue(scale != null, "set -Deducloud.bench.generate=0.001 to time data:generate");
        DataSource dataSource = BasedataDatabase.fresh("bench_generate");
        long start = System.nanoTime();
        SyntheticProvince.Counts made = generate(dataSource, scale);
        double seconds = (System.nanoTime() - start) / 1e9;
        long written = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");
        System.out.printf("BENCH data:generate --scale %s: %s in %.1f s; %d rows (change-feed rows) = %.2f ms/row, %.0f rows/s%n",
                scale, made, seconds, written, seconds * 1000 / written, written / seconds);
    }

    /** data:generate at {@code scale} (seed 37) into the database. */
    private static SyntheticProvince.Counts generate(DataSource dataSource, String scale) {
        return new SyntheticProvince(new JdbcOrgDirectory(dataSource), new JdbcClassRoster(dataSource), new JdbcCurriculum(dataSource),
                BulkLoads.over(dataSource, IdNumberKeysTest.testCipher()), OPERATOR, 37)
                .generate(Double.parseDouble(scale), 0, (phase, done, total) -> { });
    }

    /** Times {@code pages} calls, printing p50 and p99 in ms. */
    private static void latency(String what, int pages, LongSupplier page) {
        for (int i = 0; i < 20; i++) {
            page.getAsLong(); // warm up the JIT and the buffer pool
        }
        long[] took = new long[pages];
        long items = 0;
        for (int i = 0; i < pages; i++) {
            long start = System.nanoTime();
            items += page.getAsLong();
            took[i] = System.nanoTime() - start;
        }
        Arrays.sort(took);
        System.out.printf("BENCH %s: %d pages, %d rows; p50 %.1f ms, p99 %.1f ms%n", what, pages, items, took[pages / 2] / 1e6,
                took[Math.min(pages - 1, (int) Math.ceil(pages * 0.99) - 1)] / 1e6);
    }

    /** An import run with its wall time and the CPU this JVM and the database server spent on it. */
    private record Timed(ImportJob job, double seconds, long jvmCpuNanos, long serverCpuNanos) {
        double rate() {
            return job.rowsRead() / seconds;
        }

        String cpuPerRow() {
            return String.format("this JVM %.1f µs, mariadbd %s", jvmCpuNanos / 1e3 / job.rowsRead(), serverCpuNanos < 0 ? "not readable"
                    : String.format("%.1f µs", serverCpuNanos / 1e3 / job.rowsRead()));
        }
    }

    /** Runs an import with the heap's peaks reset, timing it and the CPU both sides spent. */
    private static Timed timed(java.util.function.Supplier<ImportJob> run) {
        resetPeaks();
        long jvmCpu = jvmCpuNanos();
        long serverCpu = serverCpuNanos();
        long start = System.nanoTime();
        ImportJob job = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timed(job, seconds, jvmCpuNanos() - jvmCpu, serverCpu < 0 ? -1 : serverCpuNanos() - serverCpu);
    }

    /** CPU time of this JVM, all threads (GC and JIT included). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the local mariadbd (user + system, from /proc), or -1 when it is not on this machine or not readable. */
    private static long serverCpuNanos() {
        try {
            Path stat = ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")).orElse(false))
                    .findFirst().map(p -> Path.of("/proc", String.valueOf(p.pid()), "stat")).orElse(null);
            if (stat == null) {
                return -1;
            }
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // clock ticks of 10 ms
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
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
