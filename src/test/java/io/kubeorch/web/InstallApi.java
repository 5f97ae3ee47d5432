package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** kubeorch's REST API as an operator's script uses it: HTTP basic authentication, JSON back. */
public final class InstallApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String authorization;

    InstallApi(int port, String user, String password) {
        this("http://localhost:" + port, user, password, HttpClient.newHttpClient());
    }

    /** For kubeorch at {@code baseUrl} (e.g. a {@code KubeorchProcess}'s), through {@code http} (its TLS trust). */
    public InstallApi(String baseUrl, String user, String password, HttpClient http) {
        this.http = http;
        this.base = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public record Response(int status, JsonNode body) {
    }

    public Response startInstall(String inventoryYaml) {
        return send(HttpRequest.newBuilder(uri("/api/installs"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(inventoryYaml)));
    }

    public String startedInstall(String inventoryYaml) {
        Response response = startInstall(inventoryYaml);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    public JsonNode install(String id) {
        Response response = send(HttpRequest.newBuilder(uri("/api/installs/" + id)).GET());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    /** GET of any path of kubeorch's API, expected to answer 200: its body. */
    public JsonNode read(String path) {
        Response response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    public List<JsonNode> commands(String id) {
        Response response = send(HttpRequest.newBuilder(uri("/api/installs/" + id + "/commands")).GET());
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> commands = new ArrayList<>();
        response.body().forEach(commands::add);
        return commands;
    }

    public Response approve(String id, boolean approved, String comment) {
        return post("/api/installs/" + id + "/approval", Map.of("approved", approved, "comment", comment));
    }

    public Response decide(String id, String decision, String comment) {
        return post("/api/installs/" + id + "/decision", Map.of("decision", decision, "comment", comment));
    }

    public Response engineRest(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/engine-rest" + path))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request);
    }

    /** Polls the install until its state is one of {@code states}; fails with the last view after {@code timeout}. */
    public JsonNode awaitState(String id, Duration timeout, String... states) {
        return await("install " + id, () -> install(id), timeout, states);
    }

    // ---- clusters and their operations (any operation, an install too, at /api/operations)

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** {@code POST /api/clusters/{name}/nodes} with {@code body} as YAML. */
    public Response addNodes(String cluster, String body) {
        return send(HttpRequest.newBuilder(uri("/api/clusters/" + cluster + "/nodes"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The id of the operation a day-2 request started: 202, its place in Location. */
    public String accepted(Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        return response.body().get("id").asText();
    }

    public JsonNode operation(String id) {
        Response response = get("/api/operations/" + id);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    public List<JsonNode> operationCommands(String id) {
        Response response = get("/api/operations/" + id + "/commands");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> commands = new ArrayList<>();
        response.body().forEach(commands::add);
        return commands;
    }

    public Response approveOperation(String id, boolean approved, String comment) {
        return post("/api/operations/" + id + "/approval", Map.of("approved", approved, "comment",
                comment == null ? "" : comment));
    }

    public Response decideOperation(String id, String decision, String comment) {
        return post("/api/operations/" + id + "/decision", Map.of("decision", decision, "comment",
                comment == null ? "" : comment));
    }

    /** Polls the operation until its state is one of {@code states}; fails with the last view after {@code timeout}. */
    public JsonNode awaitOperation(String id, Duration timeout, String... states) {
        return await("operation " + id, () -> operation(id), timeout, states);
    }

    private static JsonNode await(String what, java.util.function.Supplier<JsonNode> view, Duration timeout,
            String... states) {
        Set<String> wanted = Set.of(states);
        Instant deadline = Instant.now().plus(timeout);
        JsonNode now = view.get();
        while (!wanted.contains(now.get("state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " is still " + now.get("state") + " after " + timeout
                        + ", not " + wanted + ": " + now.toPrettyString());
            }
            sleep(Duration.ofMillis(250));
            now = view.get();
        }
        return now;
    }

    private Response post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
