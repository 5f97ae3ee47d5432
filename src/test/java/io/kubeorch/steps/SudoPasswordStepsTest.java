package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.audit.InMemoryCommandRecords;
import io.kubeorch.audit.RecordingRemoteHost;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.monitoring.StepMetrics;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A login user whose sudo wants a password ({@code lab up --user kube --sudo-password}): the
 * inventory names the variable ({@code sudoPasswordEnv}), kubeorch's server holds the password (here
 * a system property of that name), and a whole node preparation runs through sudo, recorded as the
 * install records it. The password never reaches a command line or a record.
 */
class SudoPasswordStepsTest {

    private static final String VARIABLE = "LAB_SUDO_PASSWORD";

    private static LabCluster lab;
    private static String password;
    private static final CommandRecords records = InMemoryCommandRecords.create();

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.70", "sudo-password", options -> options.nodes(1).user("kube").sudoPassword(true));
        password = lab.sudoPassword().orElseThrow();
        System.setProperty(VARIABLE, password);
    }

    @AfterAll
    static void stopLab() {
        System.clearProperty(VARIABLE);
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aNodeIsPreparedThroughSudoWithAPasswordThatNoRecordHolds() {
        assertThat(lab.inventory().ssh().sudoPasswordEnv()).isEqualTo(VARIABLE);
        assertThat(lab.serverSideProblems()).as("the install would start").isEmpty();

        Map<String, Boolean> first = prepare("sudo-first");
        Map<String, Boolean> second = prepare("sudo-second");

        assertThat(first).as("every step changes a fresh host").doesNotContainValue(false);
        assertThat(second).as("a second run changes nothing").doesNotContainValue(true);
        assertThat(lab.exec("master01", "rpm -q kubeadm; systemctl is-active containerd")).contains("kubeadm-1.28.2-")
                .contains("active");
        List<CommandRecord> recorded = records.forInstall("sudo-first");
        assertThat(recorded).hasSize(PrepareNodeStepsTest.prepareNodeSteps().size())
                .allSatisfy(record -> assertThat(record.outcome()).isEqualTo("ok"));
        assertNowhere(password);
    }

    @Test
    void aWrongSudoPasswordStopsTheStepAsPrivilegeDeniedSayingWhatToFix() {
        System.setProperty(VARIABLE, "wrong-" + password);
        try {
            assertThatThrownBy(() -> run(new DisableFirewall(), "sudo-wrong"))
                    .isInstanceOfSatisfying(SshException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SshFailure.PRIVILEGE_DENIED);
                        assertThat(e.failure().retryable()).isFalse();
                        assertThat(e.getMessage().lines().findFirst().orElseThrow()).isEqualTo("disableFirewall on"
                                + " master01: sudo did not accept the password in " + VARIABLE + " for user 'kube'"
                                + " (before 'disable-firewall.sh')");
                        assertThat(e.fix()).contains("Set the environment variable " + VARIABLE
                                + " of the kubeorch server to the password sudo asks 'kube' for");
                        assertThat(e.getMessage()).doesNotContain(password);
                    });
        } finally {
            System.setProperty(VARIABLE, password);
        }
        assertThat(records.forInstall("sudo-wrong")).singleElement()
                .satisfies(record -> assertThat(record.outcome()).isEqualTo("privilege_denied"));
        assertNowhere(password);
        assertNowhere("wrong-" + password);
    }

    private static Map<String, Boolean> prepare(String installId) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (NodeStep step : PrepareNodeStepsTest.prepareNodeSteps()) {
            changed.put(step.name(), run(step, installId).changed());
        }
        return changed;
    }

    /** Runs the step on master01 over a connection that records its commands, as an install does. */
    private static StepResult run(NodeStep step, String installId) {
        Node node = lab.node("master01");
        try (RemoteHost host = new RecordingRemoteHost(lab.connect(node), records, installId, step.name(), "kubeorch-test",
                StepMetrics.in(new SimpleMeterRegistry()))) {
            return step.run(new StepContext(installId, lab.inventory(), node, host, lab::connect,
                    LabCluster.STEP_TIMEOUT));
        }
    }

    /** Neither the command record nor the command lines the host's sshd ran hold {@code secret}. */
    private static void assertNowhere(String secret) {
        for (String install : List.of("sudo-first", "sudo-second", "sudo-wrong")) {
            assertThat(records.forInstall(install)).allSatisfy(record -> {
                assertThat(record.command()).doesNotContain(secret);
                assertThat(record.outputTail()).doesNotContain(secret);
            });
        }
        String commandLines = lab.commandRecords();
        assertThat(commandLines).contains("sudo -S -p '' -v").doesNotContain(secret);
    }
}
