package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Selenium browser session (a class with a main method, such as {@link PortalBrowserSession})
 * in a JVM of its own: Selenium is not an OSGi bundle, so it stays out of the kernel under test.
 * The class is named by string: loading it here, in the kernel, would make the verifier look for
 * Selenium, which is not in it.
 */
final class BrowserRun {

    private BrowserRun() {
    }

    /** Runs {@code mainClass} with {@code arguments}; fails with its output unless it exits 0. Returns the output. */
    static String run(String mainClass, String... arguments) throws IOException, InterruptedException {
        String classpath = System.getProperty(KernelUnderTest.BROWSER_CLASSPATH, "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("System property " + KernelUnderTest.BROWSER_CLASSPATH + " is not set: run the tests "
                    + "through Maven (mvn verify), which puts Selenium's classpath there");
        }
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, mainClass));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[browser] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended; what it printed is in output
            }
        }, "output of the browser session");
        reader.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(5_000);
        synchronized (output) {
            assertEquals("the browser session failed:\n" + output, 0, process.exitValue());
            return output.toString();
        }
    }
}
