package io.kubeorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import io.kubeorch.testing.KubeorchProcess;
import io.kubeorch.testing.PostgresServer;
import io.kubeorch.testing.PrometheusText;
import io.kubeorch.web.InstallApi;
import org.junit.jupiter.api.Test;

/**
 * The docker-compose topology without Docker: the packaged jar as its own process with exactly
 * the environment the compose file and the image give it (read from them, so they cannot drift;
 * only the database's address is this machine's instead of the compose network's), the image's
 * JVM options, a real PostgreSQL server set up as the postgres image sets itself up, and a 3-node
 * lab cluster installed through {@code /api/installs}. Along the way: the metrics an operator's
 * Prometheus scrapes, with one step failing for good and retried from the API, and readiness
 * while the database server is stopped and started again under the running kubeorch.
 */
class ComposeTopologyIT {

    private static final String PREFIX = "127.0.90";
    private static final Path DIR = Path.of("target", "compose-it").toAbsolutePath();
    private static final String DB_PASSWORD = "compose-it-db-password";
    private static final String ADMIN_PASSWORD = "compose-it-admin-password";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void installsAClusterAsComposeRunsItAndReportsItToPrometheusAndReadiness() throws Exception {
        Lab.requireRoot();
        Files.createDirectories(DIR);
        Path envFile = Files.writeString(DIR.resolve(".env"),
                "KUBEORCH_DB_PASSWORD=" + DB_PASSWORD + "\nKUBEORCH_ADMIN_PASSWORD=" + ADMIN_PASSWORD + "\n");
        JsonNode compose = ComposeFile.config(envFile);

        try (PostgresServer postgres = PostgresServer.start(DIR.resolve("postgres"));
                Lab lab = Lab.start(LabOptions.builder(PREFIX, DIR.resolve("lab")).nodes(3).build())) {
            Map<String, String> database = ComposeFile.environment(compose, "postgres");
            postgres.createUser(database.get("POSTGRES_USER"), database.get("POSTGRES_PASSWORD"));
            postgres.createDatabase(database.get("POSTGRES_DB"), database.get("POSTGRES_USER"));

            Map<String, String> environment = new LinkedHashMap<>(ComposeFile.imageEnvironment());
            environment.putAll(ComposeFile.environment(compose, "kubeorch"));
            environment.put("KUBEORCH_DB_URL", onThisMachine(environment.get("KUBEORCH_DB_URL"), postgres.port()));
            KubeorchProcess.Builder builder = KubeorchProcess.builder("compose")
                    .env(environment)
                    .javaOptions(ComposeFile.imageJavaOptions())
                    // only to keep the test short: a failed step becomes an incident after 2 quick retries;
                    // and the administrator approves what it started (four-eyes has tests of its own)
                    .args("--kubeorch.install.retry-cycle=R2/PT1S", "--kubeorch.install.readiness-poll-interval=PT1S",
                            "--kubeorch.approval.four-eyes=false");
            try (KubeorchProcess kubeorch = builder.start()) {
                InstallApi api = new InstallApi(kubeorch.baseUrl(), "admin", ADMIN_PASSWORD, http);
                assertThat(get(kubeorch, "/actuator/health/readiness", false).statusCode()).isEqualTo(200);
                assertThat(get(kubeorch, "/actuator/prometheus", false).statusCode()).isEqualTo(401);

                reportDatabaseSize(postgres, database.get("POSTGRES_DB"), "before the install");
                String id = installWithOneStepFailingForGood(api, kubeorch, lab);

                assertClusterReady(lab);
                awaitScrape(kubeorch, scrape -> scrape.value("kubeorch_installs_ended_total", "outcome", "completed") == 1
                        && scrape.value("kubeorch_installs_unfinished", "state", "running") == 0
                        && scrape.value("kubeorch_incidents_open") == 0);
                PrometheusText scrape = scrape(kubeorch);
                assertThat(scrape.value("kubeorch_installs_started_total")).isEqualTo(1);
                assertThat(scrape.value("kubeorch_installs_failed_total")).isEqualTo(1);
                assertThat(scrape.value("kubeorch_installs_ended_total", "outcome", "rejected")).isZero();
                assertThat(String.join("\n", scrape.samples().stream().map(Object::toString).toList()))
                        .doesNotContain(id).doesNotContain(DB_PASSWORD).doesNotContain(ADMIN_PASSWORD);

                reportDatabaseSize(postgres, database.get("POSTGRES_DB"), "after one 3-node install");
                readinessFollowsTheDatabaseServer(kubeorch, postgres);
                assertThat(api.install(id).get("state").asText()).isEqualTo("completed");
            }
        }
    }

