package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.testing.DocumentedInventories;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The history page in a real browser: Debian's chromium, driven through chromedriver, signed in
 * to the Camunda web apps as people are (the page asks for no login of its own). These tests read
 * recorded commands of an install that never reaches a host; OperatorsBrowserTest follows real
 * installs on lab hosts through the page.
 */
@KubeorchWebTest
class HistoryPageTest {

    private static final String SCRIPT_OUTPUT = """
            Installing containerd-1.6.22-16.oe2403sp1
            <script>window.kubeorchInjected = 'script';</script>
            <img src="x" onerror="window.kubeorchInjected = 'img'">
            Error: Unable to find a match: containerd-1.6.22-16.oe2403sp1
            --- stderr ---
            install-containerd.sh: dnf install failed with status 1""";
    private static final String MARKUP_COMMAND = "install-containerd.sh CONTAINERD_VERSION='<b>1.6.22</b>' TOKEN=*****";

    private static Browser chromium;
    private static ChromeDriver browser;
    private static boolean signedIn;

    @LocalServerPort
    int port;

    @Autowired
    InstallStarter starter;

    @Autowired
    CommandRecords commands;

    @Autowired
    RuntimeService runtime;

    private String installId;

    @TempDir
    static Path keys;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = Browser.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void recordAnInstall() throws IOException {
        if (!signedIn) {
            WebApps.signIn(browser, port, KubeorchWebTest.ADMIN, KubeorchWebTest.ADMIN_PASSWORD);
            signedIn = true;
        }
        // The job executor is off: the install waits before its first step and never reaches a host.
        installId = starter.start(DocumentedInventories.read("example-inventory.yaml", keys), KubeorchWebTest.ADMIN);
        Instant start = Instant.parse("2031-05-04T10:00:00Z");
        record("master01", "disableFirewall", "disable-firewall.sh", "ok", 0, true, start, 812,
                "changed: firewalld stopped and disabled");
        record("master01", "disableSwap", "disable-swap.sh", "ok", 0, false, start.plusSeconds(2), 95,
                "swap already off");
        record("master01", "installContainerd", MARKUP_COMMAND, "failed", 1, false, start.plusSeconds(4), 73_400,
                SCRIPT_OUTPUT);
        record("node01", "disableFirewall", "disable-firewall.sh", "ok", 0, false, start.plusSeconds(1), 640,
                "firewalld already inactive");
        record("node01", "disableSwap", "disable-swap.sh", "timeout", null, false, start.plusSeconds(3), 120_000,
                "timed out after 120 s");
        record("node01", "disableSwap", "disable-swap.sh", "ok", 0, true, start.plusSeconds(200), 210,
                "changed: swap turned off\nchanged: /etc/fstab swap entries commented out");
    }

