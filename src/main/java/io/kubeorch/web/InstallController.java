package io.kubeorch.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.install.Approvals;
import io.kubeorch.install.InstallNotFoundException;
import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.install.InstallView;
import io.kubeorch.install.Installs;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** kubeorch's REST API for installs. Authentication is HTTP basic against Camunda's users. */
@RestController
@RequestMapping("/api/installs")
class InstallController {

    static final int MAX_LIST = 1000;

    private final InstallStarter starter;
    private final InstallQueries queries;
    private final Approvals approvals;
    private final CommandRecords commands;
    private final Installs installs;
    private final IdentityService identity;

    InstallController(InstallStarter starter, InstallQueries queries, Approvals approvals, CommandRecords commands,
            Installs installs, IdentityService identity) {
        this.starter = starter;
        this.queries = queries;
        this.approvals = approvals;
        this.commands = commands;
        this.installs = installs;
        this.identity = identity;
    }

    /** The most recently requested installs first; their state is one {@code GET /api/installs/{id}} away. */
    @GetMapping
    List<Installs.Summary> recent(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit: between 1 and " + MAX_LIST);
        }
        return installs.recent(limit);
    }

    /** Takes the inventory as the request body: YAML, or JSON (which is YAML too). */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, String>> start(@RequestBody String inventoryYaml) {
        String id = starter.start(inventoryYaml, identity.getCurrentAuthentication().getUserId());
        return ResponseEntity.created(URI.create("/api/installs/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    InstallView get(@PathVariable String id) {
        return queries.find(id).orElseThrow(() -> new InstallNotFoundException(id));
    }

    @PostMapping(path = "/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> approve(@PathVariable String id, @RequestBody ApprovalRequest request) {
        if (request.approved() == null) {
            throw new IllegalArgumentException("approved: say true to run kubeadm init or false to reject");
        }
        approvals.approve(id, request.approved(), request.comment());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> decide(@PathVariable String id, @RequestBody DecisionRequest request) {
        approvals.decide(id, request.decision() == null ? "" : request.decision(), request.comment());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/commands")
    List<CommandRecord> commands(@PathVariable String id) {
        if (installs.find(id).isEmpty()) {
            throw new InstallNotFoundException(id);
        }
        return commands.forInstall(id);
    }

    record ApprovalRequest(Boolean approved, String comment) {
    }

    record DecisionRequest(String decision, String comment) {
    }
}
