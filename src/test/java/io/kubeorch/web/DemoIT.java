package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo a newcomer tries first, run as the README and the operator's guide tell them to:
 * their commands, in a process of its own, then the commands it prints. Each test stops it the
 * way people do and then finds nothing of it left: no process, no mount, no listening socket.
 */
class DemoIT {

    private static final Path README = Path.of("README.md");
    private static final Path GUIDE = Path.of("docs/operators-guide.md");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void theReadmesCommandRunsAnInstallThroughAnInjectedFailureAndItsStopCommandLeavesNothingRunning() throws Exception {
        String command = documentedCommand("sudo lab/demo", true);
        try (RunningDemo demo = RunningDemo.start(command, "127.0.95", "demo-it")) {
            String guide = Files.readString(GUIDE);
            String fail = demo.printedCommand(" fail dnf-install ");
            String clear = demo.printedCommand(" clear");
            String start = demo.printedCommand("application/yaml");
            String approve = demo.printedCommand("/approval");
            String stop = demo.printedCommand("lab/demo stop");
            for (String printed : List.of(fail, clear, start, approve, stop)) {
                assertThat(guide).as("the guide shows what the demo prints").contains(demo.asInTheGuide(printed));
            }
            String node = RunningDemo.match(fail, "fault (\\S+) ");
            InstallApi api = demo.api();

            RunningDemo.run(fail);
            String id = RunningDemo.match(RunningDemo.run(start), "\"id\":\"([^\"]+)\"");
            JsonNode failed = api.awaitState(id, INSTALL_TIMEOUT, "failed");
            JsonNode incident = failed.get("incidents").get(0);
            assertThat(incident.get("node").asText()).isEqualTo(node);
            assertThat(incident.get("step").asText()).isEqualTo("installContainerd");
            RunningDemo.run(clear);
            retryAsCockpitDoes(api, incident.get("processInstanceId").asText());
            api.awaitState(id, INSTALL_TIMEOUT, "waiting-for-approval");
            RunningDemo.run(approve.replace("/ID/", "/" + id + "/"));
            api.awaitState(id, INSTALL_TIMEOUT, "completed");

            assertThat(api.commands(id)).filteredOn(c -> c.get("node").asText().equals(node)
                    && c.get("step").asText().equals("installContainerd"))
                    .extracting(c -> c.get("outcome").asText()).contains("failed").last().isEqualTo("ok");
            String history = api.engineRest("GET", "/history/user-operation?processInstanceId="
                    + incident.get("processInstanceId").asText(), null).body().toString();
            assertThat(history).contains("\"operationType\":\"SetExternalTaskRetries\"").contains("\"userId\":\"admin\"");

            RunningDemo.run(stop);
            assertThat(demo.awaitExit()).as(demo.output()).isZero();
            assertThat(demo.leftovers()).as(demo.output()).isEmpty();
        }
    }

    @Test
    void withStartItStartsTheInstallItselfTheStartFormOffersTheLabsInventoryAndCtrlCLeavesNothingRunning()
            throws Exception {
        String command = documentedCommand("sudo lab/demo --start", false);
        try (RunningDemo demo = RunningDemo.start(command, "127.0.96", "demo-it-start");
                Browser chromium = Browser.start()) {
            InstallApi api = demo.api();
            api.awaitState(demo.installId(), INSTALL_TIMEOUT, "waiting-for-approval");

            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + demo.port() + "/camunda/app/tasklist/default/");
            wait.until(page -> !page.findElements(By.cssSelector("input[ng-model=username]")).isEmpty());
            browser.findElement(By.cssSelector("input[ng-model=username]")).sendKeys("admin");
            browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(demo.password());
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            By startProcess = By.xpath("//a[normalize-space(.)='Start process']");
            wait.until(page -> !page.findElements(startProcess).isEmpty());
            browser.findElement(startProcess).click();
            By install = By.xpath("//a[normalize-space(.)='Install Kubernetes cluster']");
            wait.until(page -> !page.findElements(install).isEmpty());
            browser.findElement(install).click();
            By inventory = By.cssSelector("textarea[id$=inventoryYamlField]");
            wait.until(page -> !page.findElements(inventory).isEmpty()
                    && !page.findElement(inventory).getAttribute("value").isEmpty());
            assertThat(browser.findElement(inventory).getAttribute("value")).isEqualTo(Files.readString(demo.inventory()));
            chromium.screenshot("demo-start-form.png");
            browser.findElement(By.xpath("//button[normalize-space(.)='Start']")).click();
            wait.until(page -> installs(api).size() == 2);
            // the form's install is recorded by its process's first step, a moment after the process started
            wait.until(page -> formsInstall(api, demo.installId()) != null);
            // started from the form by admin; the install --start began holds the lab's hosts, so it is refused
            JsonNode fromTheForm = api.awaitState(formsInstall(api, demo.installId()), Duration.ofSeconds(30), "refused");
            assertThat(fromTheForm.get("requestedBy").asText()).isEqualTo("admin");
            assertThat(fromTheForm.get("message").asText()).contains(demo.installId());
            assertThat(api.install(demo.installId()).get("state").asText()).isEqualTo("waiting-for-approval");

            assertThat(demo.pressCtrlC()).as(demo.output()).isZero();
            assertThat(demo.leftovers()).as(demo.output()).isEmpty();
        }
    }

    /** What Cockpit's Retry on an incident does: give the failed step one more run. */
    private static void retryAsCockpitDoes(InstallApi api, String processInstanceId) {
        String step = api.engineRest("GET", "/external-task?processInstanceId=" + processInstanceId + "&noRetriesLeft=true",
                null).body().get(0).get("id").asText();
        assertThat(api.engineRest("PUT", "/external-task/" + step + "/retries", "{\"retries\":1}").status())
                .isEqualTo(204);
    }

    /** The id of the install other than the demo's own, or null while there is none. */
    private static String formsInstall(InstallApi api, String demosInstall) {
        for (JsonNode install : api.read("/api/installs")) {
            if (!install.get("id").asText().equals(demosInstall)) {
                return install.get("id").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> installs(InstallApi api) {
        List<JsonNode> instances = new ArrayList<>();
        api.engineRest("GET", "/history/process-instance?processDefinitionKey=install-cluster", null).body()
                .forEach(instances::add);
        return instances;
    }

    /**
     * COMMAND, after checking that the docs show it on a line of its own (the guide always, the
     * README with ALSO_IN_README): users copy it from there, and this test runs it.
     */
    private static String documentedCommand(String command, boolean alsoInReadme) throws IOException {
        assertThat(Files.readAllLines(GUIDE)).as("the operator's guide shows " + command)
                .anyMatch(line -> line.trim().equals(command));
        if (alsoInReadme) {
            assertThat(Files.readAllLines(README)).as("the README shows " + command)
                    .anyMatch(line -> line.trim().equals(command));
        }
        return command;
    }
}
