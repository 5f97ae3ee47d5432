package io.kubeorch.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.install.Approvals;
import io.kubeorch.install.HostsBusyException;
import io.kubeorch.install.InstallNotFoundException;
import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.install.InstallView;
import io.kubeorch.install.Installs;
import io.kubeorch.inventory.InvalidInventoryException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    /** Takes the inventory YAML as the request body. */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Map<String, String>> start(@RequestBody String inventoryYaml) {
        String id = starter.start(inventoryYaml, identity.getCurrentAuthentication().getUserId());
        return ResponseEntity.created(URI.create("/api/installs/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    ResponseEntity<InstallView> get(@PathVariable String id) {
        return ResponseEntity.of(queries.find(id));
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
    ResponseEntity<List<CommandRecord>> commands(@PathVariable String id) {
        if (queries.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(commands.forInstall(id));
    }

    record ApprovalRequest(Boolean approved, String comment) {
    }

    record DecisionRequest(String decision, String comment) {
    }

    record Problem(String error, List<FieldError> errors) {
    }

    record FieldError(String field, String message) {
    }

    @ExceptionHandler(InvalidInventoryException.class)
    ResponseEntity<Problem> invalidInventory(InvalidInventoryException e) {
        return ResponseEntity.badRequest().body(new Problem("invalid inventory",
                e.errors().stream().map(error -> new FieldError(error.field(), error.message())).toList()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Problem> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new Problem(e.getMessage(), List.of()));
    }

    @ExceptionHandler(HostsBusyException.class)
    ResponseEntity<Problem> hostsBusy(HostsBusyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), List.of()));
    }

    @ExceptionHandler(InstallNotFoundException.class)
    ResponseEntity<Problem> notFound(InstallNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem(e.getMessage(), List.of()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Problem> conflict(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), List.of()));
    }
}
