package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every /api error has one format: status, a message that says what to do, field errors where there are some. */
@KubeorchWebTest
class ApiErrorsTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRequestWithoutABodyIsABadRequestThatSaysWhatToSend() throws Exception {
        JsonNode error = expect(400, send("POST", "/api/installs", "application/yaml", ""));
        assertThat(error.get("message").asText()).contains("no body").contains("inventory");

        error = expect(400, send("POST", "/api/installs/x/approval", "application/json", ""));
        assertThat(error.get("message").asText()).contains("no body").contains("JSON");
    }

    @Test
    void aWrongContentTypeNamesTheAcceptedOnes() throws Exception {
        HttpResponse<String> response = send("POST", "/api/installs", "application/x-www-form-urlencoded", "a=b");

        JsonNode error = expect(415, response);
        assertThat(error.get("message").asText()).contains("application/yaml").contains("application/json");
        assertThat(response.headers().firstValue("Accept")).hasValueSatisfying(accept ->
                assertThat(accept).contains("application/yaml"));
    }

    @Test
    void anInventoryIsAcceptedAsJsonToo() throws Exception {
        Object inventory = new YAMLMapper().readValue(Files.readString(Path.of("docs/example-inventory.yaml")), Object.class);
        String asJson = json.writeValueAsString(inventory);

        HttpResponse<String> response = send("POST", "/api/installs", "application/json", asJson);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        // the example's SSH files are not on this server: the JSON was read, then checked like YAML
        assertThat(json.readTree(response.body()).get("errors").findValuesAsText("field"))
                .contains("ssh.privateKeyFile", "ssh.knownHostsFile");
    }

    @Test
    void aParameterThatIsNotANumberNamesTheParameter() throws Exception {
        JsonNode error = expect(400, send("GET", "/api/installs?limit=abc", null, null));

        assertThat(error.get("message").asText()).isEqualTo("limit: 'abc' is not a whole number");
        assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(error.toString()).doesNotContain("java.", "Exception");
    }

    @Test
    void anUnknownInstallAndAnUnknownPathAreNotFoundWithABody() throws Exception {
        assertThat(expect(404, send("GET", "/api/installs/no-such-install", null, null)).get("message").asText())
                .contains("no install no-such-install");
        assertThat(expect(404, send("GET", "/api/installs/no-such-install/commands", null, null)).get("message").asText())
                .contains("no install no-such-install");
        assertThat(expect(404, send("GET", "/api/no-such-thing", null, null)).get("message").asText())
                .contains("no such API: GET /api/no-such-thing");
    }

    @Test
    void aWrongMethodSaysWhichOnesThePathTakes() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/installs", null, null);

        assertThat(expect(405, response).get("message").asText()).contains("GET").contains("POST");
        assertThat(response.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void aBadLimitAndABadChoiceAreBadRequests() throws Exception {
        assertThat(expect(400, send("GET", "/api/installs?limit=0", null, null)).get("message").asText())
                .contains("limit");
        assertThat(expect(400, send("POST", "/api/installs/x/approval", "application/json", "{}")).get("message").asText())
                .contains("approved");
        assertThat(expect(400, send("POST", "/api/installs/x/approval", "application/json", "{not json"))
                .get("message").asText()).contains("not valid JSON");
    }

    @Test
    void pagesOutsideTheApiKeepTheirOwnErrors() throws Exception {
        HttpResponse<String> response = send("GET", "/installs/no-such-file.png", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("no such API");
    }

    private JsonNode expect(int status, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("errors").isArray()).isTrue();
        return error;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        String credentials = KubeorchWebTest.ADMIN + ":" + KubeorchWebTest.ADMIN_PASSWORD;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
