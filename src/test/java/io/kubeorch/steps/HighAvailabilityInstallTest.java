package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three control planes and two workers in local-proxy mode, the inventory exactly as
 * {@code lab up --control-planes 3} writes it, installed by calling the steps in the order the
 * process runs them: the endpoint name on every node, init with the endpoint and uploaded
 * certificates, the control planes joining one at a time (the last one failing once and retried
 * after the uploaded certificates expired), the proxies, the workers. Then the first control plane
 * goes down: the API still answers through the endpoint from a worker and from another control
 * plane.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HighAvailabilityInstallTest {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final List<String> NODES = List.of("master01", "master02", "master03", "node01", "node02");

    private static LabCluster lab;
    private static final List<StepResult> results = new ArrayList<>();
    private static final List<String> failures = new ArrayList<>();
    /** Secrets this test minted itself (by hand, to see the stale key refused): not the steps'. */
    private static final List<String> ownSecrets = new ArrayList<>();

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.34", "ha-install", options -> options.nodes(5).controlPlanes(3));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static StepResult run(NodeStep step, String node) {
        StepResult result = lab.run(step, node);
        results.add(result);
        return result;
    }

    @Test
    @Order(1)
    void threeControlPlanesJoinOneAtATimeAndEveryNodeEndsReady() throws Exception {
        assertThat(lab.inventory().endpoint().orElseThrow().hostPort()).isEqualTo("lab-api:6443");
        ClusterInstallTest.prepareAllNodesInParallel(lab);
        for (String node : NODES) {
            run(new ResolveControlPlaneEndpoint(), node);
        }
        assertThat(lab.exec("node01", "getent hosts lab-api")).startsWith("127.0.0.1");
        assertThat(lab.exec("master02", "getent hosts lab-api")).as("nothing answers yet: itself").startsWith("127.0.34.2");

        run(new PullImages(), "master01");
        assertThat(run(new RenderKubeadmConfig(), "master01").facts().get("kubeadmConfig"))
                .contains("controlPlaneEndpoint: lab-api:6443");
        assertThat(run(new RunPreflight(), "master01").facts()).containsEntry("preflightErrors", "");
        assertThat(run(new InitControlPlane(), "master01").changed()).isTrue();
        run(new InstallAdminKubeconfig(), "master01");

        assertThat(run(new ResolveControlPlaneEndpoint(), "master02").facts()).containsEntry("endpointAddress", "127.0.34.1");
        assertThat(run(new JoinNode(), "master02").changed()).isTrue();
        assertThat(run(new ResolveControlPlaneEndpoint(), "master02").facts()).containsEntry("endpointAddress", "127.0.34.2");

        assertThat(run(new ResolveControlPlaneEndpoint(), "master03").facts()).containsEntry("endpointAddress", "127.0.34.1");
        lab.fault("master03", "fail", "kubeadm-join");
        assertThatThrownBy(() -> lab.run(new JoinNode(), "master03")).isInstanceOfSatisfying(StepFailedException.class,
                e -> failures.add(e.getMessage()));
        String staleKey = lab.exec("master01",
                "kubeadm init phase upload-certs --upload-certs --kubeconfig /etc/kubernetes/admin.conf | tail -n1").strip();
        String joinCommand = lab.exec("master01", "kubeadm token create --print-join-command --kubeconfig /etc/kubernetes/admin.conf").strip();
        ownSecrets.add(staleKey);
        java.util.regex.Matcher token = JoinCredentials.TOKEN.matcher(joinCommand);
        assertThat(token.find()).isTrue();
        ownSecrets.add(token.group());
        lab.lab("clock", "advance", "7201");
        assertThat(lab.exec("master03", joinCommand + " --control-plane --certificate-key " + staleKey + " 2>&1"))
                .as("the real message once the uploaded certificates expired")
                .contains("Secret \"kubeadm-certs\" was not found", "This Secret might have expired");
        assertThat(run(new JoinNode(), "master03").changed()).as("the retry uploads them again").isTrue();
        assertThat(run(new ResolveControlPlaneEndpoint(), "master03").facts()).containsEntry("endpointAddress", "127.0.34.3");

        for (String worker : List.of("node01", "node02")) {
            assertThat(run(new ConfigureApiServerProxy(), worker).changed()).isTrue();
            assertThat(run(new JoinNode(), worker).changed()).isTrue();
        }
        assertThat(lab.exec("node01", "cat /etc/haproxy/haproxy.cfg")).contains("bind 127.0.0.1:6443",
                "server master01 127.0.34.1:6443", "server master02 127.0.34.2:6443", "server master03 127.0.34.3:6443");
        assertThat(run(new ApplyNetworkPlugin(), "master01").changed()).isTrue();

        StepResult ready = ClusterInstallTest.pollUntilReady(lab, READY_WITHIN);
        assertThat(ready.facts()).containsEntry("ready", "true").containsEntry("nodes",
                "master01=Ready\nmaster02=Ready\nmaster03=Ready\nnode01=Ready\nnode02=Ready");
        assertThat(lab.lab("cluster")).contains("endpoint lab-api:6443", "etcd members 3 started 3 quorum 2 ok");
        assertThat(lab.exec("master01", "kubectl get pods -n kube-system --no-headers | grep calico-node"))
                .doesNotContain("0/1").contains("Running");
    }

    @Test
    @Order(2)
    void rerunningEveryStepChangesNothing() {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (String node : NODES) {
            for (NodeStep step : PrepareNodeStepsTest.prepareNodeSteps()) {
                changed.put(step.name() + "@" + node, lab.run(step, node).changed());
            }
            changed.put("resolveControlPlaneEndpoint@" + node, run(new ResolveControlPlaneEndpoint(), node).changed());
            changed.put("configureApiServerProxy@" + node, run(new ConfigureApiServerProxy(), node).changed());
            if (!node.equals("master01")) {
                changed.put("joinNode@" + node, run(new JoinNode(), node).changed());
            }
        }
        for (NodeStep step : List.of(new PullImages(), new RenderKubeadmConfig(), new InitControlPlane(),
                new InstallAdminKubeconfig(), new ApplyNetworkPlugin())) {
            changed.put(step.name() + "@master01", run(step, "master01").changed());
        }

        assertThat(changed).doesNotContainValue(true);
    }

    @Test
    @Order(3)
    void withTheFirstControlPlaneDownTheApiAnswersThroughTheEndpointFromAWorkerAndAControlPlane() throws Exception {
        lab.fault("master01", "down");
        try {
            String fromWorker = poll("node01", "kubectl --kubeconfig /etc/kubernetes/kubelet.conf get nodes --no-headers",
                    "master01 +NotReady");
            String fromControlPlane = poll("master02",
                    "kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes --no-headers", "master01 +NotReady");
            for (String nodes : List.of(fromWorker, fromControlPlane)) {
                assertThat(nodes).containsPattern("master01 +NotReady").containsPattern("master02 +Ready")
                        .containsPattern("master03 +Ready").containsPattern("node01 +Ready").containsPattern("node02 +Ready");
            }
            assertThat(lab.lab("cluster")).contains("etcd members 3 started 2 quorum 2 ok");
        } finally {
            lab.fault("master01", "up");
        }
        StepResult ready = ClusterInstallTest.pollUntilReady(lab, READY_WITHIN);
        assertThat(ready.facts()).containsEntry("ready", "true");
    }

    @Test
    @Order(4)
    void joinTokensAndCertificateKeysNeverAppearInResultsMessagesOrRecords() {
        List<String> secrets = new ArrayList<>(lab.exec("master01",
                "kubeadm token list --kubeconfig /etc/kubernetes/admin.conf").lines().map(line -> line.split("\\s+")[0])
                .filter(token -> JoinCredentials.TOKEN.matcher(token).matches()).toList());
        assertThat(secrets).as("tokens the joins created").hasSizeGreaterThanOrEqualTo(5);
        String key = lab.exec("master01", "sed -n 's/^CERT_KEY=//p' /var/lib/lab-shared/clusters/cluster-*/cluster.env").strip();
        assertThat(key).matches("[a-f0-9]{64}");
        secrets.add(key);
        secrets.removeAll(ownSecrets);
        String records = lab.commandRecords();
        // what the stand-ins were run with: a command line is visible to every user (ps, audit logs)
        String commandLines = lab.exec("master01", "cat /var/lib/lab-shared/records/tools.tsv");
        for (String secret : secrets) {
            assertThat(results.toString()).doesNotContain(secret);
            assertThat(failures.toString()).doesNotContain(secret);
            assertThat(records).doesNotContain(secret);
            assertThat(commandLines).doesNotContain(secret);
        }
        assertThat(lab.exec("master03", "ls /etc/kubernetes/kubeorch/ 2>&1")).as("the join configuration is removed")
                .doesNotContain("kubeadm-join.yaml");
    }

    @Test
    @Order(5)
    void aChangedListOfControlPlanesRestartsTheProxyAndTheSameListDoesNot() {
        io.kubeorch.inventory.Inventory all = lab.inventory();
        io.kubeorch.inventory.Inventory withoutMaster03 = new io.kubeorch.inventory.Inventory(all.name(),
                all.kubernetes(), all.controlPlaneEndpoint(), all.containerd(), all.repositories(), all.network(),
                all.ssh(), all.nodes().stream().filter(node -> !node.name().equals("master03")).toList());
        String startedBefore = lab.exec("node02", "cat /var/lib/lab/units/active/haproxy.service");

        assertThat(lab.run(new ConfigureApiServerProxy(), "node02", withoutMaster03).changed()).isTrue();
        assertThat(lab.exec("node02", "cat /var/lib/lab/haproxy/running.cfg")).as("the configuration haproxy runs with")
                .contains("server master02 127.0.34.2:6443").doesNotContain("master03");
        assertThat(lab.run(new ConfigureApiServerProxy(), "node02", withoutMaster03).changed()).isFalse();
        assertThat(lab.run(new ConfigureApiServerProxy(), "node02").changed()).as("master03 back").isTrue();
        assertThat(lab.exec("node02", "cat /var/lib/lab/haproxy/running.cfg")).contains("server master03 127.0.34.3:6443");
        assertThat(startedBefore).isNotBlank();
    }

    /** Runs COMMAND on NODE every second until its output matches PATTERN (30 s at most). */
    static String poll(String node, String command, String pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String output = lab.exec(node, command + " 2>&1");
        while (!java.util.regex.Pattern.compile(pattern).matcher(output).find() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            output = lab.exec(node, command + " 2>&1");
        }
        return output;
    }
}
