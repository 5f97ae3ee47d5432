package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.install.InstallRows;
import io.kubeorch.install.Installs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KubeorchWebTest
class InstallControllerTest {

    @LocalServerPort
    int port;

    @Autowired
    Installs installs;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void listsRecentInstallsNewestFirstWithoutTheirInventory() throws Exception {
        String inventory = Files.readString(Path.of("docs/example-inventory.yaml"));
        Instant base = Instant.parse("2031-05-04T10:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            InstallRows.add(installs, new Installs.Install(id, "cluster-" + i, inventory, null, "operator" + i,
                    base.plus(Duration.ofMinutes(i))));
        }

        HttpResponse<String> response = get("/api/installs?limit=" + InstallController.MAX_LIST, true);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        for (JsonNode install : json.readTree(response.body())) {
            if (ids.contains(install.get("id").asText())) {
                listed.add(install.get("id").asText());
            }
        }
        assertThat(listed).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        JsonNode newest = find(json.readTree(response.body()), ids.get(2));
        assertThat(newest.get("cluster").asText()).isEqualTo("cluster-2");
        assertThat(newest.get("requestedBy").asText()).isEqualTo("operator2");
        assertThat(Instant.parse(newest.get("requestedAt").asText())).isEqualTo(base.plus(Duration.ofMinutes(2)));
        assertThat(newest.has("inventory") || newest.has("inventoryYaml")).as("the list leaves inventories out").isFalse();
    }

    @Test
    void limitsTheList() throws Exception {
        String inventory = Files.readString(Path.of("docs/example-inventory.yaml"));
        for (int i = 0; i < 2; i++) {
            InstallRows.add(installs, new Installs.Install(UUID.randomUUID().toString(), "limited", inventory, null,
                    "operator", Instant.now()));
        }

        HttpResponse<String> response = get("/api/installs?limit=1", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).hasSize(1);
    }

    @Test
    void rejectsALimitOutOfRange() throws Exception {
        assertThat(get("/api/installs?limit=0", true).statusCode()).isEqualTo(400);
        assertThat(get("/api/installs?limit=" + (InstallController.MAX_LIST + 1), true).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAnInstallWhoseSshFilesAndVariablesAreNotOnTheServer() throws Exception {
        String inventory = Files.readString(Path.of("docs/example-inventory.yaml"))
                .replace("privateKeyFile: /etc/kubeorch/ssh/id_ed25519", "passwordEnv: KUBEORCH_TEST_UNSET_PASSWORD")
                .replace("knownHostsFile: /etc/kubeorch/ssh/known_hosts", "knownHostsFile: no/such/known_hosts");
        int before = installs.recent(InstallController.MAX_LIST).size();

        HttpResponse<String> response = http.send(authenticated("/api/installs")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(inventory)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("ssh.passwordEnv", "ssh.knownHostsFile");
        assertThat(errors.findValuesAsText("message").get(1))
                .contains(Path.of("no/such/known_hosts").toAbsolutePath().toString()).contains("working directory");
        assertThat(installs.recent(InstallController.MAX_LIST)).hasSize(before);
    }

    @Test
    void asksAnonymousCallersToAuthenticate() throws Exception {
        HttpResponse<String> response = get("/api/installs", false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode install : list) {
            if (install.get("id").asText().equals(id)) {
                return install;
            }
        }
        throw new AssertionError("install " + id + " not listed");
    }

    private HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = authenticated ? authenticated(path)
                : HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authenticated(String path) {
        String credentials = KubeorchWebTest.ADMIN + ":" + KubeorchWebTest.ADMIN_PASSWORD;
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
