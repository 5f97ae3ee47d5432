package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The highly available cluster as an operator gets it: the inventory `lab up --control-planes 3`
 * writes, through the API and the process model (control planes joined one at a time, then
 * pointed at themselves; every worker behind its local proxy), then the first control plane lost.
 */
@InstallsOnH2
class HighAvailabilityThroughTheApiTest {

    @LocalServerPort
    int port;

    @Test
    void threeControlPlanesBehindTheEndpointSurviveLosingTheFirst() throws Exception {
        Lab.requireRoot();
        try (Lab lab = Lab.start(LabOptions.builder("127.0.108", Path.of("target", "lab-ha-api")).nodes(5)
                .controlPlanes(3).build())) {
            InstallApi api = new InstallApi(port, "admin", InstallScenarios.PASSWORD);
            String id = api.startedInstall(Files.readString(lab.inventory()));
            api.awaitState(id, InstallScenarios.INSTALL_TIMEOUT, "waiting-for-approval");
            assertThat(api.engineRest("GET", "/history/variable-instance?variableName=endpointPlan", null).body()
                    .findValuesAsText("value")).anySatisfy(plan -> assertThat(plan).contains("lab-api:6443")
                            .contains("local-proxy").contains("master03"));
            assertThat(api.approve(id, true, "three control planes").status()).isEqualTo(204);
            api.awaitState(id, InstallScenarios.INSTALL_TIMEOUT, "completed");

            assertThat(lab("cluster", lab)).contains("etcd members 3 started 3 quorum 2 ok");
            List<JsonNode> joins = api.commands(id).stream()
                    .filter(command -> command.get("step").asText().equals("joinNode")
                            && command.get("command").asText().startsWith("join-node.sh")
                            && command.get("command").asText().contains("CONTROL_PLANE='true'"))
                    .toList();
            assertThat(joins).as("control-plane joins, one at a time").hasSizeGreaterThanOrEqualTo(2);
            for (int i = 1; i < joins.size(); i++) {
                assertThat(Instant.parse(joins.get(i).get("startedAt").asText())).isAfterOrEqualTo(
                        Instant.parse(joins.get(i - 1).get("startedAt").asText())
                                .plusMillis(joins.get(i - 1).get("durationMs").asLong()));
            }
            for (String controlPlane : List.of("master02", "master03")) {
                assertThat(lab.exec(controlPlane, "grep", "lab-api", "/etc/hosts").stdout())
                        .as(controlPlane + " reaches its own API server").contains(lab.address(controlPlane));
            }

            lab.fault("master01", "down");
            try {
                assertThat(awaitNodes(lab, "node01", "/etc/kubernetes/kubelet.conf")).containsPattern("master01 +NotReady");
                assertThat(awaitNodes(lab, "master02", "/etc/kubernetes/admin.conf")).containsPattern("master01 +NotReady")
                        .containsPattern("node02 +Ready");
            } finally {
                lab.fault("master01", "up");
            }
        }
    }

    /** What {@code kubectl get nodes} says on {@code node} through the endpoint, once master01's loss shows. */
    private static String awaitNodes(Lab lab, String node, String kubeconfig) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Lab.CommandResult nodes = lab.exec(node, "kubectl", "--kubeconfig", kubeconfig, "get", "nodes", "--no-headers");
            last = nodes.output();
            if (nodes.exitCode() == 0 && nodes.stdout().matches("(?s).*master01 +NotReady.*")) {
                return nodes.stdout();
            }
            InstallApi.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("the API never answered through the endpoint on " + node + " with master01 down: " + last);
    }

    private static String lab(String command, Lab lab) {
        Lab.CommandResult result = Lab.run(List.of(command, "--dir", lab.dir().toString()), null, Duration.ofMinutes(1));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.stdout();
    }
}
