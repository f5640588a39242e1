package org.educloud.kernel.itests;

import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

/**
 * The operations console in a real headless Chromium, 375 px wide: an operator signs in through the
 * portal, sees the service health, finds an account and grants it the school administrator's role;
 * a vendor uploads a broken package (refused with its problems) and then a good one; the operator
 * approves it; the new school administrator installs it for their school, consenting to its scopes;
 * the audit log shows the grant, the submission, the approval and the installation; a teacher is
 * refused the console. The accounts, orgs and packages are made here, in the kernel; the browser
 * steps are {@link ConsoleBrowserSession}, in a JVM of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ConsoleBrowserIT {

    /** Orgs of a province no other test uses (Guangxi), made in the basic data here. */
    private static final String SCHOOL = "/45/4501/450102/4501020001";
    private static final String VENDOR_ORG = "/v/console";
    private static final String PASSWORD = "first login password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private OrgDirectory orgs;

    @Inject
    @Filter(timeout = 120_000)
    private AppInstallations apps;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void operatorsVendorsAndSchoolAdministratorsDoTheirWorkInTheConsoleAndATeacherIsRefused() throws Exception {
        KernelHttp.getUntil("/console/", r -> r.statusCode() == 303, java.time.Duration.ofSeconds(120));
        String suffix = System.currentTimeMillis() % 100000 + "" + SEQUENCE.incrementAndGet();
        RegionWide.schools(orgs, "45", "4501", "450102", List.of("4501020001"), List.of("广西壮族自治区", "南宁市", "兴宁区", "南宁市兴宁区第一小学"));
        String operator = account("console.op" + suffix, "运维小王", "operator@/");
        String head = account("console.head" + suffix, "李校长", "teacher@" + SCHOOL);
        String vendor = account("console.vendor" + suffix, "开发者小赵", "vendor@" + VENDOR_ORG);
        String teacher = account("console.teacher" + suffix, "张老师", "teacher@" + SCHOOL);
        Path folder = Files.createTempDirectory("console-apps");
        String appId = "console-app-" + suffix;
        Path good = AppArchive.withScopes(folder, appId, "1.0.0", List.of("profile", "basedata.read"));
        Path broken = Files.writeString(folder.resolve("broken.kar"), "this is not a zip", StandardCharsets.UTF_8);
        try {
            String output = BrowserRun.run("org.educloud.kernel.itests.ConsoleBrowserSession", KernelAddress.ISSUER, PASSWORD, operator, head,
                    vendor, teacher, SCHOOL, appId, good.toString(), broken.toString());
            assertTrue(output, output.contains("CONSOLE BROWSER SESSION PASSED"));
            // What the browser did is what the kernel holds.
            assertTrue("the grant made in the browser", accounts.find(head).orElseThrow().grants()
                    .contains(RoleGrant.parse("school-admin@" + SCHOOL)));
            assertTrue("the installation made in the browser", apps.installations().stream()
                    .anyMatch(i -> i.appId().equals(appId) && i.org().equals(SCHOOL)));
        } finally {
            if (apps.installations().stream().anyMatch(i -> i.appId().equals(appId))) {
                apps.uninstall(appId, SCHOOL, "itest");
            }
        }
    }

    private String account(String username, String name, String grant) {
        accounts.create(NewAccount.of(username, name, PASSWORD, List.of(RoleGrant.parse(grant))), "itest");
        return username;
    }
}
