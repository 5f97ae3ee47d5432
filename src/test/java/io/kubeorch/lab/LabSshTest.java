package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hosts of a fresh lab are reachable over SSH and behave like separate machines. */
class LabSshTest {

    private static Lab lab;

    @BeforeAll
    static void up() {
        lab = Lab.start(LabOptions.builder("127.0.11", Path.of("target/lab-tests/ssh"))
                .hostCpus("master01", 1).memoryMb(8192).build());
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.down();
        }
    }

    @Test
    void everyHostAcceptsTheLabKeyWithStrictHostKeyCheckingAgainstTheWrittenKnownHosts() throws Exception {
        assertThat(lab.nodes()).containsExactly("master01", "node01", "node02");
        for (String node : lab.nodes()) {
            try (LabSsh ssh = LabSsh.connect(lab, node)) {
                LabSsh.Result result = ssh.run("cat /var/lib/lab/node; id -un");
                assertThat(result.exitStatus()).isZero();
                assertThat(result.stdout()).isEqualTo(node + "\nroot\n");
            }
        }
    }

    @Test
    void freshHostsLookLikeOpenEuler2403WithTheCpusAndMemoryTheyWereGiven() throws Exception {
        try (LabSsh master = LabSsh.connect(lab, "master01"); LabSsh node = LabSsh.connect(lab, "node01")) {
            assertThat(master.run("cat /etc/os-release").stdout())
                    .contains("ID=\"openEuler\"").contains("VERSION_ID=\"24.03\"");
            assertThat(master.run("hostname").stdout()).isEqualTo("localhost.localdomain\n");
            assertThat(master.run("nproc").stdout()).isEqualTo("1\n");
            assertThat(node.run("nproc").stdout()).isEqualTo("2\n");
            assertThat(node.run("free -m").stdout()).containsPattern("Mem: +8192 ");
        }
    }

    @Test
    void inventoryNamesEveryHostWithItsAddressRoleAndTheLabFiles() throws Exception {
        String inventory = Files.readString(lab.inventory());
        assertThat(inventory)
                .contains("  - name: master01\n    address: 127.0.11.1\n    roles: [control-plane]")
                .contains("  - name: node02\n    address: 127.0.11.3\n    roles: [worker]")
                .contains("privateKeyFile: " + lab.privateKey())
                .contains("knownHostsFile: " + lab.knownHosts())
                .contains("manifestUrl: http://127.0.11.254:8080/calico/v3.26.1/calico.yaml");
        assertThat(Files.readAllLines(lab.knownHosts())).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches("127\\.0\\.11\\.[1-3] ssh-ed25519 \\S+"));
    }

    @Test
    void scriptOnStdinRunsWithBashAndExitCodeStdoutAndStderrPassThrough() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            LabSsh.Result result = ssh.run("bash -s", "echo out\necho err >&2\nexit 7\n", Duration.ofSeconds(20));
            assertThat(result.exitStatus()).isEqualTo(7);
            assertThat(result.stdout()).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err\n");
        }
    }

    /*
     * OpenSSH refuses SSH "signal" requests for forced-command sessions, so signals reach the
     * command when they are sent to its session process on the host (kill, a dying sshd...).
     */
    @Test
    void aSignalSentToTheSessionOnTheHostReachesTheCommandAndItsExitCodeComesBack() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "node01");
                var session = ssh.client().startSession()) {
            var cmd = session.exec("trap 'echo got TERM; exit 3' TERM; echo $PPID; sleep 20 >/dev/null 2>&1 & wait");
            var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(cmd.getInputStream()));
            String sessionPid = stdout.readLine();
            assertThat(lab.exec("node01", "kill", "-TERM", sessionPid).exitCode()).isZero();
            assertThat(stdout.readLine()).isEqualTo("got TERM");
            cmd.join(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(cmd.getExitStatus()).isEqualTo(3);
        }
    }

    @Test
    void everySshCommandIsRecordedWithNodeTimesExitCodeAndEscapedCommand() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "node02")) {
            ssh.run("printf 'a\\tb\\n'; exit 4");
        }
        List<LabCommandRecord> records = lab.commandRecords();
        assertThat(records).anySatisfy(r -> {
            assertThat(r.node()).isEqualTo("node02");
            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.command()).isEqualTo("printf 'a\\\\tb\\\\n'; exit 4");
            assertThat(r.endMs()).isGreaterThanOrEqualTo(r.startMs());
        });
    }

    @Test
    void theCommandLatencyOfTheProfileDelaysEverySshCommand() throws Exception {
        lab.latency("slow");
        try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
            ssh.run("echo latency-probe");
        } finally {
            lab.latency("none");
        }
        assertThat(lab.commandRecords())
                .filteredOn(r -> r.command().equals("echo latency-probe"))
                .singleElement()
                .satisfies(r -> assertThat(r.durationMs()).isGreaterThanOrEqualTo(200));
    }

    @Test
    void hostsHavePrivateEtcRootAndHostnameButShareTheLabDirectory() throws Exception {
        try (LabSsh master = LabSsh.connect(lab, "master01"); LabSsh node = LabSsh.connect(lab, "node01")) {
            assertThat(master.run("echo mine > /etc/lab-probe && hostname probe-host && hostname").stdout())
                    .isEqualTo("probe-host\n");
            assertThat(node.run("cat /etc/lab-probe; hostname").stdout()).isEqualTo("localhost.localdomain\n");
            assertThat(node.run("ls -A /root").stdout()).isEqualTo(".ssh\n");
            assertThat(master.run("echo shared > /var/lib/lab-shared/probe").exitStatus()).isZero();
            assertThat(node.run("cat /var/lib/lab-shared/probe").stdout()).isEqualTo("shared\n");
        }
        assertThat(Path.of("/etc/lab-probe")).doesNotExist();
        assertThat(lab.exec("master01", "cat", "/etc/lab-probe").stdout()).isEqualTo("mine\n");
    }

    @Test
    void labExecRunsAsRootInsideTheHostAndPassesTheExitCode() {
        Lab.CommandResult result = lab.exec("node02", "bash", "-c", "cat /var/lib/lab/node; exit 5");
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stdout()).isEqualTo("node02\n");
        assertThat(lab.execWithInput("node02", "from stdin", "cat").stdout()).isEqualTo("from stdin");
    }
}
