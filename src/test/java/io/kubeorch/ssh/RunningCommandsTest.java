package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands on a real OpenSSH server, logged in as root by key. */
class RunningCommandsTest {

    @RegisterExtension
    static final SshServerPerClass sshd = new SshServerPerClass();

    private final OpenSshServer server = sshd.server();
    private final SshjConnector connector = new SshjConnector(new PasswordSource());
    private RemoteHost host;

    @BeforeEach
    void connect() {
        host = connector.connect(server.rootTarget());
    }

    @AfterEach
    void disconnect() {
        host.close();
    }

    @Test
    void runReturnsStdoutStderrExitStatusAndDuration() {
        CommandResult result = host.run(RemoteCommand.script("three-streams.sh",
                "echo to-stdout\necho to-stderr >&2\nexit 3").build());

        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("to-stdout\n");
        assertThat(result.stderr()).isEqualTo("to-stderr\n");
        assertThat(result.duration()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(host.nodeName()).isEqualTo("node-under-test");
    }

    @Test
    void environmentValuesArriveVerbatimAndAreNeverExecuted() {
        Path marker = server.dir.resolve("executed");
        String nasty = "it's \"quoted\"  with  spaces $(touch " + marker + ") `touch " + marker + "` ${HOME} \\ ; | &"
                + "\nsecond line\n\ttab and trailing newline\n";
        String unicode = "Grüße ✓ \u00e9";

        CommandResult result = host.run(RemoteCommand.script("echo-env.sh",
                "printf '%s' \"$NASTY\" > \"$OUT\"\nprintf '%s' \"$UNICODE\"\nprintf '[%s]' \"$EMPTY\" >&2")
                .env("NASTY", nasty).env("UNICODE", unicode).env("EMPTY", "")
                .env("OUT", server.dir.resolve("nasty.txt").toString()).build());

        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        assertThat(server.dir.resolve("nasty.txt")).content(StandardCharsets.UTF_8).isEqualTo(nasty);
        assertThat(result.stdout()).isEqualTo(unicode);
        assertThat(result.stderr()).isEqualTo("[]");
        assertThat(marker).doesNotExist();
    }

    @Test
    void invalidVariableNamesAreRefusedBeforeAnythingRuns() {
        RemoteCommand command = RemoteCommand.script("bad-name.sh", "true").env("BAD-NAME;rm", "x").build();

        assertThatThrownBy(() -> host.run(command)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BAD-NAME;rm").hasMessageContaining("not a valid shell variable name");
    }

    @Test
    void secretValueIsNeitherOnTheRemoteCommandLineNorInTheDescription() {
        String secret = "abcdef.0123456789abcdef";
        RemoteCommand command = RemoteCommand.script("join-node.sh", "ps -eo args\nsleep 0.1")
                .env("NODE_NAME", "node01").secretEnv("JOIN_TOKEN", secret).build();

        CommandResult result = host.run(command);

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdout()).contains("bash -s").doesNotContain(secret);
        assertThat(command.describe()).isEqualTo("join-node.sh NODE_NAME='node01' JOIN_TOKEN=*****");
    }

    @Test
    void commandThatOutlivesItsTimeoutIsKilledOnTheHost() {
        String sleeper = "sleep 417." + System.nanoTime() % 1000;
        RemoteCommand command = RemoteCommand.script("hangs.sh", "echo started\n" + sleeper + "\necho never")
                .timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();

        assertThatThrownBy(() -> host.run(command)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.failure()).isEqualTo(SshFailure.TIMEOUT);
            assertThat(e.getMessage()).contains("hangs.sh").contains("2 s");
        });

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(2).plus(SshjRemoteHost.CLIENT_GRACE));
        assertThat(LocalCommands.tryRun(null, "pgrep", "-f", sleeper).exit())
                .as("no process '%s' is left on the host", sleeper).isEqualTo(1);
        assertThat(host.run(RemoteCommand.script("after.sh", "echo still usable").build()).stdout())
                .isEqualTo("still usable\n");
    }

    @Test
    void commandThatIgnoresTermIsKilledAfterTheGracePeriod() {
        String sleeper = "sleep 418." + System.nanoTime() % 1000;
        RemoteCommand command = RemoteCommand.script("stubborn.sh", "trap '' TERM\n" + sleeper)
                .timeout(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> host.run(command)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.failure()).isEqualTo(SshFailure.TIMEOUT));

        assertThat(LocalCommands.tryRun(null, "pgrep", "-f", sleeper).exit()).isEqualTo(1);
    }

    @Test
    void scriptExitingWith124BeforeItsTimeoutIsAnOrdinaryExitStatus() {
        CommandResult result = host.run(RemoteCommand.script("exits-124.sh", "exit 124").build());

        assertThat(result.exitStatus()).isEqualTo(124);
    }

    @Test
    void commandReadingStandardInputGetsEndOfFileNotTheRestOfTheScript() {
        CommandResult result = host.run(RemoteCommand.script("reads-stdin.sh",
                "lines=$(cat | wc -l)\necho \"read $lines lines\"\necho \"the script went on\"").build());

        assertThat(result.stdout()).isEqualTo("read 0 lines\nthe script went on\n");
    }

    @Test
    void oneConnectionServesAllCommandsOfAHost() {
        long before = server.acceptedConnections();
        String first = host.run(RemoteCommand.script("who.sh", "echo \"$SSH_CONNECTION\"").build()).stdout();
        for (int i = 0; i < 4; i++) {
            assertThat(host.run(RemoteCommand.script("who.sh", "echo \"$SSH_CONNECTION\"").build()).stdout())
                    .isEqualTo(first);
        }
        assertThat(server.acceptedConnections()).isEqualTo(before);
    }

    @Test
    void longOutputKeepsItsLast64KiB() {
        CommandResult result = host.run(RemoteCommand.script("chatty.sh",
                "for i in $(seq 1 20000); do echo \"line $i of output\"; done\necho done >&2").build());

        assertThat(result.stdout()).startsWith("[... ").contains("earlier bytes cut")
                .endsWith("line 20000 of output\n");
        assertThat(result.stdout().length()).isLessThan(OutputTail.LIMIT + 100);
        assertThat(result.stderr()).isEqualTo("done\n");
    }

    @Test
    void serverDroppingTheConnectionMidCommandIsConnectionLost() throws Exception {
        RemoteCommand command = RemoteCommand.script("long.sh", "sleep 20").timeout(Duration.ofSeconds(30)).build();
        Thread dropper = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            server.dropAllConnections();
        });
        dropper.start();
        long started = System.nanoTime();

        assertThatThrownBy(() -> host.run(command)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.failure()).isEqualTo(SshFailure.CONNECTION_LOST);
            assertThat(e.failure().retryable()).isTrue();
            assertThat(e.getMessage()).contains("long.sh").contains("connection broke");
        });
        dropper.join();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCancelledCommandIsStoppedOnTheNodeAndItsRunSaysSo() throws Exception {
        Path started = server.dir.resolve("started");
        RemoteCommand command = RemoteCommand.script("long.sh", "touch \"$STARTED\"\nsleep 300 & wait")
                .env("STARTED", started.toString()).timeout(Duration.ofMinutes(10)).build();
        CompletableFuture<CommandResult> run = CompletableFuture.supplyAsync(() -> host.run(command));
        awaitFile(started);

        long before = System.nanoTime();
        host.cancel();

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SshException.class)
                .cause().satisfies(e -> assertThat(((SshException) e).failure()).isEqualTo(SshFailure.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
        assertThat(sleepers()).as("the script's own children are gone from the node").isEmpty();
        assertThatThrownBy(() -> host.run(RemoteCommand.script("after.sh", "true").build()))
                .isInstanceOf(SshException.class).hasMessageContaining("stopped by kubeorch");
    }

    private static List<String> sleepers() throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args").start();
        return new String(ps.getInputStream().readAllBytes()).lines().filter(line -> line.equals("sleep 300")).toList();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }
}
