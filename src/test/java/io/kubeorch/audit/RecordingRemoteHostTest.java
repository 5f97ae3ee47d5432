package io.kubeorch.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.kubeorch.monitoring.StepMetrics;
import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** What the command record keeps of each command, in the product's table (H2, its migrations). */
class RecordingRemoteHostTest {

    private final CommandRecords records = InMemoryCommandRecords.create();

    @Test
    void aCommandIsRecordedChangedByTheSameRuleTheStepsRead() {
        RemoteHost host = recording(answering(0, "Installing\nchanged: installed containerd\n", ""));

        host.run(RemoteCommand.script("install-containerd.sh", "true").env("CONTAINERD_VERSION", "1.6.22").build());
        recording(answering(0, "changed:no space, not a change\n  changed: indented, neither\n", "")).run(
                RemoteCommand.script("other.sh", "true").build());

        List<CommandRecord> kept = records.forInstall("install-1");
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).command()).isEqualTo("install-containerd.sh CONTAINERD_VERSION='1.6.22'");
        assertThat(kept.get(0).outcome()).isEqualTo("ok");
        assertThat(kept.get(0).changed()).isTrue();
        assertThat(kept.get(0).outputTail()).contains("changed: installed containerd");
        assertThat(kept.get(1).changed()).isFalse();
    }

    @Test
    void theOutputOfASecretOutputCommandIsNeitherKeptNorParsed() {
        String token = "abcdef.0123456789abcdef";
        RemoteHost host = recording(answering(0, "changed: minted\nkubeadm join 10.0.0.1:6443 --token " + token + "\n",
                "a warning"));

        CommandResult result = host.run(RemoteCommand.script("join-credentials.sh", "true").secretOutput().build());

        assertThat(result.stdout()).as("the step still gets its output").contains(token);
        CommandRecord kept = records.forInstall("install-1").get(0);
        assertThat(kept.outputTail()).isEqualTo(RecordingRemoteHost.WITHHELD + "\n--- stderr ---\na warning");
        assertThat(kept.changed()).isFalse();
    }

    @Test
    void aCommandThatNeverFinishedIsRecordedWithItsFailureAndMasked() {
        RemoteHost host = recording(new Answering(null) {
            @Override
            public CommandResult run(RemoteCommand command) {
                throw new SshException("node01", SshFailure.TIMEOUT, "'" + command.describe() + "' ran too long",
                        "it saw s3cret");
            }
        });

        assertThatThrownBy(() -> host.run(RemoteCommand.script("join-node.sh", "true").secretEnv("JOIN_TOKEN", "s3cret")
                .timeout(Duration.ofSeconds(1)).build())).isInstanceOf(SshException.class);

        CommandRecord kept = records.forInstall("install-1").get(0);
        assertThat(kept.outcome()).isEqualTo("timeout");
        assertThat(kept.exitCode()).isNull();
        assertThat(kept.command()).isEqualTo("join-node.sh JOIN_TOKEN=*****");
        assertThat(kept.outputTail()).doesNotContain("s3cret");
    }

    private RemoteHost recording(RemoteHost host) {
        return new RecordingRemoteHost(host, records, "install-1", "someStep", "kubeorch-test",
                StepMetrics.in(new SimpleMeterRegistry()));
    }

    private static RemoteHost answering(int exit, String stdout, String stderr) {
        return new Answering(new CommandResult(exit, stdout, stderr, Duration.ofMillis(3)));
    }

    private static class Answering implements RemoteHost {

        private final CommandResult result;

        Answering(CommandResult result) {
            this.result = result;
        }

        @Override
        public String nodeName() {
            return "node01";
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            return result;
        }

        @Override
        public void close() {
        }
    }
}
