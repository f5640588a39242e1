package org.educloud.kernel.itests;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of the test sources in a JVM of its own, on the classpath Maven hands over as
 * {@value KernelUnderTest#BROWSER_CLASSPATH} (the test classes and their libraries): what must not run
 * inside the kernel under test, such as Selenium (not an OSGi bundle) or a load generator (it would
 * share the kernel's heap and threads). Named by string: loading the class in the kernel would make
 * the verifier look for libraries that are not in it.
 */
final class SeparateJvm {

    /** What the JVM printed, and how it ended. */
    record Result(String output, int exitValue) {
    }

    private SeparateJvm() {
    }

    /** Runs {@code mainClass} with {@code arguments}, echoing each line it prints with {@code tag}; kills it after {@code timeout}. */
    static Result run(String mainClass, String tag, long timeoutSeconds, List<String> jvmOptions, String... arguments)
            throws IOException, InterruptedException {
        String classpath = System.getProperty(KernelUnderTest.BROWSER_CLASSPATH, "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("System property " + KernelUnderTest.BROWSER_CLASSPATH + " is not set: run the tests "
                    + "through Maven (mvn verify), which puts the test classpath there");
        }
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[" + tag + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended; what it printed is in output
            }
        }, "output of " + mainClass);
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(5_000);
        synchronized (output) {
            return new Result(output.toString(), process.exitValue());
        }
    }
}
