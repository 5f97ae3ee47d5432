package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A command that never returns is killed at its step's timeout, on the host too, and the step
 * ends as an incident saying so. Timeouts are scaled down so the modelled 20 minutes of a
 * package install last 12 seconds.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-hang-${random.uuid}",
        "kubeorch.admin.password=" + InstallScenarios.PASSWORD,
        "kubeorch.install.retry-cycle=R2/PT1S",
        "kubeorch.install.timeout-scale=0.01"})
class HangingStepTest {

    @LocalServerPort
    int port;

    @Test
    void aHangingCommandFailsAtItsTimeoutAndIsKilledOnTheHost() {
        Lab.requireRoot();
        try (Lab lab = Lab.start(LabOptions.builder("127.0.43", Path.of("target", "lab-hang")).nodes(1).build())) {
            lab.fault("master01", "hang", "dnf-install");
            InstallApi api = new InstallApi(port, "admin", InstallScenarios.PASSWORD);
            String id = api.startedInstall(InstallScenarios.inventory(lab));

            assertThat(awaitPreparingStep(api, id)).as("the install view while the step hangs")
                    .isEqualTo("installContainerd");
            JsonNode failed = api.awaitState(id, Duration.ofMinutes(3), "failed");

            JsonNode incident = failed.get("incidents").get(0);
            assertThat(incident.get("step").asText()).isEqualTo("installContainerd");
            assertThat(incident.get("message").asText()).contains("ran past its timeout of 12 s");
            assertThat(api.commands(id)).filteredOn(command -> command.get("step").asText().equals("installContainerd"))
                    .hasSize(2)
                    .allSatisfy(command -> assertThat(command.get("outcome").asText()).isEqualTo("timeout"));
            assertThat(lab.processes("master01")).noneSatisfy(
                    process -> assertThat(process.commandLine()).contains("dnf"));
        }
    }

    /** The step the install view shows master01 preparing at, once it is past the first steps. */
    private static String awaitPreparingStep(InstallApi api, String id) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode node = api.install(id).get("nodes").get(0);
            if (node.get("phase").asText().equals("preparing") && node.hasNonNull("step")
                    && node.get("step").asText().startsWith("install")) {
                return node.get("step").asText();
            }
            InstallApi.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("master01 never showed an install step: " + api.install(id));
    }
}
