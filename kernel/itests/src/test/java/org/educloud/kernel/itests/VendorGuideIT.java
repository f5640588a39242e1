package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.TestKit;
import org.educloud.testkit.TestUser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * docs/vendor-guide.md, done as a new vendor would: its marked command blocks are read from the
 * guide and run as they are written (bash, Maven, curl; the operator's {@code ssh} command over the
 * test's SSH client), against this kernel: generate a project with the archetype, package it,
 * upload it, see a bad checksum refused, approve it, install it for a school, call the endpoint
 * and the page, build 1.1.0, upload, approve and upgrade. The test stands in for the reader's
 * shell: it sets the variables the guide asks for (the kernel's address, the tokens, the school)
 * and points Maven at the repository the archetype's own test filled (this build's SDK, archetype
 * and kit; everything else from the local repository, never the network).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class VendorGuideIT {

    private static final Pattern STEP = Pattern.compile("<!-- vendor-guide:([a-z-]+) -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @Inject
    private TestKit kit;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void theGuidesCommandsTakeAGeneratedAppFromTheArchetypeToASchoolAndUpgradeIt() throws Exception {
        Map<String, String> steps = steps();
        Path work = Files.createTempDirectory("vendor-guide");
        mavenUsesTheTestRepository(work);
        Path project = work.resolve("homework");
        TestUser vendor = kit.user("guide.vendor", "vendor@/v/example");
        TestUser schoolAdmin = kit.user("guide.school", "school-admin@" + kit.school().path());

        run(steps.get("generate"), work, Map.of());
        assertTrue("the archetype made the project", Files.isRegularFile(project.resolve("app/pom.xml")));
        run(steps.get("package"), work, Map.of());
        Path kar = project.resolve("app/target/homework-app-1.0.0.kar");
        assertTrue("mvn package made the app package " + kar, Files.isRegularFile(kar));

        String submitted = run(steps.get("upload"), project, Map.of("VENDOR_TOKEN", kit.tokenFor(vendor)));
        assertTrue(submitted, submitted.contains("\"state\":\"SUBMITTED\""));
        String refused = run(steps.get("refused"), project, Map.of("VENDOR_TOKEN", kit.tokenFor(vendor), "KAR", kar.toString()));
        assertTrue(refused, refused.contains("urn:educloud:problem:package-refused") && refused.contains("was expected"));

        assertTrue(operator(steps.get("approve")).contains("homework 1.0.0 APPROVED"));
        Map<String, String> school = Map.of("SCHOOL_ADMIN_TOKEN", kit.tokenFor(schoolAdmin), "SCHOOL", kit.school().path());
        String installed = run(steps.get("install"), project, school);
        assertTrue(installed, installed.contains("homework"));

        String called = run(steps.get("call"), project, Map.of("TEACHER_TOKEN", kit.tokenFor(kit.teacher())));
        assertTrue(called, called.contains("\"greeting\":\"你好，" + kit.teacher().username() + "\"") && called.contains("\"version\":\"1.0.0\""));
        assertTrue("the page: " + called, called.contains("<html lang=\"zh-CN\">") && called.contains("作业"));

        run(steps.get("upgrade-build"), project, Map.of());
        assertTrue(Files.isRegularFile(project.resolve("app/target/homework-app-1.1.0.kar")));
        assertTrue(run(steps.get("upload"), project, Map.of("VENDOR_TOKEN", kit.tokenFor(vendor))).contains("\"version\":\"1.1.0\""));
        assertTrue(operator(steps.get("approve").replace("1.0.0", "1.1.0")).contains("homework 1.1.0 APPROVED"));
        String upgraded = run(steps.get("upgrade"), project, Map.of("SCHOOL_ADMIN_TOKEN", kit.tokenFor(schoolAdmin), "SCHOOL",
                kit.school().path()));
        assertTrue(upgraded, upgraded.contains("\"version\":\"1.1.0\""));
        String after = run(steps.get("call"), project, Map.of("TEACHER_TOKEN", kit.tokenFor(kit.teacher())));
        assertTrue("1.1.0 answers, and the app's table kept its rows across the upgrade: " + after,
                after.contains("\"version\":\"1.1.0\"") && after.contains("\"visits\":2"));
    }

    /** The guide's marked command blocks by name. */
    private static Map<String, String> steps() throws Exception {
        String guide = Files.readString(Path.of(required(KernelUnderTest.VENDOR_GUIDE)), StandardCharsets.UTF_8);
        Map<String, String> steps = new LinkedHashMap<>();
        Matcher step = STEP.matcher(guide);
        while (step.find()) {
            steps.put(step.group(1), step.group(2));
        }
        assertEquals("the guide's steps", "[generate, package, upload, refused, approve, install, call, upgrade-build, upgrade]",
                steps.keySet().toString());
        return steps;
    }

    /**
     * Maven finds {@code .mvn/maven.config} above the folder it runs in: the repository of the
     * archetype's test and its settings, as a reader's Maven would use their own.
     */
    private static void mavenUsesTheTestRepository(Path work) throws Exception {
        Files.createDirectories(work.resolve(".mvn"));
        Files.writeString(work.resolve(".mvn/maven.config"), "-B -s " + required(KernelUnderTest.ARCHETYPE_SETTINGS)
                + " -Dmaven.repo.local=" + required(KernelUnderTest.ARCHETYPE_REPOSITORY) + "\n");
    }

    /** Runs a block of the guide with bash in {@code folder}, the reader's variables set; fails with its output unless it succeeds. */
    private static String run(String block, Path folder, Map<String, String> variables) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(folder.toFile()).redirectErrorStream(true);
        bash.environment().putAll(variables);
        bash.environment().put("EDUCLOUD", KernelAddress.ISSUER);
        bash.environment().put("JAVA_HOME", System.getProperty("java.home"));
        File output = Files.createTempFile("vendor-guide", ".out").toFile();
        Process process = bash.redirectOutput(output).start();
        boolean ended = process.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        assertTrue("the guide's block ran within 5 minutes and succeeded:\n" + block + "\n" + printed, ended && process.exitValue() == 0);
        return printed;
    }

    /** The guide's {@code ssh -p 8101 operator@localhost <command>}: the command, over the test's SSH client. */
    private static String operator(String block) throws Exception {
        String command = block.strip().replaceFirst("^ssh -p 8101 operator@localhost ", "");
        try (OperatorSsh ssh = new OperatorSsh()) {
            return ssh.run(command);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property, "");
        assertTrue("system property " + property + " names an existing file (set by kernel/itests/pom.xml; the archetype's "
                + "build makes its test repository: mvn verify -pl plugin-sdk/archetype)", !value.isBlank() && new File(value).exists());
        return value;
    }
}
