package io.kubeorch.web;

import java.util.List;

import io.kubeorch.audit.CommandRecord;
import io.kubeorch.audit.CommandRecords;
import io.kubeorch.cluster.OperationApprovals;
import io.kubeorch.cluster.OperationNotFoundException;
import io.kubeorch.cluster.OperationQueries;
import io.kubeorch.cluster.OperationView;
import io.kubeorch.web.InstallController.ApprovalRequest;
import io.kubeorch.web.InstallController.DecisionRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every operation, an install or a day-2 one, read and given its approval and decisions the same
 * way ({@code /api/installs} stays as it is, for installs). Errors in the install API's format.
 */
@RestController
@RequestMapping("/api/operations")
class OperationController {

    private final OperationQueries queries;
    private final OperationApprovals approvals;
    private final CommandRecords commands;

    OperationController(OperationQueries queries, OperationApprovals approvals, CommandRecords commands) {
        this.queries = queries;
        this.approvals = approvals;
        this.commands = commands;
    }

    /** The most recently requested operations of every kind first; a state is one {@code GET /api/operations/{id}} away. */
    @GetMapping
    List<OperationQueries.Summary> recent(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > InstallController.MAX_LIST) {
            throw new IllegalArgumentException("limit: between 1 and " + InstallController.MAX_LIST);
        }
        return queries.recent(limit);
    }

    @GetMapping("/{id}")
    OperationView get(@PathVariable String id) {
        return queries.find(id).orElseThrow(() -> new OperationNotFoundException(id));
    }

    @PostMapping(path = "/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> approve(@PathVariable String id, @RequestBody ApprovalRequest request) {
        if (request.approved() == null) {
            throw new IllegalArgumentException("approved: say true to go ahead or false to reject");
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
        if (queries.find(id).isEmpty()) {
            throw new OperationNotFoundException(id);
        }
        return commands.forInstall(id);
    }
}
