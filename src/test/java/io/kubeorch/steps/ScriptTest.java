package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void sendsThePreambleThenTheScriptLabelledWithItsFileName() {
        Script script = Script.load("disable-firewall.sh");
        RemoteCommand command = script.command(Duration.ofSeconds(30)).build();

        assertThat(command.label()).isEqualTo("disable-firewall.sh");
        assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(command.script()).startsWith("# shellcheck shell=bash").contains("changed() {")
                .contains("systemctl stop firewalld");
    }

    @Test
    void aStepRunsWithTheContextsTimeoutAndValuesOnlyInTheEnvironment() {
        Inventory inventory = Inventories.guideCluster();
        FakeHost host = new FakeHost("node01").answer(0, "changed: hostname set to node01\n", "");

        StepResult result = new SetHostname().run(new StepContext("i1", inventory, inventory.requireNode("node01"),
                host, node -> null, Duration.ofSeconds(42)));

        assertThat(result.changed()).isTrue();
        RemoteCommand sent = host.ran.get(0);
        assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(42));
        assertThat(sent.environment()).containsEntry("NODE_NAME", "node01");
        assertThat(sent.script()).doesNotContain("node01");
    }

    @Test
    void aChangedStepListsItsChangesAsAFact() {
        Inventory inventory = Inventories.guideCluster();
        FakeHost host = new FakeHost("node01").answer(0, "changed: a\nchanged: b\nfact: k=v\n", "");

        StepResult result = new DisableFirewall().run(new StepContext("i1", inventory, inventory.requireNode("node01"),
                host, node -> null, Duration.ofSeconds(42)));

        assertThat(result.changed()).isTrue();
        assertThat(result.facts()).containsEntry("changes", "a\nb").containsEntry("k", "v");
    }

    @Test
    void aNonZeroExitFailsTheStepWithTheTailOfItsOutputAndWhatToDo() {
        String stderr = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        FakeHost host = new FakeHost("node01").answer(1, "changed: wrote x\nfact: a=b\nprogress\n", stderr);
        Script script = Script.load("disable-swap.sh");

        assertThatThrownBy(() -> script.run("disableSwap", host, script.command(Duration.ofMinutes(1)).build()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("disableSwap failed on node01: disable-swap.sh exited with status 1.")
                .hasMessageContaining("line 40").hasMessageContaining("line 26").hasMessageNotContaining("line 25\n")
                .hasMessageContaining("progress").hasMessageNotContaining("fact: a=b")
                .hasMessageContaining("retry the step");
    }

    @Test
    void aFailureMessageMasksSecretsAndAnythingShapedLikeAToken() {
        Script script = Script.load("join-node.sh");
        RemoteCommand command = script.command(Duration.ofMinutes(1)).secretEnv("CERTIFICATE_KEY", "s3cr3t-key")
                .build();
        FakeHost host = new FakeHost("node01").answer(1, "",
                "using s3cr3t-key\ntoken abcdef.0123456789abcdef rejected\n");

        assertThatThrownBy(() -> script.run("joinNode", host, command)).isInstanceOf(StepFailedException.class)
                .hasMessageNotContaining("s3cr3t-key").hasMessageNotContaining("abcdef.0123456789abcdef")
                .hasMessageContaining("using *****").hasMessageContaining("token ***** rejected");
    }

    @Test
    void secretOutputIsNeitherParsedNorQuotedInAFailure() {
        Script script = Script.load("join-credentials.sh");
        RemoteCommand command = script.command(Duration.ofMinutes(1)).secretOutput().build();
        FakeHost failing = new FakeHost("master01").answer(1, "join: kubeadm join secret-stuff\n", "no admin.conf");

        assertThatThrownBy(() -> script.run("joinNode", failing, command)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("no admin.conf").hasMessageNotContaining("secret-stuff");
        FakeHost succeeding = new FakeHost("master01").answer(0, "fact: leaked=secret\n", "");
        assertThat(script.run("joinNode", succeeding, command).facts()).isEmpty();
    }

    @Test
    void aFailureRetryingCannotFixReachesTheCallerWithStepNodeAndWhatToFix() {
        Inventory inventory = Inventories.guideCluster();
        RemoteHost refusing = new RemoteHost() {
            @Override
            public String nodeName() {
                return "node01";
            }

            @Override
            public CommandResult run(RemoteCommand command) {
                throw new SshException("node01", SshFailure.PRIVILEGE_DENIED, "sudo -n refused to run '"
                        + command.label() + "' for user 'kube'", "Give the user passwordless sudo on the node.");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> new DisableSwap().run(new StepContext("i1", inventory, inventory.requireNode("node01"),
                refusing, node -> null, Duration.ofSeconds(42)))).isInstanceOfSatisfying(SshException.class, e -> {
                    assertThat(e.failure().retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("disableSwap on node01: sudo -n refused to run"
                            + " 'disable-swap.sh' for user 'kube'\nGive the user passwordless sudo on the node.");
                    assertThat(e.step()).isEqualTo("disableSwap");
                });
    }
}
