package io.kubeorch.web;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Camunda's web apps as people use them in a browser: their login form. */
final class WebApps {

    private static final By USERNAME = By.cssSelector("input[ng-model=username]");

    private WebApps() {
    }

    /** Signs in on the Welcome page, as {@code user}; whoever was signed in before is signed out. */
    static void signIn(ChromeDriver browser, int port, String user, String password) {
        browser.get("http://localhost:" + port + "/camunda/app/welcome/default/");
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(page -> !page.findElements(USERNAME).isEmpty());
        WebElement username = browser.findElement(USERNAME);
        username.sendKeys(user);
        browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // the login form goes away, and the web apps' session knows the user
        wait.withMessage(user + " could not sign in to the web apps").until(ExpectedConditions.stalenessOf(username));
        wait.until(page -> user.equals(((JavascriptExecutor) page).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin'})"
                        + ".then(r => r.ok ? r.json() : {}).then(a => done(a.userId || null)).catch(() => done(null));")));
    }
}