    /** node02's package installs fail until cleared: an incident, seen by Prometheus, retried as from Cockpit. */
    private String installWithOneStepFailingForGood(InstallApi api, KubeorchProcess kubeorch, Lab lab) throws Exception {
        lab.fault("node02", "fail", "dnf-install", "1000");
        String id = api.startedInstall(Files.readString(lab.inventory()));

        JsonNode failed = api.awaitState(id, INSTALL_TIMEOUT, "failed");
        JsonNode incident = failed.get("incidents").get(0);
        assertThat(incident.get("node").asText()).isEqualTo("node02");
        awaitScrape(kubeorch, scrape -> scrape.value("kubeorch_installs_unfinished", "state", "failed") == 1
                && scrape.value("kubeorch_incidents_open") == 1
                && scrape.value("kubeorch_installs_failed_total") == 1
                && scrape.value("kubeorch_installs_started_total") == 1);

        lab.fault("node02", "clear");
        // what Cockpit's retry does: steps are external tasks
        String step = api.engineRest("GET", "/external-task?processInstanceId=" + incident.get("processInstanceId").asText()
                + "&noRetriesLeft=true", null).body().get(0).get("id").asText();
        assertThat(api.engineRest("PUT", "/external-task/" + step + "/retries", "{\"retries\":1}").status()).isEqualTo(204);

        api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");
        awaitScrape(kubeorch, scrape -> scrape.value("kubeorch_installs_unfinished", "state", "waiting-for-approval") == 1
                && scrape.value("kubeorch_installs_unfinished", "state", "failed") == 0
                && scrape.value("kubeorch_incidents_open") == 0);
        assertThat(api.approve(id, true, "node02 repaired").status()).isEqualTo(204);
        api.awaitState(id, INSTALL_TIMEOUT, "completed");
        assertThat(api.commands(id)).extracting(command -> command.get("node").asText())
                .contains("master01", "node01", "node02");
        return id;
    }

    /** The database server stops: readiness goes down, liveness stays up; it starts again: ready, no restart. */
    private void readinessFollowsTheDatabaseServer(KubeorchProcess kubeorch, PostgresServer postgres) throws Exception {
        postgres.stop();
        HttpResponse<String> down = await(kubeorch, "/actuator/health/readiness", r -> r.statusCode() == 503,
                Duration.ofSeconds(20));
        assertThat(JSON.readTree(down.body()).at("/components/database/status").asText()).isEqualTo("DOWN");
        assertThat(get(kubeorch, "/actuator/health/liveness", false).statusCode()).isEqualTo(200);

        postgres.start();
        await(kubeorch, "/actuator/health/readiness", r -> r.statusCode() == 200, Duration.ofSeconds(60));
        assertThat(kubeorch.isAlive()).isTrue();
    }

    /** For sizing (docs/production.md): what an install, with a failure and a retry, leaves in the database. */
    private static void reportDatabaseSize(PostgresServer postgres, String database, String when) throws Exception {
        try (java.sql.Connection connection = postgres.connection(database);
                java.sql.ResultSet size = connection.createStatement().executeQuery(
                        "SELECT pg_database_size(current_database()), (SELECT COUNT(*) FROM command_record),"
                                + " (SELECT COUNT(*) FROM act_hi_actinst)")) {
            size.next();
            System.out.printf("database %s: %.2f MiB, %d command records, %d activity instances%n",
                    when, size.getLong(1) / 1048576.0, size.getLong(2), size.getLong(3));
        }
    }

    /** The compose network's {@code postgres:5432} is this machine's server. */
    private static String onThisMachine(String composeUrl, int port) {
        String composeAddress = "//postgres:5432/";
        assertThat(composeUrl).contains(composeAddress);
        return composeUrl.replace(composeAddress, "//localhost:" + port + "/");
    }

    private static void assertClusterReady(Lab lab) {
        Lab.CommandResult nodes = lab.exec("master01", "kubectl", "get", "nodes", "--no-headers");
        assertThat(nodes.exitCode()).as(nodes.output()).isZero();
        assertThat(nodes.stdout().lines()).hasSize(3).allSatisfy(line -> assertThat(line.split("\\s+")[1]).isEqualTo("Ready"));
    }

    private PrometheusText scrape(KubeorchProcess kubeorch) throws Exception {
        HttpResponse<String> response = get(kubeorch, "/actuator/prometheus", true);
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    /** Gauges are read at most every few seconds: scrapes until {@code wanted} holds, as Prometheus would see it. */
    private void awaitScrape(KubeorchProcess kubeorch, Predicate<PrometheusText> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        PrometheusText scrape = scrape(kubeorch);
        while (!wanted.test(scrape)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("metrics never reached the expected values:\n" + String.join("\n",
                        scrape.startingWith("kubeorch_installs").stream().map(Object::toString).toList())
                        + "\n" + scrape.startingWith("kubeorch_incidents"));
            }
            Thread.sleep(1000);
            scrape = scrape(kubeorch);
        }
    }

    private HttpResponse<String> await(KubeorchProcess kubeorch, String path, Predicate<HttpResponse<String>> wanted,
            Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> response = get(kubeorch, path, false);
        while (!wanted.test(response)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(path + " still " + response.statusCode() + " " + response.body() + " after " + timeout);
            }
            Thread.sleep(500);
            response = get(kubeorch, path, false);
        }
        return response;
    }

    private HttpResponse<String> get(KubeorchProcess kubeorch, String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(kubeorch.uri(path)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
