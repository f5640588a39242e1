package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.workflow.Actor;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.SuspensionWorkflow;
import org.educloud.workflow.Workflows;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

/**
 * The portal benchmark of issue 6 (not a test: it measures and prints, and runs only when asked,
 * {@code bench/portal.sh} or {@code mvn verify -pl kernel/itests -Dit.test=PortalBench
 * -Deducloud.bench.portal=true}): in the real distribution, a school with 20 apps installed and a
 * reviewer with 100 to-dos; the reviewer's home page timed request by request (the portal's own
 * {@code Server-Timing}, and loopback latency), then 1,000 students logged in through the login
 * pages browsing the portal at once, counting errors. The load runs in a JVM of its own
 * ({@link PortalLoad}). Logins use a cheaper Argon2 setting than production (they are set up here,
 * not measured): 1,000 first logins at m=19 MiB would take most of the run on two cores.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PortalBench {

    private static final String ENABLED = "educloud.bench.portal";
    private static final String SCHOOL = "/65/6501/650102/6501020001";
    private static final String PASSWORD = "first login password";

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private Workflows workflows;

    @Inject
    @Filter(timeout = 120_000)
    private AppInstallations apps;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(KernelUnderTest.options(),
                systemProperty(ENABLED).value(System.getProperty(ENABLED, "false")),
                systemProperty("educloud.bench.users").value(System.getProperty("educloud.bench.users", "1000")),
                systemProperty("educloud.bench.seconds").value(System.getProperty("educloud.bench.seconds", "300")),
                systemProperty("educloud.bench.homeRequests").value(System.getProperty("educloud.bench.homeRequests", "2000")),
                editConfigurationFilePut("etc/org.educloud.identity.cfg", "argon2MemoryKiB", "1024"),
                editConfigurationFilePut("etc/org.educloud.identity.cfg", "argon2Iterations", "1"));
    }

    @Test
    public void portalHomeAndLoad() throws Exception {
        Assume.assumeTrue("a benchmark: run with -D" + ENABLED + "=true", Boolean.getBoolean(ENABLED));
        KernelHttp.getUntil("/portal/", r -> r.statusCode() == 303, java.time.Duration.ofSeconds(120));
        int users = Integer.getInteger("educloud.bench.users");
        String run = String.valueOf(System.currentTimeMillis() % 100000);

        // 20 apps installed for the school.
        Path folder = Files.createTempDirectory("bench-apps");
        for (int i = 0; i < 20; i++) {
            String app = "bench-app-" + run + "-" + i;
            apps.store(AppArchive.write(folder, app, "1.0.0", Map.of(), Map.of()), Optional.empty(), "bench");
            apps.install(app, "1.0.0", SCHOOL, "bench");
        }
        // A reviewer with 100 to-dos: suspensions waiting on the school's administrator.
        String reviewer = "bench.admin" + run;
        accounts.create(NewAccount.of(reviewer, "审核人", PASSWORD, List.of(RoleGrant.parse("school-admin@" + SCHOOL))), "bench");
        Actor teacher = new Actor("bench.teacher" + run, List.of(RoleGrant.parse("teacher@" + SCHOOL)), Optional.empty());
        for (int i = 0; i < 100; i++) {
            workflows.start(new NewCase(SuspensionWorkflow.ID, "s" + run + i, "学生" + i, OrgPath.of(SCHOOL), Optional.empty(), "因病休学"),
                    teacher);
        }
        assertEquals(100, workflows.todoCount(new Actor(reviewer, List.of(RoleGrant.parse("school-admin@" + SCHOOL)), Optional.empty())));
        // The students who browse.
        String prefix = "bench.s" + run + ".";
        for (int i = 0; i < users; i++) {
            accounts.create(NewAccount.of(prefix + i, "学生" + i, PASSWORD, List.of(RoleGrant.parse("student@" + SCHOOL))), "bench");
        }

        String output = load("issuer=" + KernelAddress.ISSUER, "password=" + PASSWORD, "reviewer=" + reviewer, "apps=20", "todos=100",
                "homeRequests=" + Integer.getInteger("educloud.bench.homeRequests"), "users=" + users, "prefix=" + prefix,
                "seconds=" + Integer.getInteger("educloud.bench.seconds"));
        assertTrue(output, output.contains("PORTAL LOAD DONE"));
    }

    /** Runs {@link PortalLoad} in a JVM of its own (small thread stacks: a thread per simulated user). */
    private static String load(String... arguments) throws Exception {
        return SeparateJvm.run("org.educloud.kernel.itests.PortalLoad", "bench", 3600, List.of("-Xss512k"), arguments).output();
    }
}
