package io.kubeorch.inventory;

import io.kubeorch.inventory.Inventory.Containerd;
import io.kubeorch.inventory.Inventory.ControlPlaneEndpoint;
import io.kubeorch.inventory.Inventory.EndpointMode;
import io.kubeorch.inventory.Inventory.Kubernetes;
import io.kubeorch.inventory.Inventory.Network;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.Inventory.Repositories;
import io.kubeorch.inventory.Inventory.Role;
import io.kubeorch.inventory.Inventory.SshSettings;
import io.kubeorch.inventory.RawInventory.RawNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns inventory YAML into an {@link Inventory}: reads it strictly, applies the defaults, checks
 * every rule, and either returns a complete inventory or throws {@link InvalidInventoryException}
 * with every problem found. The format is described in docs/inventory.md.
 *
 * <p>An install starts with {@link #parse}, which also runs the {@link ServerSideCheck}s: what the
 * inventory names on the kubeorch server is checked once, there, before any host is touched. A
 * stored inventory, accepted when its install started, is {@link #read} without them: a page
 * showing an old install must not fail because a key file has gone since. A day-2 change to a
 * cluster that exists is checked with {@link #parseChange}.
 */
@Component
public class InventoryParser {

    private static final List<String> SECTIONS = Arrays.stream(RawInventory.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

    /**
     * Errors in the order of the format (name, kubernetes, ..., nodes, then node by node), so that
     * a node's problems stay together; the order within a section is kept.
     */
    private static final Comparator<InventoryError> IN_FORMAT_ORDER = Comparator
            .comparingInt((InventoryError error) -> SECTIONS.indexOf(section(error.field())))
            .thenComparingInt(error -> nodeIndex(error.field()));

    private static final Pattern NODE_INDEX = Pattern.compile("nodes\\[([0-9]+)\\].*");

    private final InventoryYamlReader reader = new InventoryYamlReader();
    private final List<ServerSideCheck> serverSideChecks;

    /** A parser of the inventory's own rules, without server-side checks. */
    public InventoryParser() {
        this(List.of());
    }

    public InventoryParser(List<ServerSideCheck> serverSideChecks) {
        this.serverSideChecks = List.copyOf(serverSideChecks);
    }

    @Autowired
    InventoryParser(ObjectProvider<ServerSideCheck> serverSideChecks) {
        this(serverSideChecks.orderedStream().toList());
    }

    /**
     * The inventory of an install about to start: its rules, then the server-side checks.
     *
     * @throws InvalidInventoryException listing every problem, each with its field path
     */
    public Inventory parse(String yaml) {
        return checkedOnServer(read(yaml, true));
    }

    /**
     * The inventory of a cluster that exists, as a day-2 operation would leave it: its rules (an
     * even number of control planes is allowed: the cluster runs, with the quorum it has), then the
     * server-side checks (the hosts it adds need their keys in known_hosts).
     *
     * @throws InvalidInventoryException listing every problem, each with its field path
     */
    public Inventory parseChange(String yaml) {
        return checkedOnServer(read(yaml, false));
    }

    private Inventory checkedOnServer(Inventory inventory) {
        List<InventoryError> errors = new ArrayList<>();
        for (ServerSideCheck check : serverSideChecks) {
            errors.addAll(check.check(inventory));
        }
        if (!errors.isEmpty()) {
            errors.sort(IN_FORMAT_ORDER);
            throw new InvalidInventoryException(errors);
        }
        return inventory;
    }

    /**
     * An inventory by its rules alone, such as one stored when its install started or as a day-2
     * operation left it (an even number of control planes is allowed there).
     *
     * @throws InvalidInventoryException listing every problem, each with its field path
     */
    public Inventory read(String yaml) {
        return read(yaml, false);
    }

    private Inventory read(String yaml, boolean newCluster) {
        InventoryYamlReader.Result read = reader.read(yaml);
        List<InventoryError> errors = new ArrayList<>(read.errors());
        if (read.raw() == null) {
            throw new InvalidInventoryException(errors);
        }
        RawInventory withDefaults = InventoryDefaults.apply(read.raw());
        for (InventoryError error : InventoryValidator.validate(withDefaults, newCluster)) {
            if (!isUnder(error.field(), read.badPaths())) {
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(IN_FORMAT_ORDER);
            throw new InvalidInventoryException(errors);
        }
        return build(withDefaults);
    }

    private static String section(String field) {
        int end = field.length();
        for (char separator : new char[] {'.', '['}) {
            int index = field.indexOf(separator);
            if (index >= 0) {
                end = Math.min(end, index);
            }
        }
        return field.substring(0, end);
    }

    private static int nodeIndex(String field) {
        Matcher matcher = NODE_INDEX.matcher(field);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** A field whose value the reader rejected is not reported again (e.g. as missing). */
    private static boolean isUnder(String field, Set<String> badPaths) {
        for (String bad : badPaths) {
            if (field.equals(bad) || field.startsWith(bad + ".") || field.startsWith(bad + "[")) {
                return true;
            }
        }
        return false;
    }

    /** Only called once validation passed: every required value is present and well-formed. */
    private static Inventory build(RawInventory raw) {
        var kubernetes = raw.kubernetes();
        var containerd = raw.containerd();
        var ssh = raw.ssh();
        return new Inventory(
                raw.name(),
                new Kubernetes(kubernetes.version(), kubernetes.podSubnet(), kubernetes.serviceSubnet(),
                        kubernetes.imageRepository()),
                endpoint(raw),
                new Containerd(containerd.version(), containerd.sandboxImage(), containerd.registryMirrors()),
                new Repositories(raw.repositories().containerd(), raw.repositories().kubernetes()),
                new Network(raw.network().plugin(), raw.network().version(), raw.network().manifestUrl()),
                new SshSettings(ssh.user(), ssh.port(), ssh.privateKeyFile(), ssh.passwordEnv(),
                        ssh.knownHostsFile(), ssh.acceptNewHostKeys(), ssh.sudo(), ssh.sudoPasswordEnv(),
                        ssh.jumpHost(), ssh.connectTimeoutSeconds()),
                raw.nodes().stream().map(InventoryParser::node).toList());
    }

    private static ControlPlaneEndpoint endpoint(RawInventory raw) {
        var endpoint = raw.controlPlaneEndpoint();
        if (endpoint == null) {
            return null;
        }
        EndpointMode mode = EndpointMode.of(endpoint.mode()).orElseThrow();
        boolean kubeVip = mode == EndpointMode.KUBE_VIP;
        return new ControlPlaneEndpoint(endpoint.name(), endpoint.port(), mode,
                kubeVip ? normalizedAddress(endpoint.vip()) : null,
                kubeVip ? endpoint.vipNetwork() : null,
                kubeVip ? endpoint.vipInterface() : null,
                kubeVip ? InventoryDefaults.kubeVipImage(raw.kubernetes().imageRepository(), endpoint.kubeVipVersion()) : null,
                mode == EndpointMode.EXTERNAL ? normalizedAddress(endpoint.loadBalancer()) : null);
    }

    private static String normalizedAddress(String address) {
        return IpAddresses.format(IpAddresses.parse(address));
    }

    private static Node node(RawNode raw) {
        List<Role> roles = raw.roles().stream()
                .map(label -> Arrays.stream(Role.values())
                        .filter(role -> role.label().equals(label))
                        .findFirst()
                        .orElseThrow())
                .toList();
        return new Node(raw.name(), raw.address(), roles);
    }
}
