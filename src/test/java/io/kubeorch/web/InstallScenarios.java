package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An install through the REST API on lab hosts, end to end: the same scenarios on every database.
 * Each test gets fresh hosts.
 */
abstract class InstallScenarios {

    static final String PASSWORD = "install-test-password";
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    private Lab lab;

    /** A loopback prefix of its own, so the H2 and PostgreSQL classes never share hosts. */
    abstract String labPrefix();

    InstallApi api() {
        return new InstallApi(port, "admin", PASSWORD);
    }

    Lab lab(Consumer<LabOptions.Builder> options) {
        Lab.requireRoot();
        LabOptions.Builder builder = LabOptions.builder(labPrefix(), Path.of("target", "lab-" + getClass().getSimpleName()));
        options.accept(builder);
        lab = Lab.start(builder.build());
        return lab;
    }

    @AfterEach
    void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static String inventory(Lab lab) {
        try {
            return Files.readString(lab.inventory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String installedCluster(Lab lab) {
        InstallApi api = api();
        String id = api.startedInstall(inventory(lab));
        JsonNode waiting = api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");
        // on a rerun the first control plane is initialized already, and the view says so
        assertThat(waiting.get("nodes").findValuesAsText("phase").subList(1, lab.nodes().size())).containsOnly("prepared");
        assertThat(waiting.get("nodes").get(0).get("phase").asText()).isIn("prepared", "initialized");
        assertThat(api.approve(id, true, "preflight clean, go").status()).isEqualTo(204);
        api.awaitState(id, INSTALL_TIMEOUT, "completed");
        return id;
    }

    void assertClusterReady(Lab lab) {
        Lab.CommandResult nodes = lab.exec("master01", "kubectl", "get", "nodes", "--no-headers");
        assertThat(nodes.exitCode()).as(nodes.output()).isZero();
        assertThat(nodes.stdout().lines()).hasSize(lab.nodes().size())
                .allSatisfy(line -> assertThat(line.split("\\s+")[1]).isEqualTo("Ready"));
        Lab.CommandResult pods = lab.exec("master01", "kubectl", "get", "pods", "-n", "kube-system", "--no-headers");
        List<String> calico = pods.stdout().lines().filter(line -> line.startsWith("calico-")).toList();
        assertThat(calico).hasSize(lab.nodes().size() + 1)
                .allSatisfy(line -> assertThat(line).contains("Running"));
    }

    @Test
    void installsAReadyClusterAndARerunChangesNothing() {
        Lab lab = lab(options -> options.nodes(3));
        InstallApi api = api();

        String first = installedCluster(lab);
        assertClusterReady(lab);
        assertThat(api.commands(first)).anySatisfy(command -> assertThat(command.get("changed").asBoolean()).isTrue());
        JsonNode approval = api.engineRest("GET", "/history/user-operation?operationType=Complete&processInstanceId="
                + api.install(first).get("processInstanceId").asText(), null).body();
        assertThat(approval.findValuesAsText("userId")).contains("admin");

        String rerun = installedCluster(lab);
        List<JsonNode> commands = api.commands(rerun);
        assertThat(commands).isNotEmpty().allSatisfy(command ->
                assertThat(command.get("changed").asBoolean()).as(command.toString()).isFalse());
        assertClusterReady(lab);
    }

    @Test
    void aBadInventoryIsRejectedBeforeAnyHostIsTouched() {
        Lab lab = lab(options -> options.nodes(2));
        int commandsBefore = lab.commandRecords().size();
        String bad = inventory(lab).replace("podSubnet: 10.244.0.0/16", "podSubnet: 10.244.1.0/33")
                + "unexpected: field\n";

        InstallApi.Response response = api().startInstall(bad);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").findValuesAsText("field"))
                .contains("kubernetes.podSubnet", "unexpected");
        assertThat(lab.commandRecords()).hasSize(commandsBefore);
    }

    @Test
    void anUnfitControlPlaneStopsTheInstallBeforeAnyHostChanges() {
        Lab lab = lab(options -> options.nodes(2).hostCpus("master01", 1));
        InstallApi api = api();
        String id = api.startedInstall(inventory(lab));

        JsonNode stopped = api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-decision");

        assertThat(stopped.get("message").asText())
                .contains("master01").contains("the number of available CPUs 1 is less than the required 2");
        assertThat(api.commands(id)).isNotEmpty()
                .allSatisfy(command -> assertThat(command.get("changed").asBoolean()).isFalse());
        assertThat(lab.exec("master01", "systemctl", "is-active", "firewalld").stdout()).contains("active");
        assertThat(api.decide(id, "abort", "host too small").status()).isEqualTo(204);
        api.awaitState(id, Duration.ofSeconds(30), "aborted");
    }

    @Test
    void rejectingTheApprovalEndsTheInstallWithoutInit() {
        Lab lab = lab(options -> options.nodes(1));
        InstallApi api = api();
        String id = api.startedInstall(inventory(lab));
        api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");

        assertThat(api.approve(id, false, "not in this maintenance window").status()).isEqualTo(204);

        api.awaitState(id, Duration.ofSeconds(30), "rejected");
        assertThat(lab.exec("master01", "test", "-e", "/etc/kubernetes/admin.conf").exitCode()).isNotZero();
    }

    @Test
    void transientPackageFailuresAreRetriedAway() {
        Lab lab = lab(options -> options.nodes(2));
        lab.fault("node01", "fail", "dnf-install", "2");

        installedCluster(lab);

        assertClusterReady(lab);
    }

    @Test
    void aPersistentFaultBecomesAnIncidentOnItsNodeWhileTheOthersGoOn() {
        Lab lab = lab(options -> options.nodes(3));
        lab.fault("node02", "fail", "dnf-install", "1000");
        InstallApi api = api();
        String id = api.startedInstall(inventory(lab));

        JsonNode failed = api.awaitState(id, INSTALL_TIMEOUT, "failed");
        JsonNode incident = failed.get("incidents").get(0);
        assertThat(incident.get("node").asText()).isEqualTo("node02");
        assertThat(incident.get("step").asText()).isEqualTo("installContainerd");
        // the other nodes are not held back by node02
        failed = awaitNodePhases(api, id, "master01", "prepared", "node01", "prepared", "node02", "failed");
        assertThat(failed.get("nodes").findValues("step")).extracting(JsonNode::asText).contains("installContainerd");

        lab.fault("node02", "clear");
        // what Cockpit's retry of the incident does
        String failedStep = api.engineRest("GET", "/external-task?processInstanceId="
                + incident.get("processInstanceId").asText() + "&noRetriesLeft=true", null).body().get(0).get("id").asText();
        assertThat(api.engineRest("PUT", "/external-task/" + failedStep + "/retries", "{\"retries\":1}").status())
                .isEqualTo(204);

        api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");
        api.approve(id, true, "node02 repaired");
        api.awaitState(id, INSTALL_TIMEOUT, "completed");
        assertClusterReady(lab);
    }

    @Test
    void aHalfPreparedHostIsFinishedByARerun() {
        Lab lab = lab(options -> options.nodes(2));
        InstallApi api = api();
        String aborted = api.startedInstall(inventory(lab));
        awaitCommandOf(api, aborted, "installContainerd");
        String processInstance = api.install(aborted).get("processInstanceId").asText();
        cancel(api, processInstance);

        installedCluster(lab);

        assertClusterReady(lab);
    }

    /**
     * Cancels an install as an operator does in Cockpit, once: a step committing at that moment must
     * not make the operator click again (kubeorch runs such a cancel again itself).
     */
    private static void cancel(InstallApi api, String processInstance) {
        InstallApi.Response response = api.engineRest("DELETE", "/process-instance/" + processInstance
                + "?skipCustomListeners=true", null);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(204);
    }

    private static JsonNode awaitNodePhases(InstallApi api, String id, String... nodeAndPhase) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode install = api.install(id);
            boolean all = true;
            for (int i = 0; i < nodeAndPhase.length; i += 2) {
                String node = nodeAndPhase[i];
                String phase = nodeAndPhase[i + 1];
                boolean match = false;
                for (JsonNode view : install.get("nodes")) {
                    match |= view.get("name").asText().equals(node) && view.get("phase").asText().equals(phase);
                }
                all &= match;
            }
            if (all) {
                return install;
            }
            InstallApi.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("nodes never reached " + String.join(" ", nodeAndPhase) + ": " + api.install(id));
    }

    private static void awaitCommandOf(InstallApi api, String id, String step) {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (api.commands(id).stream().anyMatch(command -> command.get("step").asText().equals(step))) {
                return;
            }
            InstallApi.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no command of step " + step + " in install " + id);
    }
}
