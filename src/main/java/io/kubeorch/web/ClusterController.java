package io.kubeorch.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kubeorch.cluster.ClusterChanges;
import io.kubeorch.cluster.ClusterNotFoundException;
import io.kubeorch.cluster.ClusterQueries;
import io.kubeorch.cluster.ClusterView;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * kubeorch's REST API for the clusters it knows and their day-2 operations. A request that starts
 * one answers 202 with the operation's place ({@code /api/operations/{id}}), where its state,
 * approval and decisions are. Errors in the install API's format, with its statuses.
 */
@RestController
@RequestMapping("/api/clusters")
class ClusterController {

    private final ClusterQueries queries;
    private final ClusterChanges changes;
    private final IdentityService identity;

    ClusterController(ClusterQueries queries, ClusterChanges changes, IdentityService identity) {
        this.queries = queries;
        this.changes = changes;
        this.identity = identity;
    }

    @GetMapping
    List<ClusterView.Summary> all() {
        return queries.all();
    }

    @GetMapping("/{name}")
    ClusterView get(@PathVariable String name) {
        return queries.find(name).orElseThrow(() -> new ClusterNotFoundException(name));
    }

    /** Takes {@code nodes:} in the inventory's node format, as YAML or JSON. */
    @PostMapping(path = "/{name}/nodes", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml",
            "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Map<String, String>> addNodes(@PathVariable String name, @RequestBody(required = false) String body) {
        return accepted(changes.addNodes(name, body, user()));
    }

    @DeleteMapping("/{name}/nodes/{node}")
    ResponseEntity<Map<String, String>> removeNode(@PathVariable String name, @PathVariable String node) {
        return accepted(changes.removeNode(name, node, user()));
    }

    /** A removal must name its node: without one it is refused, never taken as "every node". */
    @DeleteMapping({"/{name}/nodes", "/{name}/nodes/"})
    ResponseEntity<Map<String, String>> removeNoNode(@PathVariable String name) {
        return accepted(changes.removeNode(name, null, user()));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Map<String, String>> tearDown(@PathVariable String name) {
        return accepted(changes.tearDown(name, user()));
    }

    private String user() {
        return identity.getCurrentAuthentication().getUserId();
    }

    private static ResponseEntity<Map<String, String>> accepted(String id) {
        return ResponseEntity.accepted().location(URI.create("/api/operations/" + id)).body(Map.of("id", id));
    }
}
