package io.kubeorch.steps;

import static io.kubeorch.steps.JoinCredentialsTest.HASH;
import static io.kubeorch.steps.JoinCredentialsTest.JOIN;
import static io.kubeorch.steps.JoinCredentialsTest.KEY;
import static io.kubeorch.steps.JoinCredentialsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.ssh.RemoteCommand;
import org.junit.jupiter.api.Test;

class JoinNodeTest {

    private final Inventory inventory = Inventories.guideCluster(Inventories.localProxy("guide-api"),
            Inventories.master("master01", "192.168.1.1"), Inventories.master("master02", "192.168.1.4"),
            Inventories.master("master03", "192.168.1.5"), Inventories.worker("node01", "192.168.1.2"));
    private final FakeHost first = new FakeHost("master01");
    private final FakeHost second = new FakeHost("master02");
    private final FakeHost third = new FakeHost("master03");

    private StepContext context(String node, FakeHost host) {
        return new StepContext("i1", inventory, inventory.requireNode(node), host, n -> switch (n.name()) {
            case "master01" -> first;
            case "master02" -> second;
            case "master03" -> third;
            default -> throw new AssertionError("credentials from " + n.name());
        }, Duration.ofMinutes(3));
    }

    @Test
    void aNodeThatHasJoinedIsUnchangedAndNoTokenIsCreated() {
        FakeHost node = new FakeHost("node01").answer(0, "fact: joined=already\n", "");

        StepResult result = new JoinNode().run(context("node01", node));

        assertThat(result.changed()).isFalse();
        assertThat(first.ran).isEmpty();
    }

    @Test
    void aWorkerJoinsWithATokenFetchedAsSecretOutputAndPassedAsSecretEnvironment() {
        first.answer(0, JOIN, "");
        FakeHost node = new FakeHost("node01").answer(0, "fact: joined=no\n", "")
                .answer(0, "changed: joined the cluster at 172.16.1.70:6443\nfact: joined=now\n", "");

        StepResult result = new JoinNode().run(context("node01", node));

        assertThat(result.changed()).isTrue();
        assertThat(result.toString()).doesNotContain(TOKEN);
        assertThat(first.ran).singleElement().satisfies(c -> {
            assertThat(c.secretOutput()).isTrue();
            assertThat(c.environment()).containsEntry("CONTROL_PLANE", "false");
        });
        assertThat(first.closed).isTrue();
        RemoteCommand join = node.ran.get(1);
        assertThat(join.secretNames()).containsExactly("JOIN_TOKEN");
        assertThat(join.environment()).containsEntry("JOIN_TOKEN", TOKEN).containsEntry("JOIN_CA_CERT_HASH", HASH)
                .containsEntry("JOIN_ENDPOINT", "172.16.1.70:6443").containsEntry("NODE_NAME", "node01");
        assertThat(join.describe()).doesNotContain(TOKEN);
        assertThat(join.script()).doesNotContain(TOKEN);
    }

    @Test
    void aControlPlaneAlsoGetsTheCertificateKeyAsSecretEnvironment() {
        first.answer(0, JOIN + "certificateKey: " + KEY + "\n", "");
        FakeHost node = new FakeHost("master02").answer(0, "fact: joined=no\n", "")
                .answer(0, "changed: joined\n", "");

        new JoinNode().run(context("master02", node));

        assertThat(first.ran.get(0).environment()).containsEntry("CONTROL_PLANE", "true");
        RemoteCommand join = node.ran.get(1);
        assertThat(join.secretNames()).containsExactlyInAnyOrder("JOIN_TOKEN", "CERTIFICATE_KEY");
        assertThat(join.environment()).containsEntry("CERTIFICATE_KEY", KEY).containsEntry("CONTROL_PLANE", "true")
                .containsEntry("NODE_ADDRESS", "192.168.1.4");
    }

    @Test
    void aFailedJoinNeverQuotesTheTokenOrKey() {
        first.answer(0, JOIN + "certificateKey: " + KEY + "\n", "");
        FakeHost node = new FakeHost("master02").answer(0, "fact: joined=no\n", "")
                .answer(1, "", "kubeadm join --token " + TOKEN + " --certificate-key " + KEY + "\nerror: timed out\n");

        assertThatThrownBy(() -> new JoinNode().run(context("master02", node)))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("timed out")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining(KEY);
    }

    @Test
    void aControlPlaneJoinsWithCredentialsFromAnotherControlPlaneWhenTheFirstCannotMintThem() {
        first.answer(1, JOIN, "couldn't create a Kubernetes client: connection refused");
        third.answer(0, JOIN + "certificateKey: " + KEY + "\n", "");
        FakeHost node = new FakeHost("master02").answer(0, "fact: joined=no\n", "").answer(0, "changed: joined\n", "");

        StepResult result = new JoinNode().run(context("master02", node));

        assertThat(result.facts()).containsEntry("credentialsFrom", "master03");
        assertThat(node.ran.get(1).environment()).containsEntry("CERTIFICATE_KEY", KEY);
    }

    @Test
    void whenNoControlPlaneCanMintCredentialsTheFailureSaysWhereAndQuotesNoSecretOutput() {
        first.answer(1, JOIN, "failed to load admin kubeconfig");
        second.answer(1, JOIN, "admin.conf does not exist");
        third.answer(1, JOIN, "admin.conf does not exist");
        FakeHost node = new FakeHost("node01").answer(0, "fact: joined=no\n", "");

        assertThatThrownBy(() -> new JoinNode().run(context("node01", node)))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("master01").hasMessageContaining("master03")
                .hasMessageContaining("failed to load admin kubeconfig").hasMessageNotContaining(TOKEN);
    }
}
