package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import io.kubeorch.testing.KubeorchProcess;
import io.kubeorch.testing.PostgresServer;
import io.kubeorch.web.InstallApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The execution core against what breaks installs: kubeorch as the packaged jar, killed with
 * SIGKILL; two instances on one real PostgreSQL server; the database server stopped under a
 * running install. The lab's {@code durability} latency profile makes every package install last
 * 25 s, so a step is on the hosts when the blow falls, and outlasts three 8-second locks.
 */
class DurableExecutionIT {

    private static final String PASSWORD = "durable-admin-password";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(6);
    private static final Path DIR = Path.of("target", "durable-it").toAbsolutePath();
    /** Steps that run as a package install: 25 s each under the durability profile. */
    private static final String CONTAINERD = "installContainerd";
    private static final String KUBERNETES_PACKAGES = "installKubernetesPackages";

    private static PostgresServer postgres;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startDatabaseServer() throws Exception {
        Lab.requireRoot();
        Files.createDirectories(DIR);
        postgres = PostgresServer.start(DIR.resolve("postgres"));
    }

    @AfterAll
    static void stopDatabaseServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aKilledInstanceResumesAtOnceWhenStartedAgainAndRunsNoFinishedStepTwice() throws Exception {
        String database = postgres.createDatabase("crash");
        try (Lab lab = lab("127.0.105", "crash")) {
            KubeorchProcess.Builder instance = kubeorch("crash-a", "kubeorch-a", database);
            String id;
            Instant killedAt;
            try (KubeorchProcess kubeorch = instance.start()) {
                InstallApi api = api(kubeorch);
                id = api.startedInstall(Files.readString(lab.inventory()));
                awaitEveryNodeAt(api, id, CONTAINERD, lab.nodes().size());
                InstallApi.sleep(Duration.ofSeconds(3)); // the package installs are on the hosts now

                killedAt = Instant.now();
                kubeorch.kill();
            }
            try (KubeorchProcess restarted = instance.start()) {
                Instant answering = Instant.now();
                InstallApi api = api(restarted);
                approveAndAwaitCompleted(api, id);

                List<JsonNode> commands = api.commands(id);
                Instant resumed = firstStartAfter(commands, killedAt);
                System.out.printf("restart answered %d ms after the kill; the first command ran %d ms after it answered%n",
                        Duration.between(killedAt, answering).toMillis(), Duration.between(answering, resumed).toMillis());
                assertThat(Duration.between(answering, resumed)).as("resumed after the restart answered")
                        .isLessThan(Duration.ofSeconds(30));
                for (String node : lab.nodes()) {
                    assertThat(runs(commands, node, CONTAINERD, killedAt, true)).as(node + ": killed in flight").isZero();
                    assertThat(runs(commands, node, CONTAINERD, killedAt, false)).as(node + ": ran once more").isEqualTo(1);
                }
                finishedBeforeTheKill(commands, killedAt).forEach(step -> assertThat(
                        runs(commands, step.node(), step.step(), killedAt, false)).as(step + " ran again").isZero());
                assertThat(commands).extracting(command -> command.get("engineInstance").asText()).containsOnly("kubeorch-a");
            }
            assertClusterReady(lab);
        }
    }

    @Test
    void twoInstancesShareAnInstallAndTheSurvivorTakesOverTheStepsOfTheOneKilled() throws Exception {
        String database = postgres.createDatabase("pair");
        try (Lab lab = lab("127.0.106", "pair");
                // two steps at once per instance, so that both instances get steps of one 3-node install
                KubeorchProcess a = kubeorch("pair-a", "kubeorch-a", database, 2).start();
                KubeorchProcess b = kubeorch("pair-b", "kubeorch-b", database, 2).start()) {
            InstallApi api = api(a);
            String id = api.startedInstall(Files.readString(lab.inventory()));
            awaitEveryNodeAt(api, id, KUBERNETES_PACKAGES, lab.nodes().size());
            InstallApi.sleep(Duration.ofSeconds(3));

            Map<String, String> holders = holders(api, KUBERNETES_PACKAGES);
            String victim = holders.containsValue("kubeorch-a") ? "kubeorch-a" : "kubeorch-b";
            KubeorchProcess dying = victim.equals("kubeorch-a") ? a : b;
            KubeorchProcess survivor = dying == a ? b : a;
            Instant killedAt = Instant.now();
            dying.kill();

            InstallApi surviving = api(survivor);
            approveAndAwaitCompleted(surviving, id);

            List<JsonNode> commands = surviving.commands(id);
            assertThat(commands).extracting(command -> command.get("engineInstance").asText())
                    .contains("kubeorch-a", "kubeorch-b");
            for (String node : lab.nodes()) {
                // 25 s, three times the lock duration, with both instances alive: exactly once
                assertThat(runs(commands, node, CONTAINERD, Instant.MIN, false)).as(node + " " + CONTAINERD).isEqualTo(1);
            }
            List<String> takenOver = holders.entrySet().stream().filter(held -> held.getValue().equals(victim))
                    .map(Map.Entry::getKey).toList();
            assertThat(takenOver).isNotEmpty();
            for (String node : takenOver) {
                List<JsonNode> after = records(commands, node, KUBERNETES_PACKAGES).stream()
                        .filter(command -> startedAt(command).isAfter(killedAt)).toList();
                assertThat(after).as(node + ": taken over once").hasSize(1);
                Duration takeover = Duration.between(killedAt, startedAt(after.get(0)));
                System.out.printf("%s's %s taken over %d ms after %s was killed%n", node, KUBERNETES_PACKAGES,
                        takeover.toMillis(), victim);
                assertThat(takeover).as("within the lock duration plus 30 s").isLessThan(Duration.ofSeconds(8 + 30));
                assertThat(after.get(0).get("engineInstance").asText()).isNotEqualTo(victim);
            }
            assertClusterReady(lab);
        }
    }

