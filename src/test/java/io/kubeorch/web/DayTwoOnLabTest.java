package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * A cluster's second day on lab hosts, through the REST API, one lab for the class (127.0.110,
 * master01 and node01..node04): a three-node install becomes a cluster kubeorch knows; removals
 * naming no node or an unknown one are refused untouched; two workers join, and a rerun of the
 * addition changes nothing; a worker is removed (its host reset, every step of the removal
 * unchanged when run again) and added again; pods that would not move stop a drain for a decision.
 */
@ClusterOperationsOnH2
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoOnLabTest {

    static final String PREFIX = "127.0.110";
    static final Duration WITHIN = Duration.ofMinutes(4);
    static final String TWO_WORKERS = """
            nodes:
              - name: node03
                address: %1$s.4
                roles: [worker]
              - name: node04
                address: %1$s.5
                roles: [worker]
            """.formatted(PREFIX);

    static Lab lab;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void startLab() {
        lab = ClassLab.start(PREFIX, DayTwoOnLabTest.class, options -> options.nodes(5));
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
    void aCompletedInstallBecomesAClusterKubeorchKnows() throws IOException {
        String inventory = Files.readString(lab.inventory());
        String threeNodes = inventory.substring(0, inventory.indexOf("  - name: node03"));
        InstallApi api = api();
        String install = api.startedInstall(threeNodes);
        api.awaitState(install, WITHIN, "waiting-for-approval");
        assertThat(api.approve(install, true, "go").status()).isEqualTo(204);
        api.awaitState(install, WITHIN, "completed");

        JsonNode cluster = cluster();
        assertThat(cluster.get("state").asText()).isEqualTo("active");
        assertThat(cluster.get("installedBy").asText()).isEqualTo(install);
        assertThat(cluster.get("nodes").findValuesAsText("name")).containsExactly("master01", "node01", "node02");
        assertThat(cluster.get("kubernetesVersion").asText()).isEqualTo("1.28.2");
        assertThat(cluster.get("operations").findValuesAsText("kind")).containsExactly("install");
        assertThat(api.get("/api/clusters").body().findValuesAsText("name")).contains("lab");
        JsonNode asOperation = api.operation(install);
        assertThat(asOperation.get("kind").asText()).isEqualTo("install");
        assertThat(asOperation.get("state").asText()).isEqualTo("completed");
        assertReady(3);
    }

    @Test
    @Order(2)
    void aRemovalNamingNoNodeOrAnUnknownOneAnswers400AndTouchesNothing() {
        InstallApi api = api();
        int commands = lab.commandRecords().size();

        for (String path : List.of("/api/clusters/lab/nodes", "/api/clusters/lab/nodes/")) {
            InstallApi.Response none = api.delete(path);
            assertThat(none.status()).as(path).isEqualTo(400);
            assertThat(none.body().get("message").asText()).contains("name exactly one node");
        }
        InstallApi.Response unknown = api.delete("/api/clusters/lab/nodes/node09");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("message").asText()).contains("has no node 'node09'")
                .contains("master01, node01, node02");
        InstallApi.Response last = api.delete("/api/clusters/lab/nodes/master01");
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.body().get("message").asText()).contains("the only control plane of cluster lab");
        assertThat(api.delete("/api/clusters/elsewhere/nodes/node01").status()).isEqualTo(404);
        InstallApi.Response invalid = api.addNodes("lab", "nodes: [{name: node03, address: 10.244.0.9, roles: [master]}]");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").findValuesAsText("field")).contains("nodes[0].roles[0]");

        assertThat(lab.commandRecords()).as("no host was touched").hasSize(commands);
        assertThat(cluster().get("operations").findValuesAsText("kind")).containsExactly("install");
    }

    @Test
    @Order(3)
    void twoWorkersJoinUntilFiveNodesAreReadyAndARerunOfTheAdditionChangesNothing() {
        InstallApi api = api();
        String added = approved(api.accepted(api.addNodes("lab", TWO_WORKERS)));
        assertThat(api.operation(added).get("kind").asText()).isEqualTo("add-nodes");
        assertReady(5);
        assertThat(cluster().get("nodes").findValuesAsText("name"))
                .containsExactly("master01", "node01", "node02", "node03", "node04");
        for (String node : List.of("master01", "node02")) {
            assertThat(hostsFile(node)).as(node + "'s /etc/hosts")
                    .contains(lab.address("node03") + " node03").contains(lab.address("node04") + " node04");
        }

        String rerun = approved(api.accepted(api.addNodes("lab", TWO_WORKERS)));

        List<JsonNode> commands = api.operationCommands(rerun);
        assertThat(commands).isNotEmpty().allSatisfy(command ->
                assertThat(command.get("changed").asBoolean()).as(command.toString()).isFalse());
        assertReady(5);
    }

    @Test
    @Order(4)
    void aRemovedWorkerLeavesItsHostResetAndJoinsAgain() {
        InstallApi api = api();
        assertThat(lab.exec("node04", "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT").exitCode())
                .isZero();
        assertThat(lab.exec("node04", "iptables-save").stdout()).contains(":KUBE-SERVICES", ":cali-INPUT");

        String removal = api.accepted(api.delete("/api/clusters/lab/nodes/node04"));
        JsonNode waiting = api.awaitOperation(removal, WITHIN, "waiting-for-approval");
        assertThat(waiting.get("kind").asText()).isEqualTo("remove-node");
        assertThat(waiting.get("nodes").toString()).isEqualTo("[\"node04\"]");
        assertThat(waiting.get("message").asText()).contains("Approve removing the node");
        assertThat(api.approveOperation(removal, true, "host goes back to the pool").status()).isEqualTo(204);
        api.awaitOperation(removal, WITHIN, "completed");

        assertReady(4);
        assertThat(nodes()).doesNotContain("node04");
        assertThat(lab.exec("node04", "systemctl", "is-active", "kubelet").exitCode()).as("kubelet stopped").isNotZero();
        assertThat(lab.exec("node04", "test", "-e", "/etc/kubernetes").exitCode()).as("no /etc/kubernetes").isNotZero();
        String iptables = lab.exec("node04", "iptables-save").stdout();
        assertThat(iptables).doesNotContain("KUBE-").doesNotContain("cali-").contains("-A INPUT -p tcp --dport 22 -j ACCEPT");
        StepRerun again = new StepRerun(context);
        for (String step : List.of("checkEtcdQuorum", "snapshotEtcd", "drainNode", "deleteNode", "removeEtcdMember",
                "resetNode")) {
            assertThat(again.run(step, removal, "node04").changed()).as(step + " run again").isFalse();
        }
        assertThat(cluster().get("nodes").findValuesAsText("name")).doesNotContain("node04");
        for (String node : List.of("master01", "node03")) {
            assertThat(hostsFile(node)).as(node + "'s /etc/hosts").contains(" node03").doesNotContain(" node04");
        }

        approved(api.accepted(api.addNodes("lab", TWO_WORKERS)));
        assertReady(5);
    }

    @Test
    @Order(5)
    void podsThatWouldNotMoveStopTheDrainForADecisionAndAbortingPutsTheNodeBack() {
        InstallApi api = api();
        apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: standalone
                  namespace: default
                spec:
                  nodeName: node03
                  containers:
                  - name: shell
                    image: docker.io/library/busybox:1.36
                """);
        apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: default
                  labels:
                    app: web
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: ReplicaSet
                    name: web-7d4b9c
                    uid: 2b1f
                spec:
                  nodeName: node03
                  containers:
                  - name: web
                    image: docker.io/library/nginx:1.25
                """);
        apply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                  namespace: default
                spec:
                  maxUnavailable: 0
                  selector:
                    matchLabels:
                      app: web
                """);

        String removal = api.accepted(api.delete("/api/clusters/lab/nodes/node03"));
        api.awaitOperation(removal, WITHIN, "waiting-for-approval");
        api.approveOperation(removal, true, null);
        JsonNode bare = api.awaitOperation(removal, WITHIN, "waiting-for-decision");
        assertThat(bare.get("message").asText()).contains("default/standalone: no controller would recreate it");
        assertThat(nodes()).contains("node03 Ready,SchedulingDisabled");

        assertThat(lab.exec("master01", "kubectl", "delete", "pod", "standalone", "-n", "default").exitCode()).isZero();
        assertThat(api.decideOperation(removal, "retry", "deleted the debugging pod").status()).isEqualTo(204);
        JsonNode budget = awaitMessage(api, removal, "default/web");
        assertThat(budget.get("state").asText()).isEqualTo("waiting-for-decision");
        assertThat(budget.get("message").asText()).contains("default/web: its PodDisruptionBudget allows no disruption now");

        assertThat(api.decideOperation(removal, "abort", "web cannot go down now").status()).isEqualTo(204);
        api.awaitOperation(removal, WITHIN, "aborted");
        assertThat(nodes()).contains("node03 Ready").doesNotContain("SchedulingDisabled");
        assertThat(cluster().get("nodes").findValuesAsText("name")).contains("node03");
        assertThat(lab.exec("master01", "kubectl", "get", "pods", "-n", "default", "-o", "wide").stdout())
                .containsPattern("web +1/1 +Running .* node03");
    }

    @Test
    @Order(6)
    void aNodeWhoseHostIsDownLeavesTheClusterAndAnOperatorDecidesToLeaveTheHostAsItIs() {
        InstallApi api = api();
        apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cache
                  namespace: default
                  labels:
                    app: cache
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: ReplicaSet
                    name: cache-5f6d8b
                    uid: 7c2e
                spec:
                  nodeName: node04
                  containers:
                  - name: cache
                    image: docker.io/library/redis:7.2
                """);
        lab.fault("node04", "down");

        String removal = api.accepted(api.delete("/api/clusters/lab/nodes/node04"));
        api.awaitOperation(removal, WITHIN, "waiting-for-approval");
        assertThat(api.approveOperation(removal, true, "the host died").status()).isEqualTo(204);
        JsonNode waiting = api.awaitOperation(removal, WITHIN, "waiting-for-decision");

        // the drain waited for no pod of the dead node (its kubelet never confirms one ended): its
        // controller's pod runs elsewhere, and only the host's reset is left
        assertThat(waiting.get("message").asText()).contains("node04").contains("cannot reach");
        assertThat(waiting.get("incidents")).isEmpty();
        assertThat(lab.exec("master01", "kubectl", "get", "pods", "-n", "default", "-o", "wide").stdout())
                .containsPattern("cache +1/1 +Running .* node0[1-3]");
        assertThat(nodes()).doesNotContain("node04");
        assertThat(cluster().get("nodes").findValuesAsText("name")).doesNotContain("node04");
        assertThat(hostsFile("master01")).doesNotContain(" node04");

        assertThat(api.decideOperation(removal, "skip", "the host is gone").status()).isEqualTo(204);
        api.awaitOperation(removal, WITHIN, "completed");
        assertReady(4);
    }

    private String approved(String operation) {
        InstallApi api = api();
        api.awaitOperation(operation, WITHIN, "waiting-for-approval");
        assertThat(api.approveOperation(operation, true, null).status()).isEqualTo(204);
        api.awaitOperation(operation, WITHIN, "completed");
        return operation;
    }

    private JsonNode cluster() {
        InstallApi.Response response = api().get("/api/clusters/lab");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    /** The operation once its message names {@code text} (a decision taken moves it on, then it waits again). */
    private static JsonNode awaitMessage(InstallApi api, String id, String text) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode operation = api.operation(id);
        while (!operation.path("message").asText().contains(text) && System.nanoTime() < deadline) {
            InstallApi.sleep(Duration.ofMillis(250));
            operation = api.operation(id);
        }
        return operation;
    }

    private static void apply(String manifest) {
        Lab.CommandResult applied = lab.execWithInput("master01", manifest, "kubectl", "apply", "-f", "/dev/stdin");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

    /** {@code kubectl get nodes} on master01, a "NAME STATUS" line each. */
    private static String nodes() {
        Lab.CommandResult nodes = lab.exec("master01", "kubectl", "get", "nodes", "--no-headers");
        assertThat(nodes.exitCode()).as(nodes.output()).isZero();
        return String.join("\n", nodes.stdout().lines().map(line -> line.split("\\s+")[0] + " " + line.split("\\s+")[1])
                .toList());
    }

    private static void assertReady(int count) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String nodes = nodes();
        while (!(nodes.lines().count() == count && nodes.lines().allMatch(line -> line.endsWith(" Ready")))
                && System.nanoTime() < deadline) {
            InstallApi.sleep(Duration.ofSeconds(1));
            nodes = nodes();
        }
        assertThat(nodes.lines()).as(nodes).hasSize(count).allSatisfy(line -> assertThat(line).endsWith(" Ready"));
    }

    private static String hostsFile(String node) {
        return lab.exec(node, "cat", "/etc/hosts").stdout();
    }
}