    /** Every test's install names the same hosts: end it, which frees them for the next. */
    @AfterEach
    void endTheInstall() {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(installId).list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "the page test is over"));
    }

    @Test
    void showsTheInstallsCommandsByNodeAndStep() throws IOException {
        open("/history/?id=" + installId);
        screenshot("history-page-commands.png");

        assertThat(text(By.cssSelector(".install .state"))).isEqualTo("running");
        assertThat(text(By.cssSelector(".install .cluster"))).isEqualTo("guide");
        assertThat(attributes(By.cssSelector("section.node"), "data-node"))
                .as("nodes in inventory order").containsExactly("master01", "node01", "node02");

        WebElement master = node("master01");
        assertThat(attributes(master, By.cssSelector("li.step"), "data-step"))
                .containsExactly("disableFirewall", "disableSwap", "installContainerd");
        assertThat(master.findElement(By.cssSelector(".summary")).getText())
                .isEqualTo("3 steps: 1 changed, 1 unchanged, 1 failed");
        assertThat(step(master, "disableFirewall").findElement(By.cssSelector("h3 .badge")).getText())
                .isEqualTo("changed");
        assertThat(step(master, "disableSwap").findElement(By.cssSelector("h3 .badge")).getText())
                .isEqualTo("unchanged");

        WebElement firewall = step(master, "disableFirewall").findElement(By.cssSelector("li.command"));
        assertThat(firewall.findElement(By.cssSelector(".command-line")).getText()).isEqualTo("disable-firewall.sh");
        assertThat(firewall.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("ok");
        assertThat(firewall.findElement(By.cssSelector(".exit-code")).getText()).isEqualTo("exit 0");
        assertThat(firewall.findElement(By.cssSelector(".command-facts .changed")).getText()).isEqualTo("changed");
        assertThat(firewall.findElement(By.cssSelector(".duration")).getText()).isEqualTo("812 ms");
        assertThat(firewall.findElement(By.cssSelector(".started time")).getAttribute("datetime"))
                .isEqualTo("2031-05-04T10:00:00Z");
        WebElement firewallOutput = firewall.findElement(By.cssSelector("details.output"));
        assertThat(firewallOutput.getAttribute("open")).as("output of a successful command starts folded").isNull();
        firewallOutput.findElement(By.tagName("summary")).click();
        assertThat(firewallOutput.findElement(By.tagName("pre")).getText())
                .isEqualTo("changed: firewalld stopped and disabled");

        WebElement node01 = node("node01");
        assertThat(node01.findElement(By.cssSelector(".summary")).getText())
                .as("a step retried after a timeout counts by its last attempt")
                .isEqualTo("2 steps: 1 changed, 1 unchanged, 0 failed");
        List<WebElement> swap = step(node01, "disableSwap").findElements(By.cssSelector("li.command"));
        assertThat(swap).hasSize(2);
        assertThat(swap.get(0).getAttribute("class")).contains("failed");
        assertThat(swap.get(0).findElement(By.cssSelector(".outcome")).getText()).isEqualTo("timeout");
        assertThat(swap.get(0).findElement(By.cssSelector(".exit-code")).getText()).isEqualTo("no exit code");
        assertThat(swap.get(0).findElement(By.cssSelector(".duration")).getText()).isEqualTo("2 min 0 s");
        assertThat(swap.get(1).getAttribute("class")).doesNotContain("failed");

        assertThat(node("node02").findElement(By.cssSelector(".summary")).getText())
                .isEqualTo("No command has run on this node yet.");
    }

    @Test
    void marksAFailedCommandAndShowsUntrustedTextAsText() {
        open("/history/?id=" + installId);

        WebElement step = step(node("master01"), "installContainerd");
        assertThat(step.getAttribute("class")).contains("step-failed");
        List<WebElement> failed = node("master01").findElements(By.cssSelector("li.command.failed"));
        assertThat(failed).as("only the failed command is marked").hasSize(1);
        WebElement command = failed.get(0);
        assertThat(command.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("failed");
        assertThat(command.findElement(By.cssSelector(".exit-code")).getText()).isEqualTo("exit 1");
        assertThat(command.findElement(By.cssSelector(".command-facts .unchanged")).getText()).isEqualTo("unchanged");
        assertThat(command.findElement(By.cssSelector(".command-line")).getText())
                .as("the command line as stored, markup and mask included").isEqualTo(MARKUP_COMMAND);
        WebElement output = command.findElement(By.cssSelector("details.output"));
        assertThat(output.getAttribute("open")).as("a failed command's output starts unfolded").isNotNull();
        assertThat(output.findElement(By.tagName("pre")).getDomProperty("textContent")).isEqualTo(SCRIPT_OUTPUT);

        assertThat(browser.findElements(By.cssSelector("#content script, #content img, #content b")))
                .as("markup from commands and output is never parsed").isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.kubeorchInjected === undefined"))
                .as("no script from the output ran").isEqualTo(true);
    }

    @Test
    void listsTheInstallsOfThePeriodWhenNoIdIsGiven() throws IOException {
        open("/history/");
        screenshot("history-page-list.png");

        assertThat(text(By.tagName("h1"))).isEqualTo("Install history");
        WebElement row = browser.findElement(By.cssSelector("table.operations tr[data-id='" + installId + "']"));
        assertThat(row.findElement(By.cssSelector(".kind")).getText()).isEqualTo("install");
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("running");
        assertThat(row.findElement(By.cssSelector(".started-by")).getText()).isEqualTo(KubeorchWebTest.ADMIN);
        assertThat(row.findElement(By.linkText("open in Cockpit")).getAttribute("href")).contains("/camunda/app/cockpit/");
        assertThat(text(By.cssSelector(".figure.by-states h2"))).matches("\\d+ installs? in this period");
        WebElement link = row.findElement(By.cssSelector("a[href='?id=" + installId + "']"));
        assertThat(link.getText()).isEqualTo("guide");
        link.click();
        waitUntilLoaded();
        assertThat(URI.create(browser.getCurrentUrl()).getQuery()).isEqualTo("id=" + installId);
        assertThat(attributes(By.cssSelector("section.node"), "data-node")).contains("master01");
        assertThat(browser.findElements(By.cssSelector(".timeline tr[data-kind=requested]"))).hasSize(1);
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToTheWebAppsLoginWithoutAPasswordPrompt() throws IOException {
        try (Browser fresh = Browser.start()) {
            fresh.driver().get("http://localhost:" + port + "/history/");
            new WebDriverWait(fresh.driver(), Duration.ofSeconds(30))
                    .until(driver -> driver.findElement(By.id("content")).getAttribute("data-loaded") != null);

            assertThat(fresh.driver().findElement(By.cssSelector(".signed-out")).getText()).isEqualTo("Not signed in.");
            assertThat(fresh.driver().findElement(By.linkText("Camunda web apps")).getAttribute("href"))
                    .endsWith("/camunda/app/welcome/default/");
        }
    }

    @Test
    void cockpitsMenuAndTheWelcomePageLinkToTheHistory() {
        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
        WebElement menu = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(driver -> driver.findElements(By.cssSelector("a.kubeorch-history")).stream().findFirst().orElse(null));
        assertThat(menu.getText()).isEqualTo("Install history");
        chromium.screenshot("cockpit-menu.png");
        menu.click();
        waitUntilLoaded();
        assertThat(text(By.tagName("h1"))).isEqualTo("Install history");

        browser.get("http://localhost:" + port + "/camunda/app/welcome/default/");
        WebElement welcome = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(driver -> driver.findElements(By.linkText("Install history")).stream().findFirst().orElse(null));
        assertThat(welcome.getAttribute("href")).endsWith("/history/");
    }

    @Test
    void saysSoWhenThereIsNoSuchInstall() {
        open("/history/?id=no-such-install");

        assertThat(text(By.cssSelector("#content .error"))).isEqualTo("There is no install no-such-install.");
    }

    @Test
    void servesThePageItselfWithoutCredentialsAndNothingFromElsewhere() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/history/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("history.js", "history.css", "Content-Security-Policy")
                .doesNotContain("http://", "https://");
        for (String old : List.of("/installs?id=abc", "/installs/?id=abc", "/history?id=abc")) {
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + old)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(moved.statusCode()).as(old).isEqualTo(302);
            assertThat(moved.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/history/?id=abc"));
        }
        for (String file : List.of("history.js", "history.css")) {
            HttpResponse<String> asset = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/history/" + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asset.statusCode()).as(file).isEqualTo(200);
            assertThat(asset.body()).as(file).doesNotContain("http://", "https://", "@import", "innerHTML =");
        }
    }

    private void record(String node, String step, String command, String outcome, Integer exitCode, boolean changed,
            Instant startedAt, long durationMs, String output) {
        commands.add(new CommandRecord(0, installId, node, step, command, outcome, exitCode, changed, startedAt,
                durationMs, output, "kubeorch-test"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
        waitUntilLoaded();
    }

    private void waitUntilLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the page never finished loading")
                .until(driver -> driver.findElement(By.id("content")).getAttribute("data-loaded") != null);
    }

    private String text(By locator) {
        return browser.findElement(locator).getText();
    }

    private WebElement node(String name) {
        return browser.findElement(By.cssSelector("section.node[data-node='" + name + "']"));
    }

    private static WebElement step(WebElement node, String step) {
        return node.findElement(By.cssSelector("li.step[data-step='" + step + "']"));
    }

    private List<String> attributes(By locator, String attribute) {
        return browser.findElements(locator).stream().map(element -> element.getAttribute(attribute)).toList();
    }

    private static List<String> attributes(WebElement parent, By locator, String attribute) {
        return parent.findElements(locator).stream().map(element -> element.getAttribute(attribute)).toList();
    }

    /** The whole page, for a person to look at: target/&lt;name&gt;. */
    private void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        Dimension size = browser.manage().window().getSize();
        // The window is a little taller than its viewport: leave room so the page's end is in the picture.
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 200, 8000)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(size);
    }
}
