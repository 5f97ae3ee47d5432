package io.kubeorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What every started kubeorch must offer, whatever its database: the checks both smoke tests share. */
final class ApplicationSmokeChecks {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    ApplicationSmokeChecks(int port) {
        this.base = "http://localhost:" + port;
    }

    void restApiRejectsAnonymousCallers() throws Exception {
        assertThat(get("/engine-rest/engine", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/installs", null).statusCode()).isEqualTo(401);
    }

    void restApiAnswersAuthenticatedCallers(String user, String password) throws Exception {
        HttpResponse<String> engines = get("/engine-rest/engine", basic(user, password));
        assertThat(engines.statusCode()).isEqualTo(200);
        assertThat(engines.body()).contains("\"name\":\"default\"");
    }

    void webAppsServeTheirLoginPage() throws Exception {
        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isBetween(300, 399);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/camunda/app/"));
        HttpResponse<String> welcome = get("/camunda/app/welcome/default/", null);
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).contains("<html").containsIgnoringCase("camunda");
    }

    void webAppLoginAccepts(String user, String password) throws Exception {
        HttpResponse<String> accepted = login(user, password);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"userId\":\"" + user + "\"");
    }

    /** Run last: after a failed attempt Camunda locks the account for a few seconds. */
    void wrongPasswordsAreRejected(String user, String password) throws Exception {
        assertThat(login(user, "not-" + password).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/engine", basic(user, "not-" + password)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        // The web apps want their CSRF token back, which any GET of an app page sets as a cookie.
        get("/camunda/app/welcome/default/", null);
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("the web apps set no XSRF-TOKEN cookie"));
        String form = "username=" + enc(user) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/welcome"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
