package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Control planes leaving a cluster on lab hosts, through the REST API, one lab for the class
 * (127.0.111, master01..master03 and node01, local-proxy endpoint): a removed control plane leaves
 * two etcd members, every proxy listing the two that remain, the API answering through the endpoint
 * and an etcd snapshot taken before; with one of the two down, removing the other is refused with
 * the reason; the three-node cluster left is then torn down, every host reset, its history kept.
 */
@ClusterOperationsOnH2
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneRemovalOnLabTest {

    static final String PREFIX = "127.0.111";
    static final Duration WITHIN = Duration.ofMinutes(4);

    static Lab lab;
    static String removal;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void startLab() {
        lab = ClassLab.start(PREFIX, ControlPlaneRemovalOnLabTest.class, options -> options.nodes(4).controlPlanes(3));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    InstallApi api() {
        return new InstallApi(port, "admin", InstallScenarios.PASSWORD);
    }

    @Test
    @Order(1)
    void threeControlPlanesAndAWorkerAreInstalled() throws Exception {
        InstallApi api = api();
        String install = api.startedInstall(Files.readString(lab.inventory()));
        api.awaitState(install, WITHIN, "waiting-for-approval");
        api.approve(install, true, "go");
        api.awaitState(install, WITHIN, "completed");
        assertThat(labCluster()).contains("etcd members 3 started 3 quorum 2 ok");
    }

    @Test
    @Order(2)
    void aRemovedControlPlaneLeavesTwoEtcdMembersAndEveryProxyListingTheOthersAfterASnapshot() {
        InstallApi api = api();
        removal = api.accepted(api.delete("/api/clusters/lab/nodes/master01"));
        api.awaitOperation(removal, WITHIN, "waiting-for-approval");
        JsonNode approvalVariables = api.engineRest("GET", "/history/variable-instance?variableName=etcdStatus"
                + "&processInstanceId=" + api.operation(removal).get("processInstanceId").asText(), null).body();
        assertThat(approvalVariables.findValuesAsText("value")).singleElement().asString()
                .contains("3 members (master01, master02, master03), 3 started")
                .contains("without master01: 2 members, 2 started, quorum 2");
        api.approveOperation(removal, true, "replacing master01's host");
        api.awaitOperation(removal, WITHIN, "completed");

        assertThat(labCluster()).contains("etcd members 2 started 2 quorum 2 ok", "etcd member master02",
                "etcd member master03").doesNotContain("etcd member master01");
        for (String config : List.of("/etc/haproxy/haproxy.cfg", "/var/lib/lab/haproxy/running.cfg")) {
            assertThat(lab.exec("node01", "cat", config).stdout()).as(config)
                    .contains("server master02 " + PREFIX + ".2:6443", "server master03 " + PREFIX + ".3:6443")
                    .doesNotContain("master01");
        }
        Lab.CommandResult throughEndpoint = lab.exec("node01", "kubectl", "--kubeconfig", "/etc/kubernetes/kubelet.conf",
                "get", "nodes", "--no-headers");
        assertThat(throughEndpoint.exitCode()).as(throughEndpoint.output()).isZero();
        assertThat(throughEndpoint.stdout()).contains("master02", "master03", "node01").doesNotContain("master01");
        assertThat(lab.exec("master02", "kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "get", "nodes")
                .exitCode()).isZero();

        String snapshot = "/var/lib/kubeorch/etcd-snapshots/etcd-" + removal + ".db";
        assertThat(List.of("master02", "master03")).as("a remaining control plane holds " + snapshot)
                .anyMatch(node -> lab.exec(node, "test", "-s", snapshot).exitCode() == 0);
        List<String> steps = api.operationCommands(removal).stream().map(command -> command.get("step").asText()).toList();
        assertThat(steps).containsSubsequence("snapshotEtcd", "drainNode", "deleteNode", "removeEtcdMember",
                "configureApiServerProxy", "resetNode");
        assertThat(lab.exec("master01", "systemctl", "is-active", "kubelet").exitCode()).isNotZero();
        assertThat(clusterFiles("master01")).isBlank();

        StepRerun again = new StepRerun(context);
        for (String step : List.of("checkEtcdQuorum", "snapshotEtcd", "drainNode", "deleteNode", "removeEtcdMember",
                "resetNode")) {
            assertThat(again.run(step, removal, "master01").changed()).as(step + " run again").isFalse();
        }
    }

    @Test
    @Order(3)
    void withOneOfTheTwoRemainingControlPlanesDownRemovingTheOtherIsRefusedWithTheReason() {
        InstallApi api = api();
        lab.fault("master03", "down");
        try {
            String refused = api.accepted(api.delete("/api/clusters/lab/nodes/master02"));
            JsonNode ended = api.awaitOperation(refused, WITHIN, "refused");
            assertThat(ended.get("message").asText()).contains("removing master02 is refused")
                    .contains("etcd would lose quorum").contains("master03 does not answer");
            assertThat(api.operationCommands(refused)).extracting(command -> command.get("step").asText())
                    .containsOnly("checkEtcdQuorum");
            assertThat(labCluster()).contains("etcd member master02", "etcd member master03");
            assertThat(lab.exec("master02", "systemctl", "is-active", "kubelet").exitCode()).isZero();
        } finally {
            lab.fault("master03", "up");
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!labCluster().contains("etcd members 2 started 2 quorum 2 ok") && System.nanoTime() < deadline) {
            InstallApi.sleep(Duration.ofSeconds(1));
        }
        assertThat(labCluster()).contains("etcd members 2 started 2 quorum 2 ok");
    }

    @Test
    @Order(4)
    void aTeardownOfTheThreeNodesLeftResetsEveryHostAndKeepsTheHistory() {
        InstallApi api = api();
        assertThat(api.get("/api/clusters/lab").body().get("nodes").findValuesAsText("name"))
                .containsExactly("master02", "master03", "node01");
        String teardown = api.accepted(api.delete("/api/clusters/lab"));
        api.awaitOperation(teardown, WITHIN, "waiting-for-approval");
        api.approveOperation(teardown, true, "decommissioned");
        api.awaitOperation(teardown, WITHIN, "completed");

        for (String node : List.of("master02", "master03", "node01")) {
            assertThat(lab.exec(node, "systemctl", "is-active", "kubelet").exitCode()).as(node + " kubelet").isNotZero();
            assertThat(clusterFiles(node)).as(node).isBlank();
        }
        assertThat(labCluster()).doesNotContain("etcd member");
        JsonNode cluster = api.get("/api/clusters/lab").body();
        assertThat(cluster.get("state").asText()).isEqualTo("removed");
        assertThat(cluster.get("operations").findValuesAsText("kind"))
                .containsExactly("teardown", "remove-node", "remove-node", "install");
        assertThat(api.operation(removal).get("state").asText()).isEqualTo("completed");
    }

    /** What kubeadm leaves of a cluster on a host it did not reset: kubeconfigs, certificates, static pods. */
    private static String clusterFiles(String node) {
        return lab.exec(node, "bash", "-c", "find /etc/kubernetes/admin.conf /etc/kubernetes/kubelet.conf"
                + " /etc/kubernetes/pki /etc/kubernetes/manifests -type f 2>/dev/null || true").stdout();
    }

    private static String labCluster() {
        Lab.CommandResult result = Lab.run(List.of("cluster", "--dir", lab.dir().toString()), null, Duration.ofMinutes(1));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.stdout();
    }
}
