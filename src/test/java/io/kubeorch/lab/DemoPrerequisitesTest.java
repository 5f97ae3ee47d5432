package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lab/demo refuses to start, before it touches anything, when something it needs is missing,
 * and says what to do. (The demo itself: io.kubeorch.web.DemoIT.)
 */
class DemoPrerequisitesTest {

    private static final Path DEMO = Lab.script().resolveSibling("demo");

    @TempDir
    Path temp;

    @Test
    void withoutRootItSaysSoAndHowToRunIt() throws Exception {
        Lab.requireRoot();
        Path dir = temp.resolve("demo");

        Result result = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                DEMO.toString(), "--nodes", "2", "--dir", dir.toString()), Map.of());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("demo: needs root")
                .contains("Run: sudo " + DEMO + " --nodes 2 --dir " + dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void withoutJavaAndMavenItNamesWhatIsMissingAndTheirPackages() throws Exception {
        Path checkout = checkoutWithoutJar();

        Result result = run(List.of("/bin/bash", checkout.resolve("lab/demo").toString()),
                Map.of("PATH", temp.resolve("empty").toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("demo: Java 17 or newer is missing (java is not on the PATH): install a JDK 17, "
                        + "e.g. apt-get install openjdk-17-jdk-headless")
                .contains("demo: Maven is missing: it builds kubeorch (target/ has no packaged jar yet); "
                        + "install Maven 3.8 or newer, e.g. apt-get install maven")
                .contains("apt-get install openssh-client util-linux openssl curl");
        assertThat(checkout.resolve("target")).doesNotExist();
    }

    @Test
    void anOlderJavaIsNamedWithTheVersionFound() throws Exception {
        Path checkout = checkoutWithoutJar();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        // a java that answers -version as Java 11 does, on stderr
        Path java = Files.writeString(bin.resolve("java"),
                "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run(List.of("/bin/bash", checkout.resolve("lab/demo").toString()),
                Map.of("PATH", bin + ":/usr/local/bin:/usr/bin:/bin"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains(
                "demo: Java 17 or newer is needed, found: openjdk version \"11.0.22\" 2024-01-16 (the java on the PATH)");
    }

    @Test
    void aTakenPortIsNamedWithAFreeOneToUseInstead() throws Exception {
        Lab.requireRoot();
        Path dir = temp.resolve("demo");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Result result = run(List.of(DEMO.toString(), "--prefix", "127.0.98", "--port", Integer.toString(port),
                    "--dir", dir.toString()), Map.of());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).containsPattern(Pattern.quote("demo: port " + port + " is taken (127.0.0.1:" + port
                    + " by java, pid " + ProcessHandle.current().pid() + "); choose another: " + DEMO
                    + " --prefix 127.0.98 --dir " + dir + " --port ") + "(\\d+)\n");
            Matcher suggested = Pattern.compile(" --port (\\d+)\n").matcher(result.stderr());
            assertThat(suggested.find()).isTrue();
            try (ServerSocket free = new ServerSocket(Integer.parseInt(suggested.group(1)), 1,
                    InetAddress.getByName("127.0.0.1"))) {
                assertThat(free.getLocalPort()).isNotEqualTo(port);
            }
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void theDemoStartsKubeorchWithTheJvmOptionsTheGuideRecommends() throws IOException {
        Matcher options = Pattern.compile("(?m)^JAVA_OPTIONS=\\((.*)\\)$").matcher(Files.readString(DEMO));
        assertThat(options.find()).as("JAVA_OPTIONS in lab/demo").isTrue();

        assertThat(Files.readString(Path.of("docs/operators-guide.md")))
                .contains("`java " + options.group(1) + " -jar ...`");
    }

    /** A checkout with lab/demo and nothing built: the demo would have to build kubeorch. */
    private Path checkoutWithoutJar() throws IOException {
        Path checkout = temp.resolve("checkout");
        Files.createDirectories(checkout.resolve("lab"));
        Files.copy(DEMO, checkout.resolve("lab/demo"));
        return checkout;
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
