package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An operator approves kubeadm init the way people do: in Camunda Tasklist, in a real browser. */
@InstallsOnH2
class TasklistApprovalTest {

    @LocalServerPort
    int port;

    @Test
    void approvingInTasklistShowsWhatWillRunAndInitsTheCluster() throws Exception {
        Lab.requireRoot();
        try (Lab lab = Lab.start(LabOptions.builder("127.0.45", Path.of("target", "lab-tasklist")).nodes(1).build());
                Browser chromium = Browser.start()) {
            InstallApi api = new InstallApi(port, "admin", InstallScenarios.PASSWORD);
            String id = api.startedInstall(InstallScenarios.inventory(lab));
            api.awaitState(id, InstallScenarios.INSTALL_TIMEOUT, "waiting-for-approval");

            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            wait.until(page -> !page.findElements(By.cssSelector("input[ng-model=username]")).isEmpty());
            browser.findElement(By.cssSelector("input[ng-model=username]")).sendKeys("admin");
            browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(InstallScenarios.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            By task = By.xpath("//a[normalize-space(text())='Approve kubeadm init']");
            wait.until(page -> !page.findElements(task).isEmpty());
            browser.findElement(task).click();
            By configuration = By.cssSelector("textarea[id$=kubeadmConfigField]");
            wait.until(page -> !page.findElements(configuration).isEmpty());
            assertThat(browser.findElement(configuration).getAttribute("value"))
                    .contains("kind: ClusterConfiguration").contains("podSubnet: 10.244.0.0/16");
            assertThat(browser.findElement(By.cssSelector("textarea[id$=hostSummaryField]")).getAttribute("value"))
                    .contains("master01").contains("cpus=");

            browser.findElement(By.xpath("//*[normalize-space(text())='Claim']")).click();
            WebElement approve = wait.until(page -> {
                WebElement choice = page.findElements(By.cssSelector("input[type=radio][id*=approvedField]")).get(0);
                return choice.isEnabled() ? choice : null;
            });
            // the last field of a long form sits under Tasklist's footer: clicked as the browser's own click does
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
                    approve);
            browser.findElement(By.cssSelector("input[id$=approvalCommentField]")).sendKeys("approved in Tasklist");
            chromium.screenshot("tasklist-approval.png");
            scrollTo(browser, browser.findElement(By.xpath("//button[normalize-space(text())='Complete']"))).click();

            api.awaitState(id, InstallScenarios.INSTALL_TIMEOUT, "completed");
            String approvals = api.engineRest("GET", "/history/user-operation?operationType=Complete&processInstanceId="
                    + api.install(id).get("processInstanceId").asText(), null).body().toString();
            assertThat(approvals).contains("\"userId\":\"admin\"");
        }
    }

    private static WebElement scrollTo(ChromeDriver browser, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }
}
