package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole install, step by step as the process runs it, on a 3-host lab (master01, node01,
 * node02): prepare all nodes, pull, render, preflight, init, kubeconfig, join, Calico, then poll
 * checkClusterReady until the cluster is Ready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterInstallTest {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private static LabCluster lab;
    private static final List<StepResult> joins = new java.util.ArrayList<>();

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.30", "cluster-install", options -> options.nodes(3));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void theGuidesSequenceEndsWithAReadyCluster() throws Exception {
        prepareAllNodesInParallel();

        assertThat(lab.run(new PullImages(), "master01").changed()).isTrue();
        StepResult render = lab.run(new RenderKubeadmConfig(), "master01");
        assertThat(render.facts().get("kubeadmConfig")).contains("advertiseAddress: 127.0.30.1", "name: master01",
                "podSubnet: 10.244.0.0/16");
        StepResult preflight = lab.run(new RunPreflight(), "master01");
        assertThat(preflight.facts()).containsEntry("preflightErrors", "");
        assertThat(lab.run(new InitControlPlane(), "master01").changed()).isTrue();
        assertThat(lab.run(new InstallAdminKubeconfig(), "master01").changed()).isTrue();
        StepResult notYet = lab.run(new CheckClusterReady(Duration.ofSeconds(3)), "master01");
        assertThat(notYet.facts()).containsEntry("ready", "false");

        StepResult join1 = lab.run(new JoinNode(), "node01");
        StepResult join2 = lab.run(new JoinNode(), "node02");
        joins.add(join1);
        joins.add(join2);
        assertThat(join1.changed()).isTrue();
        assertThat(join2.changed()).isTrue();
        assertThat(lab.run(new ApplyNetworkPlugin(), "master01").changed()).isTrue();

        StepResult ready = pollUntilReady();
        assertThat(ready.facts()).containsEntry("ready", "true")
                .containsEntry("nodes", "master01=Ready\nnode01=Ready\nnode02=Ready");
        assertThat(lab.exec("master01", "grep -A1 'name: CALICO_IPV4POOL_CIDR' /etc/kubernetes/kubeorch/calico.yaml"))
                .contains("value: \"10.244.0.0/16\"");
    }

    @Test
    @Order(2)
    void rerunningTheClusterStepsChangesNothing() {
        assertThat(lab.run(new PullImages(), "master01").changed()).isFalse();
        assertThat(lab.run(new RenderKubeadmConfig(), "master01").changed()).isFalse();
        assertThat(lab.run(new RunPreflight(), "master01").facts()).containsEntry("initialized", "true");
        assertThat(lab.run(new InitControlPlane(), "master01").changed()).isFalse();
        assertThat(lab.run(new InstallAdminKubeconfig(), "master01").changed()).isFalse();
        assertThat(lab.run(new JoinNode(), "node01").changed()).isFalse();
        assertThat(lab.run(new ApplyNetworkPlugin(), "master01").changed()).isFalse();
    }

    @Test
    @Order(3)
    void aJoinTokenNeverAppearsInResultsMessagesOrRecords() {
        lab.run(new ResetNode(), "node02");
        StepResult rejoin = lab.run(new JoinNode(), "node02");
        assertThat(rejoin.changed()).isTrue();
        lab.run(new ResetNode(), "node02");
        lab.fault("node02", "fail", "kubeadm-join");
        String failure = "";
        try {
            lab.run(new JoinNode(), "node02");
        } catch (StepFailedException e) {
            failure = e.getMessage();
        }
        assertThat(failure).contains("kubeadm join", "failed");

        List<String> tokens = lab.exec("master01", "kubeadm token list --kubeconfig /etc/kubernetes/admin.conf")
                .lines().map(line -> line.split("\\s+")[0])
                .filter(token -> JoinCredentials.TOKEN.matcher(token).matches()).toList();
        assertThat(tokens).as("tokens the joins created").hasSizeGreaterThanOrEqualTo(4);
        String records = lab.commandRecords();
        String logs = lab.exec("node02", "cat /var/log/kubeorch/*.log 2>&1") + lab.exec("master01", "cat /var/log/kubeorch/*.log 2>&1");
        for (String token : tokens) {
            assertThat(joins.toString()).doesNotContain(token);
            assertThat(rejoin.toString()).doesNotContain(token);
            assertThat(failure).doesNotContain(token);
            assertThat(records).doesNotContain(token);
            assertThat(logs).doesNotContain(token);
        }
    }

    private static void prepareAllNodesInParallel() throws Exception {
        prepareAllNodesInParallel(lab);
    }

    /** Runs every prepare-node step on every node, the nodes in parallel like the process does. */
    static void prepareAllNodesInParallel(LabCluster lab) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = lab.inventory().nodes().stream()
                    .map(node -> pool.submit(() -> {
                        for (NodeStep step : PrepareNodeStepsTest.prepareNodeSteps()) {
                            lab.run(step, node.name());
                        }
                    }))
                    .<Future<?>>map(future -> future).toList();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static StepResult pollUntilReady() throws InterruptedException {
        return pollUntilReady(lab, READY_WITHIN);
    }

    /** Runs checkClusterReady every 2 s until it says ready or {@code within} has passed. */
    static StepResult pollUntilReady(LabCluster lab, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        StepResult result = lab.run(new CheckClusterReady(Duration.ofSeconds(30)), "master01");
        while (!"true".equals(result.facts().get("ready")) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            result = lab.run(new CheckClusterReady(Duration.ofSeconds(30)), "master01");
        }
        return result;
    }
}
