package io.kubeorch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.kubeorch.ssh.SshFailure;
import io.kubeorch.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The step-level API's meters as Prometheus reads them, through the authenticated endpoint
 * (Spring Boot turns metrics export off in tests unless asked).
 */
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-metrics-${random.uuid}",
        "kubeorch.admin.password=" + StepMetricsEndpointTest.PASSWORD})
class StepMetricsEndpointTest {

    static final String PASSWORD = "metrics-test-password";
    /** The only labels kubeorch's meters carry: each from a small fixed set. */
    static final Set<String> BOUNDED_LABELS = Set.of("step", "outcome", "class", "state", "le");

    @LocalServerPort
    int port;

    @Autowired
    StepMetrics metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void stepsCommandsAndSshFailuresAreScrapedWithTheirValues() throws Exception {
        metrics.stepFinished("installContainerd", StepOutcome.COMPLETED, Duration.ofMillis(3200));
        metrics.stepFinished("installContainerd", StepOutcome.COMPLETED, Duration.ofSeconds(40));
        metrics.stepFinished("installContainerd", StepOutcome.FAILED, Duration.ofMillis(400));
        metrics.stepFinished("initControlPlane", StepOutcome.TIMED_OUT, Duration.ofMinutes(10));
        metrics.commandFinished(0);
        metrics.commandFinished(0);
        metrics.commandFinished(1);
        metrics.commandFailed(SshFailure.TIMEOUT);
        metrics.sshFailed(SshFailure.UNREACHABLE);
        metrics.hostLocksHeld(() -> 3);

        PrometheusText scrape = scrape();

        String histogram = "kubeorch_step_duration_seconds";
        assertThat(scrape.value(histogram + "_count", "step", "installContainerd", "outcome", "completed")).isEqualTo(2);
        assertThat(scrape.value(histogram + "_sum", "step", "installContainerd", "outcome", "completed")).isEqualTo(43.2);
        assertThat(scrape.value(histogram + "_bucket", "step", "installContainerd", "outcome", "completed", "le", "2.5"))
                .isZero();
        assertThat(scrape.value(histogram + "_bucket", "step", "installContainerd", "outcome", "completed", "le", "5.0"))
                .isEqualTo(1);
        assertThat(scrape.value(histogram + "_bucket", "step", "installContainerd", "outcome", "completed", "le", "60.0"))
                .isEqualTo(2);
        assertThat(scrape.value(histogram + "_bucket", "step", "installContainerd", "outcome", "completed", "le", "+Inf"))
                .isEqualTo(2);
        assertThat(scrape.value(histogram + "_count", "step", "installContainerd", "outcome", "failed")).isEqualTo(1);
        assertThat(scrape.value(histogram + "_bucket", "step", "initControlPlane", "outcome", "timed_out", "le", "600.0"))
                .isEqualTo(1);
        assertThat(scrape.value("kubeorch_remote_commands_total", "outcome", "ok")).isEqualTo(2);
        assertThat(scrape.value("kubeorch_remote_commands_total", "outcome", "failed")).isEqualTo(1);
        assertThat(scrape.value("kubeorch_remote_commands_total", "outcome", "timeout")).isEqualTo(1);
        assertThat(scrape.value("kubeorch_remote_commands_total", "outcome", "connection_lost")).isZero();
        assertThat(scrape.value("kubeorch_ssh_failures_total", "class", "timeout")).isEqualTo(1);
        assertThat(scrape.value("kubeorch_ssh_failures_total", "class", "unreachable")).isEqualTo(1);
        assertThat(scrape.value("kubeorch_ssh_failures_total", "class", "host_key_rejected")).isZero();
        assertThat(scrape.value("kubeorch_host_locks_held")).isEqualTo(3);
    }

    @Test
    void engineMetersStartAtZeroAndNoLabelIsUnbounded() throws Exception {
        metrics.stepFinished("node01.example.org", StepOutcome.COMPLETED, Duration.ofSeconds(1));

        PrometheusText scrape = scrape();

        assertThat(scrape.value("kubeorch_installs_started_total")).isZero();
        assertThat(scrape.value("kubeorch_installs_failed_total")).isZero();
        assertThat(scrape.value("kubeorch_installs_ended_total", "outcome", "completed")).isZero();
        assertThat(scrape.value("kubeorch_installs_ended_total", "outcome", "rejected")).isZero();
        assertThat(scrape.value("kubeorch_installs_unfinished", "state", "running")).isZero();
        assertThat(scrape.value("kubeorch_installs_unfinished", "state", "waiting-for-approval")).isZero();
        assertThat(scrape.value("kubeorch_installs_unfinished", "state", "waiting-for-decision")).isZero();
        assertThat(scrape.value("kubeorch_installs_unfinished", "state", "failed")).isZero();
        assertThat(scrape.value("kubeorch_incidents_open")).isZero();
        // a name that is not a step id (here a host) never becomes a label value
        assertThat(scrape.value("kubeorch_step_duration_seconds_count", "step", "other", "outcome", "completed"))
                .isEqualTo(1);
        assertThat(scrape.startingWith("kubeorch_")).isNotEmpty().allSatisfy(sample -> {
            assertThat(BOUNDED_LABELS).containsAll(sample.labels().keySet());
            assertThat(sample.labels().values()).noneMatch(value -> value.contains("node01"));
        });
    }

    @Test
    void theEndpointRefusesCallersWithoutCredentials() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(uri())
                .header("Authorization", basic("admin", "not-the-password")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("kubeorch_");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri())
                .header("Authorization", basic("admin", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private URI uri() {
        return URI.create("http://localhost:" + port + "/actuator/prometheus");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