    @Test
    void anInstallOutlastsARestartOfTheDatabaseServerAndItsHostsAreHeldUntilItEnds() throws Exception {
        String database = postgres.createDatabase("outage");
        try (Lab lab = lab("127.0.107", "outage");
                KubeorchProcess kubeorch = kubeorch("outage-a", "kubeorch-a", database).start()) {
            InstallApi api = api(kubeorch);
            String inventory = Files.readString(lab.inventory());
            String id = api.startedInstall(inventory);
            InstallApi.Response refused = api.startInstall(inventory);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().get("message").asText()).contains("install " + id).contains("cluster lab")
                    .contains("started by admin").contains(lab.address("master01"));

            awaitEveryNodeAt(api, id, CONTAINERD, lab.nodes().size());
            postgres.stop();
            InstallApi.sleep(Duration.ofSeconds(20));
            postgres.start();

            approveAndAwaitCompleted(api, id);
            assertClusterReady(lab);
            List<JsonNode> commands = api.commands(id);
            Map<String, Long> perStep = commands.stream().filter(command -> isPreparation(command.get("step").asText()))
                    .collect(Collectors.groupingBy(command -> command.get("node").asText() + " " + command.get("step").asText(),
                            Collectors.counting()));
            assertThat(perStep).as("every preparation step of every node recorded, once").hasSize(
                    lab.nodes().size() * PREPARATION.size()).allSatisfy((step, runs) -> assertThat(runs).as(step).isEqualTo(1));

            // the hosts are free again once it ended; a rerun holds them until cancelled as in Cockpit
            String rerun = api.startedInstall(inventory);
            assertThat(api.startInstall(inventory).status()).isEqualTo(409);
            String rerunProcess = api.install(rerun).get("processInstanceId").asText();
            assertThat(api.engineRest("DELETE", "/process-instance/" + rerunProcess + "?skipCustomListeners=true", null)
                    .status()).isEqualTo(204);
            assertThat(api.startInstall(inventory).status()).isEqualTo(201);
        }
    }

    /** The steps of prepare-node that run one command each on every node. */
    private static final List<String> PREPARATION = List.of("disableFirewall", "disableSelinux", "setHostname",
            "writeHostsFile", "configureKernelNetworking", "disableSwap", "configureContainerdRepository", CONTAINERD,
            "configureContainerd", "startContainerd", "configureKubernetesRepository", KUBERNETES_PACKAGES,
            "configureKubelet");

    private static boolean isPreparation(String step) {
        return PREPARATION.contains(step);
    }

    private Lab lab(String prefix, String name) {
        return Lab.start(LabOptions.builder(prefix, DIR.resolve("lab-" + name)).nodes(3).latency("durability").build());
    }

    /** The packaged jar on the PostgreSQL database, as production runs it, with this instance's identity. */
    private static KubeorchProcess.Builder kubeorch(String name, String instanceId, String database) {
        return kubeorch(name, instanceId, database, 256);
    }

    private static KubeorchProcess.Builder kubeorch(String name, String instanceId, String database, int maxParallel) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "postgres");
        environment.put("KUBEORCH_DB_URL", database);
        environment.put("KUBEORCH_DB_USER", PostgresServer.USER);
        environment.put("KUBEORCH_DB_PASSWORD", PostgresServer.PASSWORD);
        environment.put("KUBEORCH_ADMIN_PASSWORD", PASSWORD);
        environment.put("KUBEORCH_INSTANCE_ID", instanceId);
        return KubeorchProcess.builder(name).env(environment).args(
                // a lock of 8 s (extended every 2.7 s) so that a 25-second step outlasts three of them
                "--kubeorch.steps.lock-duration=PT8S",
                "--kubeorch.steps.max-parallel=" + maxParallel,
                "--kubeorch.install.retry-cycle=R3/PT1S",
                "--kubeorch.install.readiness-poll-interval=PT1S",
                // the administrator approves what it started: these tests are about crashes, not four-eyes
                "--kubeorch.approval.four-eyes=false");
    }

    private InstallApi api(KubeorchProcess kubeorch) {
        return new InstallApi(kubeorch.baseUrl(), "admin", PASSWORD, http);
    }

    private static void approveAndAwaitCompleted(InstallApi api, String id) {
        api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");
        assertThat(api.approve(id, true, "go").status()).isEqualTo(204);
        api.awaitState(id, INSTALL_TIMEOUT, "completed");
    }

    private static void awaitEveryNodeAt(InstallApi api, String id, String step, int nodes) {
        await(api, id, install -> {
            int at = 0;
            for (JsonNode node : install.get("nodes")) {
                at += step.equals(node.path("step").asText()) ? 1 : 0;
            }
            return at == nodes;
        }, "every node at " + step);
    }

    private static void await(InstallApi api, String id, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(INSTALL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode install = api.install(id);
            if (condition.test(install)) {
                return;
            }
            assertThat(install.get("state").asText()).as(install.toString()).isIn("running");
            InstallApi.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("never " + what + ": " + api.install(id));
    }

    /** Which instance holds each node's task of {@code step} now, by node. */
    private static Map<String, String> holders(InstallApi api, String step) {
        Map<String, String> byProcess = new HashMap<>();
        for (JsonNode task : api.engineRest("GET", "/external-task?activityId=" + step + "&locked=true", null).body()) {
            byProcess.put(task.get("processInstanceId").asText(), task.get("workerId").asText());
        }
        Map<String, String> byNode = new HashMap<>();
        byProcess.forEach((process, worker) -> {
            JsonNode node = api.engineRest("GET", "/process-instance/" + process + "/variables/nodeName", null).body();
            byNode.put(node.get("value").asText(), worker);
        });
        assertThat(byNode).as("tasks of " + step).isNotEmpty();
        return byNode;
    }

    private record NodeStep(String node, String step) {
    }

    /** The steps whose last command ended before the kill and whose node went on to another step. */
    private static List<NodeStep> finishedBeforeTheKill(List<JsonNode> commands, Instant killedAt) {
        List<NodeStep> finished = new ArrayList<>();
        Map<String, List<JsonNode>> byNode = commands.stream().filter(command -> startedAt(command).isBefore(killedAt))
                .collect(Collectors.groupingBy(command -> command.get("node").asText()));
        byNode.forEach((node, before) -> before.stream().map(command -> command.get("step").asText()).distinct()
                .filter(step -> !step.equals(CONTAINERD)).forEach(step -> finished.add(new NodeStep(node, step))));
        assertThat(finished).as("steps finished before the kill").isNotEmpty();
        return finished;
    }

    private static long runs(List<JsonNode> commands, String node, String step, Instant at, boolean before) {
        return records(commands, node, step).stream()
                .filter(command -> before ? startedAt(command).isBefore(at) : startedAt(command).isAfter(at)).count();
    }

    private static List<JsonNode> records(List<JsonNode> commands, String node, String step) {
        return commands.stream().filter(command -> command.get("node").asText().equals(node)
                && command.get("step").asText().equals(step)).toList();
    }

    private static Instant firstStartAfter(List<JsonNode> commands, Instant at) {
        return commands.stream().map(DurableExecutionIT::startedAt).filter(started -> started.isAfter(at)).min(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("no command after " + at));
    }

    private static Instant startedAt(JsonNode command) {
        return Instant.parse(command.get("startedAt").asText());
    }

    private static void assertClusterReady(Lab lab) {
        Lab.CommandResult nodes = lab.exec("master01", "kubectl", "get", "nodes", "--no-headers");
        assertThat(nodes.exitCode()).as(nodes.output()).isZero();
        assertThat(nodes.stdout().lines()).hasSize(lab.nodes().size())
                .allSatisfy(line -> assertThat(line.split("\\s+")[1]).isEqualTo("Ready"));
    }
}
