package io.kubeorch.web;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
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
        browser.findElement(USERNAME).sendKeys(user);
        browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.withMessage(user + " could not sign in to the web apps")
                .until(page -> page.findElements(USERNAME).isEmpty()
                        && !page.findElements(By.cssSelector(".Header .account, [cam-widget-header] .account, .user-account"))
                        .isEmpty() || page.getPageSource().contains("Welcome"));
    }
}
