package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.Inventory.Role;
import org.junit.jupiter.api.Test;

/** Whether removing a control plane keeps etcd's quorum, from what etcdctl reported. */
class EtcdQuorumTest {

    static final Node MASTER01 = new Node("master01", "10.0.0.1", List.of(Role.CONTROL_PLANE));
    static final Node MASTER02 = new Node("master02", "10.0.0.2", List.of(Role.CONTROL_PLANE));
    static final Node MASTER03 = new Node("master03", "10.0.0.3", List.of(Role.CONTROL_PLANE));
    static final List<Node> ALL = List.of(MASTER01, MASTER02, MASTER03);
    static final String THREE = """
            8e9e05c52164694d, started, master01, https://10.0.0.1:2380, https://10.0.0.1:2379, false
            91bc3c398fb3c146, started, master02, https://10.0.0.2:2380, https://10.0.0.2:2379, false
            fd422379fda50e48, started, master03, https://10.0.0.3:2380, https://10.0.0.3:2379, false""";
    static final String TWO = """
            91bc3c398fb3c146, started, master02, https://10.0.0.2:2380, https://10.0.0.2:2379, false
            fd422379fda50e48, started, master03, https://10.0.0.3:2380, https://10.0.0.3:2379, false""";

    @Test
    void threeRunningMembersLoseOneSafely() {
        EtcdQuorum.Verdict verdict = EtcdQuorum.of(THREE, "10.0.0.1 10.0.0.2 10.0.0.3", null).afterRemoving(MASTER01, ALL);

        assertThat(verdict.safe()).isTrue();
        assertThat(verdict.status()).contains("3 members (master01, master02, master03), 3 started")
                .contains("without master01: 2 members, 2 started, quorum 2");
    }

    @Test
    void withOneOfThreeDownOnlyTheDownOneMayGo() {
        EtcdQuorum quorum = EtcdQuorum.of(THREE, "10.0.0.1 10.0.0.2", null);

        assertThat(quorum.afterRemoving(MASTER03, ALL).safe()).as("the one that is down").isTrue();
        EtcdQuorum.Verdict running = quorum.afterRemoving(MASTER02, ALL);
        assertThat(running.safe()).isFalse();
        assertThat(running.status()).contains("etcd would lose quorum").contains("master03 is not running")
                .contains("Bring master03 back up first");
    }

    @Test
    void withoutQuorumNothingMayGoAndTheDownMembersAreNamed() {
        EtcdQuorum.Verdict verdict = EtcdQuorum.of("", "10.0.0.2", "Error: context deadline exceeded")
                .afterRemoving(MASTER02, List.of(MASTER02, MASTER03));

        assertThat(verdict.safe()).isFalse();
        assertThat(verdict.status()).contains("etcd would lose quorum for good: it has none now")
                .contains("master03 does not answer")
                .contains("bring master03 back up first");
    }

    @Test
    void aNodeThatIsNoMemberAnyMoreLeavesEtcdAsItIs() {
        assertThat(EtcdQuorum.of(TWO, "10.0.0.2 10.0.0.3", null).afterRemoving(MASTER01, ALL))
                .satisfies(verdict -> {
                    assertThat(verdict.safe()).isTrue();
                    assertThat(verdict.status()).contains("master01 is no member");
                });
    }

    @Test
    void theOnlyMemberNeverGoes() {
        String one = "8e9e05c52164694d, started, master01, https://10.0.0.1:2380, https://10.0.0.1:2379, false";
        assertThat(EtcdQuorum.of(one, "10.0.0.1", null).afterRemoving(MASTER01, List.of(MASTER01)).safe()).isFalse();
    }
}
