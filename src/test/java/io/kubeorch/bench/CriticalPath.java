package io.kubeorch.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeorch.lab.LabCommandRecord;

/**
 * The critical path of an install, from the lab's command records: the longest chain of SSH
 * commands that had to run one after another.
 *
 * <p>Each lab record (server side: node, start, end) is given the kubeorch step that ran it by
 * matching it to kubeorch's own command record (same host, the lab's interval inside kubeorch's).
 * The install process then imposes these stages, one after another, each a barrier (the order of
 * processes/install-cluster.bpmn; approval is given at once and counts zero):
 *
 * <ol>
 * <li>{@code checkHostRequirements} on every node at once: the stage lasts as long as its slowest node;</li>
 * <li>prepare-node, one child process per node: per node the chain of its commands, the stage as long as the longest chain;</li>
 * <li>on the first control plane, one after another: pullImages, renderKubeadmConfig, runPreflight,
 *     initControlPlane, installAdminKubeconfig;</li>
 * <li>join-node for further control planes, then 5. for workers: per joining node the chain of its
 *     joinNode commands, including the join-credentials command its step runs on the first control
 *     plane (each node's join command paired with the
 *     latest credentials command that ended before it);</li>
 * <li>applyNetworkPlugin, then the cluster's own wait (the lab's {@code calico-ready} latency, counted
 *     from the end of the apply command), then the last, successful, checkClusterReady command, counted
 *     from when the cluster was Ready if it started before (it waits on the host). Earlier readiness
 *     checks that found the cluster not yet Ready are not on the path.</li>
 * </ol>
 * Retried commands (non-zero exit in a per-node step) count as they ran.
 */
final class CriticalPath {

    /** A lab record with the step kubeorch ran it for. */
    record Command(String host, String step, long startMs, long endMs, int exitCode) {
        long durationMs() {
            return endMs - startMs;
        }
    }

    /** One stage: chains that run in parallel; a chain's commands run one after another. */
    record Stage(String name, Map<String, List<Command>> chains, long extraMs) {
        long lengthMs() {
            return chains.values().stream().mapToLong(CriticalPath::sum).max().orElse(0) + extraMs;
        }
    }

    static final List<String> PREPARE = List.of("disableFirewall", "disableSelinux", "setHostname", "writeHostsFile",
            "configureKernelNetworking", "disableSwap", "configureContainerdRepository", "installContainerd",
            "configureContainerd", "startContainerd", "configureKubernetesRepository", "installKubernetesPackages",
            "configureKubelet", "resolveControlPlaneEndpoint", "writeKubeVipManifest", "checkLoadBalancer",
            "configureApiServerProxy");
    static final List<String> FIRST_CONTROL_PLANE = List.of("pullImages", "renderKubeadmConfig", "runPreflight",
            "initControlPlane", "installAdminKubeconfig");

    final List<Stage> stages;
    final List<Command> commands;

    private CriticalPath(List<Stage> stages, List<Command> commands) {
        this.stages = stages;
        this.commands = commands;
    }

    long lengthMs() {
        return stages.stream().mapToLong(Stage::lengthMs).sum();
    }

    /** One kubeorch command record: host, step, client-side start and duration. */
    record Recorded(String node, String step, long startMs, long durationMs) {
    }

