package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Injected faults: at SSH level (drop, down/up, hang-ssh) and as files for the stand-ins. */
class LabFaultTest {

    private static Lab lab;

    @BeforeAll
    static void up() {
        lab = Lab.start(LabOptions.builder("127.0.13", Path.of("target/lab-tests/fault")).nodes(2).build());
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.down();
        }
    }

    @AfterEach
    void clearFaults() {
        for (String node : lab.nodes()) {
            lab.fault(node, "up");
            lab.fault(node, "clear");
        }
    }

    @Test
    void dropCutsTheNextCommandOnlyAndRecordsIt() throws Exception {
        lab.fault("node01", "drop");
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            LabSsh.Result cut = ssh.run("echo dropped-probe");
            assertThat(cut.exitStatus()).isNull();
            assertThat(cut.stdout()).isEmpty();
        }
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            assertThat(ssh.run("echo fine").stdout()).isEqualTo("fine\n");
        }
        assertThat(lab.commandRecords()).filteredOn(r -> r.command().equals("echo dropped-probe"))
                .singleElement().satisfies(r -> assertThat(r.exitCode()).isEqualTo(255));
    }

    @Test
    void downRefusesConnectionsAndUpBringsTheHostBackWithItsState() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
            ssh.run("echo kept > /var/lib/state-probe");
        }
        lab.fault("master01", "down");
        assertThat(lab.status()).containsPattern("master01 +127\\.0\\.13\\.1 +\\d+ +down");
        assertThatThrownBy(() -> LabSsh.connect(lab, "master01")).isInstanceOf(ConnectException.class);
        try (LabSsh other = LabSsh.connect(lab, "node01")) {
            assertThat(other.run("true").exitStatus()).isZero();
        }
        lab.fault("master01", "up");
        assertThat(lab.status()).containsPattern("master01 +127\\.0\\.13\\.1 +\\d+ +up");
        try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
            assertThat(ssh.run("cat /var/lib/state-probe").stdout()).isEqualTo("kept\n");
        }
    }

    @Test
    void downKillsTheRunningSessionsOfTheHost() throws Exception {
        try (LabSsh ssh = LabSsh.connect(lab, "node01"); var session = ssh.client().startSession()) {
            var cmd = session.exec("sleep 30");
            lab.fault("node01", "down");
            assertThatThrownBy(() -> cmd.join(10, TimeUnit.SECONDS))
                    .hasMessageContaining("Broken transport");
            assertThat(lab.processes("node01")).extracting(LabHostProcess::commandLine)
                    .containsExactly("sleep infinity");
        }
    }

    @Test
    void aHungSshCommandCanBeAbandonedAndRunsAgainOnceCleared() throws Exception {
        lab.fault("node01", "hang-ssh");
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            long start = System.nanoTime();
            LabSsh.Result hung = ssh.run("echo hung-probe", "", Duration.ofSeconds(1));
            assertThat(hung.exitStatus()).isNull();
            assertThat(hung.stdout()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
        waitUntilNoSessionIsLeft("node01");
        lab.fault("node01", "clear", "hang-ssh");
        try (LabSsh ssh = LabSsh.connect(lab, "node01")) {
            assertThat(ssh.run("echo again").stdout()).isEqualTo("again\n");
        }
    }

    @Test
    void toolFaultsAreFilesOnTheHostForTheStandIns() {
        lab.fault("node01", "fail", "dnf-install", "2");
        lab.fault("node01", "hang", "kubeadm-init");
        assertThat(lab.exec("node01", "cat", "/var/lib/lab/faults/dnf-install").stdout()).isEqualTo("fail 2\n");
        assertThat(lab.exec("node01", "cat", "/var/lib/lab/faults/kubeadm-init").stdout()).isEqualTo("hang\n");
        assertThat(lab.exec("master01", "ls", "/var/lib/lab/faults").stdout()).isEmpty();
        lab.fault("node01", "clear", "dnf-install");
        assertThat(lab.exec("node01", "ls", "/var/lib/lab/faults").stdout()).isEqualTo("kubeadm-init\n");
    }

    private static void waitUntilNoSessionIsLeft(String node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lab.processes(node).stream().anyMatch(p -> p.commandLine().contains("lib/session"))) {
            assertThat(System.nanoTime()).as("hung session still running on " + node).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
