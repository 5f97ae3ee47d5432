package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import io.kubeorch.model.Roles;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Operators as they work, in a real headless Chromium on a 3-host lab, with four-eyes on (the
 * default): one operator starts an install from Tasklist's start form; a step fails for good on a
 * node and another operator retries it in Cockpit; the first operator is refused the approval,
 * a viewer is refused too, the second operator approves; the history page then shows who did
 * what. The second test checks the history's figures against the command record of several
 * installs with injected failures. Screenshots of each step go to target/ (docs/operators-guide.md
 * shows them).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-operators-${random.uuid}",
        "kubeorch.admin.password=" + OperatorsBrowserTest.ADMIN_PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        "kubeorch.install.readiness-poll-interval=PT1S"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorsBrowserTest {

    static final String ADMIN_PASSWORD = "operators-test-password";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);
    private static final Instant TEST_START = Instant.now().minusSeconds(60);

    private static Lab lab;
    private static Browser chromium;
    private static String firstInstall;

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void labAndBrowser() throws IOException {
        Lab.requireRoot();
        lab = Lab.start(LabOptions.builder("127.0.100", Path.of("target", "lab-operators")).nodes(3).build());
        chromium = Browser.start();
    }

    @AfterAll
    static void closeAll() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorStartsAnotherApprovesAViewerWatchesAndTheHistoryTellsWhoDidWhat() throws Exception {
        people();
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        InstallApi admin = api("admin", ADMIN_PASSWORD);
        // node02's first three package installs fail: its containerd step becomes an incident
        lab.fault("node02", "fail", "dnf-install", "3");

        // operator1 starts the install from Tasklist's start form
        WebApps.signIn(browser, port, "operator1", People.PASSWORD);
        tasklist();
        click(By.xpath("//a[normalize-space(.)='Start process']"));
        click(By.xpath("//a[normalize-space(.)='Install Kubernetes cluster']"));
        By inventoryField = By.cssSelector("textarea[id$=inventoryYamlField]");
        wait.until(page -> !page.findElements(inventoryField).isEmpty());
        browser.findElement(inventoryField).sendKeys(Files.readString(lab.inventory()));
        chromium.screenshot("operators-1-start-form.png");
        click(By.xpath("//button[normalize-space(.)='Start']"));
        firstInstall = awaitInstall(admin);

        // the step fails for good on node02; a viewer cannot retry it, operator2 does, in Cockpit
        JsonNode failed = admin.awaitState(firstInstall, INSTALL_TIMEOUT, "failed");
        JsonNode incident = failed.get("incidents").get(0);
        assertThat(incident.get("node").asText()).isEqualTo("node02");
        assertThat(incident.get("message").asText().lines().findFirst().orElseThrow())
                .isEqualTo("installContainerd failed on node02: install-containerd.sh exited with status 1.");
        String failedStep = admin.engineRest("GET", "/external-task?processInstanceId="
                + incident.get("processInstanceId").asText() + "&noRetriesLeft=true", null).body().get(0).get("id").asText();
        InstallApi viewer = api("viewer1", People.PASSWORD);
        assertThat(viewer.engineRest("PUT", "/external-task/" + failedStep + "/retries", "{\"retries\":1}").status())
                .as("a viewer's retry").isEqualTo(403);
        retryInCockpit("operator2", incident.get("processInstanceId").asText());
        admin.awaitState(firstInstall, INSTALL_TIMEOUT, "waiting-for-approval");

        // four-eyes: operator1 started it and is refused the approval; so is the viewer; operator2 approves
        openApproval("operator1");
        claimRefused("Four-eyes: operator1 started this operation");
        chromium.screenshot("operators-3-four-eyes-refused.png");
        openApproval("viewer1");
        claimRefused("viewer1");
        assertThat(viewer.approve(firstInstall, true, "a viewer's approval").status()).isEqualTo(403);
        assertThat(viewer.decide(firstInstall, "abort", "a viewer's decision").status()).isEqualTo(403);
        openApproval("operator2");
        click(By.xpath("//*[normalize-space(text())='Claim']"));
        WebElement approve = wait.until(page -> {
            List<WebElement> choices = page.findElements(By.cssSelector("input[type=radio][id*=approvedField]"));
            return !choices.isEmpty() && choices.get(0).isEnabled() ? choices.get(0) : null;
        });
        js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", approve);
        browser.findElement(By.cssSelector("input[id$=approvalCommentField]")).sendKeys("preflight clean, go", Keys.TAB);
        // the form takes typed text in after a short pause, as a person's next click comes after one
        InstallApi.sleep(Duration.ofSeconds(1));
        chromium.screenshot("operators-4-approval.png");
        js("arguments[0].click()", browser.findElement(By.xpath("//button[normalize-space(text())='Complete']")));
        JsonNode completed = admin.awaitState(firstInstall, INSTALL_TIMEOUT, "completed");
        assertThat(completed.get("nodes").findValuesAsText("phase")).containsOnly("ready");

        // the viewer reads the history: the list, then the install's timeline, steps and commands
        WebApps.signIn(browser, port, "viewer1", People.PASSWORD);
        history("/history/");
        WebElement row = browser.findElement(By.cssSelector("table.operations tr[data-id='" + firstInstall + "']"));
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("completed");
        assertThat(row.findElement(By.cssSelector(".started-by")).getText()).isEqualTo("operator1");
        assertThat(row.findElement(By.cssSelector(".approvals")).getText()).isEqualTo("operator2 “preflight clean, go”");
        assertThat(row.findElement(By.cssSelector(".retries")).getText()).isEqualTo("operator2 node02 · installContainerd");
        chromium.screenshot("operators-5-history-list.png");

        history("/history/?id=" + firstInstall);
        List<String> timeline = browser.findElements(By.cssSelector(".timeline tr.event")).stream()
                .map(WebElement::getText).toList();
        assertThat(timeline).anySatisfy(line -> assertThat(line).contains("requested").contains("operator1"))
                .anySatisfy(line -> assertThat(line).contains("incident").contains("node02 · installContainerd")
                        .contains("install-containerd.sh exited with status 1"))
                .anySatisfy(line -> assertThat(line).contains("retried").contains("operator2"))
                .anySatisfy(line -> assertThat(line).contains("approved").contains("operator2")
                        .contains("preflight clean, go"))
                .anySatisfy(line -> assertThat(line).contains("ended").contains("completed"));
        WebElement containerd = browser.findElement(By.cssSelector(".node-durations tr[data-node=node02][data-step=installContainerd]"));
        assertThat(containerd.getText()).contains("3 failed runs");
        assertThat(containerd.findElement(By.cssSelector(".duration")).getText()).matches("\\d+(\\.\\d)? m?s");
        assertThat(browser.findElement(By.cssSelector(".node-durations tr.node-row[data-node=master01] .duration"))
                .getText()).matches("[\\d.]+ (ms|s)|\\d+ min \\d+ s");
        assertThat(browser.findElements(By.cssSelector("section.node[data-node=node02] li.command.failed"))).hasSize(3);
        chromium.screenshot("operators-6-history-install.png");
    }

    @Test
    @Order(2)
    void theFiguresAcrossInstallsAreThoseOfTheCommandRecord() throws Exception {
        InstallApi operator1 = api("operator1", People.PASSWORD);
        InstallApi operator2 = api("operator2", People.PASSWORD);
        List<String> installs = new ArrayList<>(List.of(firstInstall));
        // reruns on the installed cluster, each with a failure injected: retried, then done
        for (String[] fault : List.of(new String[] {"node01", "drop", "2"}, new String[] {"node02", "drop", "1"})) {
            lab.fault(fault[0], java.util.Arrays.copyOfRange(fault, 1, fault.length));
            String rerun = operator1.startedInstall(Files.readString(lab.inventory()));
            installs.add(rerun);
            operator1.awaitState(rerun, INSTALL_TIMEOUT, "waiting-for-approval");
            assertThat(operator2.approve(rerun, true, "rerun").status()).isEqualTo(204);
            operator1.awaitState(rerun, INSTALL_TIMEOUT, "completed");
        }
        String rejected = operator1.startedInstall(Files.readString(lab.inventory()));
        installs.add(rejected);
        operator1.awaitState(rejected, INSTALL_TIMEOUT, "waiting-for-approval");
        assertThat(operator2.approve(rejected, false, "not today").status()).isEqualTo(204);
        operator1.awaitState(rejected, Duration.ofSeconds(30), "rejected");

        String period = "?from=" + TEST_START + "&to=" + Instant.now().plusSeconds(60);
        JsonNode figures = operator1.read("/api/history/figures" + period);

        assertThat(figures.get("operations").asInt()).isEqualTo(4);
        assertThat(figures.get("byState").toString()).isEqualTo("{\"completed\":3,\"rejected\":1}");
        Map<String, List<JsonNode>> record = new LinkedHashMap<>();
        for (String install : installs) {
            record.put(install, operator1.commands(install));
        }
        Recomputed expected = recompute(record);
        Map<String, String> failedSteps = new TreeMap<>();
        figures.get("failedSteps").forEach(step -> failedSteps.put(step.get("step").asText(),
                step.get("failures").asInt() + " in " + step.get("operations").asInt()));
        assertThat(failedSteps).isEqualTo(expected.failures()).containsEntry("installContainerd", "3 in 1");
        assertThat(failedSteps).as("cut commands count as failed runs too")
                .containsEntry("checkHostRequirements", "3 in 2");
        Map<String, String> durations = new TreeMap<>();
        figures.get("stepDurations").forEach(step -> durations.put(step.get("step").asText(), step.get("runs").asInt()
                + " runs, median " + step.get("medianMs").asLong() + " ms, p95 " + step.get("p95Ms").asLong() + " ms"));
        assertThat(durations).isEqualTo(expected.durations()).containsKey("initControlPlane");
        // the figures' first row is the step that failed most
        assertThat(figures.get("failedSteps").get(0).get("failures").asInt())
                .isEqualTo(failedSteps.values().stream().mapToInt(v -> Integer.parseInt(v.split(" ")[0])).max().orElseThrow());

        JsonNode list = operator1.read("/api/history/operations" + period);
        assertThat(list.get("operations")).hasSize(4);
        assertThat(list.get("operations").get(0).get("approvals").get(0).get("kind").asText()).isEqualTo("rejected");
        assertThat(list.get("operations").get(0).get("approvals").get(0).get("comment").asText()).isEqualTo("not today");

        WebApps.signIn(chromium.driver(), port, "operator2", People.PASSWORD);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        history("/history/");
        fullPageScreenshot("operators-7-history-figures.png");
    }

    /** What the test computes from the command record on its own: failed runs and successful runs' durations. */
    private record Recomputed(Map<String, String> failures, Map<String, String> durations) {
    }

    private static Recomputed recompute(Map<String, List<JsonNode>> record) {
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Set<String>> failedIn = new HashMap<>();
        Map<String, List<Long>> durations = new TreeMap<>();
        record.forEach((install, commands) -> {
            Map<String, List<JsonNode>> byNodeAndStep = new LinkedHashMap<>();
            commands.forEach(c -> byNodeAndStep.computeIfAbsent(c.get("node").asText() + "/" + c.get("step").asText(),
                    key -> new ArrayList<>()).add(c));
            byNodeAndStep.forEach((key, runs) -> {
                String step = key.substring(key.indexOf('/') + 1);
                long took = 0;
                int failed = 0;
                for (JsonNode run : runs) {
                    if (run.get("outcome").asText().equals("ok")) {
                        took += run.get("durationMs").asLong();
                    } else {
                        failed++;
                        took = 0;
                    }
                }
                if (failed > 0) {
                    failures.merge(step, failed, Integer::sum);
                    failedIn.computeIfAbsent(step, s -> new java.util.HashSet<>()).add(install);
                }
                if (runs.get(runs.size() - 1).get("outcome").asText().equals("ok")) {
                    durations.computeIfAbsent(step, s -> new ArrayList<>()).add(took);
                }
            });
        });
        Map<String, String> failed = new TreeMap<>();
        failures.forEach((step, count) -> failed.put(step, count + " in " + failedIn.get(step).size()));
        Map<String, String> took = new TreeMap<>();
        durations.forEach((step, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            long p95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
            took.put(step, n + " runs, median " + median + " ms, p95 " + p95 + " ms");
        });
        return new Recomputed(failed, took);
    }

    private void people() {
        People.user(identity, "operator1", Roles.OPERATORS);
        People.user(identity, "operator2", Roles.OPERATORS);
        People.user(identity, "viewer1", Roles.VIEWERS);
    }

    private InstallApi api(String user, String password) {
        return new InstallApi(port, user, password);
    }

    /** The install the start form started: the only one. */
    private String awaitInstall(InstallApi admin) {
        JsonNode listed = null;
        for (int attempt = 0; attempt < 240; attempt++) {
            listed = admin.read("/api/installs");
            if (listed.size() == 1) {
                return listed.get(0).get("id").asText();
            }
            InstallApi.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("the start form started no install: " + listed);
    }

    private void tasklist() {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    }

    private void openApproval(String user) {
        WebApps.signIn(browser, port, user, People.PASSWORD);
        tasklist();
        click(By.xpath("//a[normalize-space(text())='Approve kubeadm init']"));
        wait.until(page -> !page.findElements(By.cssSelector("textarea[id$=kubeadmConfigField]")).isEmpty());
    }

    /** Presses Claim and waits for Tasklist's notice that names why it refused. */
    private void claimRefused(String because) {
        click(By.xpath("//*[normalize-space(text())='Claim']"));
        wait.withMessage("Tasklist never said why the claim was refused (" + because + ")")
                .until(page -> page.getPageSource().contains(because));
        assertThat(browser.findElements(By.xpath("//*[normalize-space(text())='Claim']"))).as("still unclaimed").isNotEmpty();
    }

    /** Retries the node's incident as an operator does: Cockpit, the node's instance, its incident's retry action. */
    private void retryInCockpit(String user, String processInstanceId) {
        WebApps.signIn(browser, port, user, People.PASSWORD);
        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId
                + "/runtime?tab=incidents-tab");
        By retry = By.cssSelector("td.action a[ng-click^='openExternalTaskRetryDialog']");
        WebElement action = wait.withMessage("Cockpit shows no retry action for the incident")
                .until(page -> page.findElements(retry).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        WebElement message = browser.findElement(By.cssSelector("td.message a > span"));
        wait.until(page -> !page.findElement(By.cssSelector("th.message")).getText().startsWith("PLUGIN_"));
        assertThat(message.getText().lines().findFirst().orElseThrow()).as("the incident table's first line")
                .isEqualTo("installContainerd failed on node02: install-containerd.sh exited with status 1.");
        chromium.screenshot("operators-2-cockpit-incident.png");
        js("arguments[0].click()", action);
        By confirm = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Retry']");
        WebElement button = wait.until(page -> page.findElements(confirm).stream().findFirst().orElse(null));
        js("arguments[0].click()", button);
        wait.withMessage("Cockpit did not confirm the retry")
                .until(page -> page.getPageSource().contains("finished successfully"));
    }

    private void history(String path) {
        browser.get("http://localhost:" + port + path);
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the history page never finished loading")
                .until(driver -> "true".equals(driver.findElement(By.id("content")).getAttribute("data-loaded")));
    }

    private void click(By locator) {
        WebElement element = wait.until(page -> page.findElements(locator).stream().findFirst().orElse(null));
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** The whole page, however long: the window is made as tall as the page for the picture. */
    private void fullPageScreenshot(String name) {
        var size = browser.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(height + 200, 6000)));
        chromium.screenshot(name);
        browser.manage().window().setSize(size);
    }
}