    /**
     * @param lab the lab's records of this install only
     * @param recorded kubeorch's records of the install
     * @param firstControlPlane the inventory's first control plane
     * @param joiningControlPlanes and {@code workers}: node names, from the inventory
     * @param calicoReadyMs the lab's calico-ready latency
     */
    static CriticalPath of(List<LabCommandRecord> lab, List<Recorded> recorded, String firstControlPlane,
            List<String> joiningControlPlanes, List<String> workers, long calicoReadyMs) {
        List<Command> commands = attribute(lab, recorded);
        Map<String, List<Command>> byStep = new LinkedHashMap<>();
        for (Command c : commands) {
            byStep.computeIfAbsent(c.step(), k -> new ArrayList<>()).add(c);
        }
        Set<String> known = new HashSet<>(PREPARE);
        known.addAll(FIRST_CONTROL_PLANE);
        known.addAll(List.of("checkHostRequirements", "joinNode", "applyNetworkPlugin", "checkClusterReady"));
        for (String step : byStep.keySet()) {
            if (!known.contains(step)) {
                throw new IllegalStateException("step " + step + " is in no stage of the critical path: update "
                        + CriticalPath.class.getSimpleName() + " to the process model");
            }
        }
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("host checks", chainsByHost(byStep.getOrDefault("checkHostRequirements", List.of())), 0));
        List<Command> prepare = commands.stream().filter(c -> PREPARE.contains(c.step())).toList();
        stages.add(new Stage("prepare nodes", chainsByHost(prepare), 0));
        List<Command> first = commands.stream().filter(c -> FIRST_CONTROL_PLANE.contains(c.step())).toList();
        stages.add(new Stage("first control plane", Map.of(firstControlPlane, first), 0));
        List<Command> joins = byStep.getOrDefault("joinNode", List.of());
        stages.add(new Stage("join control planes", joinChains(joins, joiningControlPlanes, firstControlPlane), 0));
        stages.add(new Stage("join workers", joinChains(joins, workers, firstControlPlane), 0));
        List<Command> finish = new ArrayList<>(byStep.getOrDefault("applyNetworkPlugin", List.of()));
        List<Command> checks = byStep.getOrDefault("checkClusterReady", List.of());
        if (!checks.isEmpty()) {
            // A check started before the cluster was Ready waits for it on the host: only the part
            // after Ready (its last look) is on the path, the wait is the calico-ready latency's.
            Command last = checks.get(checks.size() - 1);
            long readyAt = finish.isEmpty() ? last.startMs() : finish.get(finish.size() - 1).endMs() + calicoReadyMs;
            finish.add(new Command(last.host(), last.step(), Math.max(last.startMs(), Math.min(readyAt, last.endMs())),
                    last.endMs(), last.exitCode()));
        }
        stages.add(new Stage("network and readiness", Map.of(firstControlPlane, finish), calicoReadyMs));
        return new CriticalPath(stages, commands);
    }

    /** Gives each lab record the step of the kubeorch record on the same host whose interval holds it. */
    static List<Command> attribute(List<LabCommandRecord> lab, List<Recorded> recorded) {
        List<LabCommandRecord> open = new ArrayList<>(lab);
        open.sort(Comparator.comparingLong(LabCommandRecord::startMs));
        // A bipartite matching (augmenting paths): concurrent commands on one host (join credentials
        // for several nodes at once) have nested intervals, which a greedy pairing can get wrong.
        List<Recorded> sorted = new ArrayList<>(recorded);
        sorted.sort(Comparator.comparingLong(Recorded::startMs));
        List<List<Integer>> candidates = new ArrayList<>();
        for (Recorded r : sorted) {
            List<Integer> holds = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                LabCommandRecord l = open.get(i);
                if (l.node().equals(r.node()) && l.startMs() >= r.startMs() - 2
                        && l.endMs() <= r.startMs() + r.durationMs() + 2) {
                    holds.add(i);
                }
            }
            candidates.add(holds);
        }
        int[] labOwner = new int[open.size()];
        java.util.Arrays.fill(labOwner, -1);
        for (int k = 0; k < sorted.size(); k++) {
            if (!augment(k, candidates, labOwner, new boolean[open.size()])) {
                throw new IllegalStateException("no lab record for kubeorch's " + sorted.get(k));
            }
        }
        List<Command> commands = new ArrayList<>();
        List<LabCommandRecord> unmatched = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            LabCommandRecord l = open.get(i);
            if (labOwner[i] < 0) {
                unmatched.add(l);
            } else {
                commands.add(new Command(l.node(), sorted.get(labOwner[i]).step(), l.startMs(), l.endMs(), l.exitCode()));
            }
        }
        open = unmatched;
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " lab records kubeorch did not record, e.g. " + open.get(0));
        }
        commands.sort(Comparator.comparingLong(Command::startMs));
        return commands;
    }

    private static boolean augment(int k, List<List<Integer>> candidates, int[] labOwner, boolean[] seen) {
        for (int i : candidates.get(k)) {
            if (seen[i]) {
                continue;
            }
            seen[i] = true;
            if (labOwner[i] < 0 || augment(labOwner[i], candidates, labOwner, seen)) {
                labOwner[i] = k;
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<Command>> chainsByHost(List<Command> commands) {
        Map<String, List<Command>> chains = new LinkedHashMap<>();
        for (Command c : commands) {
            chains.computeIfAbsent(c.host(), k -> new ArrayList<>()).add(c);
        }
        return chains;
    }

    /** Per joining node: its own joinNode commands, plus the credentials command run for it on the first control plane. */
    private static Map<String, List<Command>> joinChains(List<Command> joins, List<String> nodes, String firstControlPlane) {
        Map<String, List<Command>> chains = new LinkedHashMap<>();
        List<Command> credentials = new ArrayList<>(joins.stream().filter(c -> c.host().equals(firstControlPlane)).toList());
        List<String> byFirstJoin = new ArrayList<>(nodes);
        Map<String, Long> joinStart = new LinkedHashMap<>();
        for (String node : nodes) {
            List<Command> own = joins.stream().filter(c -> c.host().equals(node)).toList();
            chains.put(node, new ArrayList<>(own));
            // the join command itself is the node's last; the credentials were fetched before it
            joinStart.put(node, own.isEmpty() ? Long.MAX_VALUE : own.get(own.size() - 1).startMs());
        }
        byFirstJoin.sort(Comparator.comparingLong(joinStart::get));
        for (String node : byFirstJoin) {
            Command best = null;
            for (Command c : credentials) {
                if (c.endMs() <= joinStart.get(node) + 2 && (best == null || c.endMs() > best.endMs())) {
                    best = c;
                }
            }
            if (best != null) {
                credentials.remove(best);
                List<Command> chain = chains.get(node);
                chain.add(best);
                chain.sort(Comparator.comparingLong(Command::startMs));
            }
        }
        return chains;
    }

    static long sum(List<Command> chain) {
        return chain.stream().mapToLong(Command::durationMs).sum();
    }
}
