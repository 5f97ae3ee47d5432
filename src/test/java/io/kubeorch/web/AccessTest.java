package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Roles;
import io.kubeorch.testing.DocumentedInventories;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The roles hold alike in {@code /api} and {@code /engine-rest}: a user with a login and no role
 * gets 403 everywhere, a viewer reads and changes nothing, an operator starts. Every refusal in
 * the one error format, naming the role that is missing.
 */
@KubeorchWebTest
class AccessTest {

    private static final String START_THROUGH_ENGINE_REST = "/engine-rest/process-definition/key/" + Processes.INSTALL
            + "/start";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    InstallStarter starter;

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String inventory;
    private String installId;

    @BeforeEach
    void anInstallAndItsPeople() throws Exception {
        People.user(identity, "nobody");
        People.user(identity, "viewer1", Roles.VIEWERS);
        People.user(identity, "operator1", Roles.OPERATORS);
        inventory = DocumentedInventories.read("example-inventory.yaml", Path.of("target", "access-test-ssh"));
        // the job executor is off: the install waits before its first step and never reaches a host
        installId = starter.start(inventory, "operator1");
    }

    @AfterEach
    void endTheInstall() {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(installId).list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "the access test is over"));
    }

    @Test
    void aUserInNoGroupIsRefusedEveryApiCallNamingTheRole() throws Exception {
        for (String[] call : List.of(
                new String[] {"GET", "/api/installs"},
                new String[] {"GET", "/api/installs/" + installId},
                new String[] {"GET", "/api/installs/" + installId + "/commands"},
                new String[] {"GET", "/api/no-such-thing"})) {
            JsonNode refusal = expect(403, send("nobody", call[0], call[1], null, null));
            assertThat(refusal.get("message").asText()).as(call[1])
                    .contains(Roles.VIEWERS).contains("user 'nobody'").contains("Admin");
        }
        for (String[] call : List.of(
                new String[] {"/api/installs", "application/yaml", inventory},
                new String[] {"/api/installs/" + installId + "/approval", "application/json", "{\"approved\":true}"},
                new String[] {"/api/installs/" + installId + "/decision", "application/json", "{\"decision\":\"abort\"}"})) {
            JsonNode refusal = expect(403, send("nobody", "POST", call[0], call[1], call[2]));
            assertThat(refusal.get("message").asText()).as(call[0]).contains(Roles.OPERATORS);
        }
    }

    @Test
    void aUserInNoGroupCannotStartTheProcessThroughTheEngineRestApi() throws Exception {
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey(Processes.INSTALL)
                .latestVersion().singleResult().getId();
        HttpResponse<String> response = send("nobody", "POST", "/engine-rest/process-definition/" + definition + "/start",
                "application/json", "{\"variables\":{}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("AuthorizationException");
        // by key the definition is not even found: they may not read it
        assertThat(send("nobody", "POST", START_THROUGH_ENGINE_REST, "application/json", "{}").statusCode())
                .isEqualTo(404);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Processes.INSTALL).count()).isEqualTo(1);
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() throws Exception {
        assertThat(send("viewer1", "GET", "/api/installs", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> install = send("viewer1", "GET", "/api/installs/" + installId, null, null);
        assertThat(install.statusCode()).as(install.body()).isEqualTo(200);
        assertThat(json.readTree(install.body()).get("state").asText()).isEqualTo("running");
        assertThat(send("viewer1", "GET", "/api/installs/" + installId + "/commands", null, null).statusCode())
                .isEqualTo(200);
        assertThat(send("viewer1", "GET", "/engine-rest/history/process-instance?processDefinitionKey="
                + Processes.INSTALL, null, null).body()).contains(installId);

        assertThat(expect(403, send("viewer1", "POST", "/api/installs", "application/yaml", inventory))
                .get("message").asText()).contains(Roles.OPERATORS).contains("user 'viewer1'");
        assertThat(expect(403, send("viewer1", "POST", "/api/installs/" + installId + "/approval", "application/json",
                "{\"approved\":true}")).get("message").asText()).contains(Roles.OPERATORS);
        assertThat(send("viewer1", "POST", START_THROUGH_ENGINE_REST, "application/json", "{}").statusCode())
                .isEqualTo(403);
        String processInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(installId)
                .singleResult().getId();
        assertThat(send("viewer1", "DELETE", "/engine-rest/process-instance/" + processInstance, null, null)
                .statusCode()).as("cancel").isEqualTo(403);
    }

    @Test
    void anOperatorStartsThroughEitherApi() throws Exception {
        HttpResponse<String> response = send("operator1", "POST", START_THROUGH_ENGINE_REST, "application/json",
                "{\"variables\":{}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String started = json.readTree(response.body()).get("id").asText();
        runtime.deleteProcessInstance(started, "only the start was tested");

        assertThat(send("operator1", "GET", "/api/installs/" + installId, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebAppsLoginReadsTheApiButChangesNothing() throws Exception {
        // what the login page does: its page sets the CSRF cookie, the login sends it back as a header
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(URI.create(base() + "/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        URI.create(base() + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=viewer1&password="
                        + URLEncoder.encode(People.PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/installs/" + installId))
                .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        HttpResponse<String> change = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/installs"))
                .header("Content-Type", "application/yaml").header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(inventory)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(change.headers().firstValue("WWW-Authenticate")).as("no password prompt for the page").isEmpty();
        assertThat(json.readTree(change.body()).get("message").asText()).contains("basic authentication");
    }

    @Test
    void aRefusedLoginSaysWhyAndWhatToDo() throws Exception {
        People.user(identity, "forgetful", Roles.OPERATORS);

        HttpResponse<String> wrong = sendAs("forgetful", "not-the-password", "GET", "/api/installs");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Basic"));
        assertThat(json.readTree(wrong.body()).get("message").asText()).contains("wrong");

        HttpResponse<String> rightTooSoon = sendAs("forgetful", People.PASSWORD, "GET", "/api/installs");
        assertThat(rightTooSoon.statusCode()).isEqualTo(401);
        assertThat(json.readTree(rightTooSoon.body()).get("message").asText())
                .contains("user 'forgetful' is locked for").contains("even the right password");

        identity.unlockUser("forgetful");
        assertThat(sendAs("forgetful", People.PASSWORD, "GET", "/api/installs").statusCode()).isEqualTo(200);
    }

    private JsonNode expect(int status, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        return error;
    }

    private HttpResponse<String> send(String user, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", basic(user, People.PASSWORD))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendAs(String user, String password, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", basic(user, password))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
