package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.ssh.RemoteCommand;
import org.junit.jupiter.api.Test;

/** What the endpoint steps pass to their scripts, and where they do nothing at all. */
class ControlPlaneEndpointStepsTest {

    private static final Inventory LOCAL_PROXY = Inventories.guideCluster(Inventories.localProxy("guide-api"),
            Inventories.master("master01", "10.0.0.1"), Inventories.master("master02", "10.0.0.2"),
            Inventories.master("master03", "10.0.0.3"), Inventories.worker("node01", "10.0.0.11"));
    private static final Inventory KUBE_VIP = Inventories.guideCluster(Inventories.kubeVip("guide-api", "10.0.0.100"),
            Inventories.master("master01", "10.0.0.1"), Inventories.worker("node01", "10.0.0.11"));

    private static RemoteCommand ranOn(NodeStep step, Inventory inventory, String node) {
        FakeHost host = new FakeHost(node).answer(0, "", "");
        step.run(new StepContext("i1", inventory, inventory.requireNode(node), host, n -> {
            throw new AssertionError("no other node");
        }, Duration.ofMinutes(1)));
        return host.ran.get(0);
    }

    @Test
    void aWorkerInLocalProxyModeResolvesTheNameToItsOwnProxy() {
        assertThat(ranOn(new ResolveControlPlaneEndpoint(), LOCAL_PROXY, "node01").environment())
                .containsEntry("ENDPOINT_NAME", "guide-api").containsEntry("ENDPOINT_ADDRESS", "127.0.0.1")
                .doesNotContainKey("PROBE");
    }

    @Test
    void aControlPlaneInLocalProxyModeProbesItselfThenTheOtherControlPlanes() {
        assertThat(ranOn(new ResolveControlPlaneEndpoint(), LOCAL_PROXY, "master02").environment())
                .containsEntry("PROBE", "true").containsEntry("NODE_ADDRESS", "10.0.0.2")
                .containsEntry("PEER_ADDRESSES", "10.0.0.1 10.0.0.3");
    }

    @Test
    void everyNodeResolvesTheNameToTheVipInKubeVipMode() {
        assertThat(ranOn(new ResolveControlPlaneEndpoint(), KUBE_VIP, "master01").environment())
                .containsEntry("ENDPOINT_ADDRESS", "10.0.0.100").doesNotContainKey("PROBE");
    }

    @Test
    void withoutAnEndpointNothingRuns() {
        FakeHost host = new FakeHost("master01");
        Inventory single = Inventories.guideCluster();

        StepResult result = new ResolveControlPlaneEndpoint().run(new StepContext("i1", single,
                single.firstControlPlane(), host, n -> host, Duration.ofMinutes(1)));

        assertThat(result.changed()).isFalse();
        assertThat(host.ran).isEmpty();
    }

    @Test
    void theProxyBalancesOverEveryControlPlaneWithHealthChecks() {
        String config = ConfigureApiServerProxy.render(LOCAL_PROXY);

        assertThat(config).contains("bind 127.0.0.1:6443\n", "option httpchk GET /healthz\n",
                "default-server inter 2s fall 2 rise 2 check check-ssl verify none\n",
                "server master01 10.0.0.1:6443\n", "server master02 10.0.0.2:6443\n", "server master03 10.0.0.3:6443\n",
                "option redispatch\n");
        assertThat(ranOn(new ConfigureApiServerProxy(), LOCAL_PROXY, "node01").environment())
                .containsEntry("PROXY_CONFIG", config);
    }

    @Test
    void controlPlanesAndOtherModesGetNoProxy() {
        for (var target : new Object[][] {{LOCAL_PROXY, "master01"}, {KUBE_VIP, "node01"}}) {
            FakeHost host = new FakeHost((String) target[1]);
            Inventory inventory = (Inventory) target[0];
            StepResult result = new ConfigureApiServerProxy().run(new StepContext("i1", inventory,
                    inventory.requireNode((String) target[1]), host, n -> host, Duration.ofMinutes(1)));
            assertThat(result.facts()).containsEntry("apiServerProxy", "not used on this node");
            assertThat(host.ran).isEmpty();
        }
    }

    @Test
    void kubeVipRunsWithItsDefaultTimingsAdminConfAndThePinnedImage() {
        String manifest = WriteKubeVipManifest.render(KUBE_VIP);

        assertThat(manifest).contains("image: registry.cn-hangzhou.aliyuncs.com/google_containers/kube-vip:v0.8.9\n",
                "- name: address\n      value: \"10.0.0.100\"\n", "- name: vip_leaseduration\n      value: \"5\"\n",
                "- name: vip_renewdeadline\n      value: \"3\"\n", "- name: vip_retryperiod\n      value: \"1\"\n",
                "path: /etc/kubernetes/admin.conf\n", "- kubernetes\n    ip: 127.0.0.1\n");
        assertThat(manifest).doesNotContain("vip_interface");
    }
}
