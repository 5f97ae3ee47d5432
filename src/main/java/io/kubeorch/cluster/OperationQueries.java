package io.kubeorch.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallView;
import io.kubeorch.install.Installs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads operations of every kind: a day-2 operation from the operation table, an install from the
 * install table; the state of either from its process, the same way ({@link InstallQueries#progress}).
 */
@Service
public class OperationQueries {

    private final Operations operations;
    private final Installs installs;
    private final InstallQueries installQueries;
    private final JdbcTemplate jdbc;

    OperationQueries(Operations operations, Installs installs, InstallQueries installQueries, JdbcTemplate jdbc) {
        this.operations = operations;
        this.installs = installs;
        this.installQueries = installQueries;
        this.jdbc = jdbc;
    }

    /** An operation in a list: what, on which cluster, by whom; its state is one {@link #find} away. */
    public record Summary(String id, OperationKind kind, String cluster, List<String> nodes, String requestedBy,
            Instant requestedAt) {
    }

    public Optional<OperationView> find(String id) {
        Optional<Operation> operation = operations.find(id);
        if (operation.isPresent()) {
            Operation found = operation.get();
            InstallQueries.Progress progress = installQueries.progress(found.processInstanceId());
            return Optional.of(new OperationView(found.id(), found.kind(), found.cluster(), found.nodes(),
                    progress.state(), progress.message(), found.processInstanceId(), found.requestedBy(),
                    found.requestedAt(), progress.incidents()));
        }
        return installQueries.find(id).map(install -> new OperationView(install.id(), OperationKind.INSTALL,
                install.cluster(), install.nodes().stream().map(InstallView.NodeView::name).toList(), install.state(),
                install.message(), install.processInstanceId(), install.requestedBy(), install.requestedAt(),
                install.incidents()));
    }

    /** The {@code limit} most recently requested operations of every kind, newest first. */
    public List<Summary> recent(int limit) {
        List<Summary> all = new ArrayList<>(operations.recent(limit).stream().map(OperationQueries::summary).toList());
        installs.recent(limit).forEach(install -> all.add(new Summary(install.id(), OperationKind.INSTALL,
                install.cluster(), List.of(), install.requestedBy(), install.requestedAt())));
        return newestFirst(all, limit);
    }

    /** Every operation on the cluster of this name, its installs included, newest first. */
    List<Summary> ofCluster(String cluster) {
        List<Summary> all = new ArrayList<>(operations.ofCluster(cluster).stream().map(OperationQueries::summary).toList());
        // the install table is read with SQL of its own here: installs of a cluster's name
        all.addAll(jdbc.query("SELECT id, cluster_name, requested_by, requested_at FROM install WHERE cluster_name = ?",
                (row, i) -> new Summary(row.getString("id"), OperationKind.INSTALL, row.getString("cluster_name"),
                        List.of(), row.getString("requested_by"), row.getTimestamp("requested_at").toInstant()),
                cluster));
        return newestFirst(all, Integer.MAX_VALUE);
    }

    private static Summary summary(Operations.Summary operation) {
        return new Summary(operation.id(), operation.kind(), operation.cluster(), operation.nodes(),
                operation.requestedBy(), operation.requestedAt());
    }

    private static List<Summary> newestFirst(List<Summary> all, int limit) {
        return all.stream().sorted(Comparator.comparing(Summary::requestedAt).thenComparing(Summary::id).reversed())
                .limit(limit).toList();
    }
}
