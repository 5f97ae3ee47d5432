package io.kubeorch.steps;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * The local proxy's list of API servers (local-proxy mode, every node that is not a control
 * plane): HAProxy on 127.0.0.1:&lt;endpoint port&gt;, every control plane of the inventory as a
 * backend, health-checked with GET /healthz, restarted only when the list changed. A step of its
 * own so that a day-2 change of the control planes reruns it. Elsewhere (control planes, other
 * modes) it does nothing. Runs {@code scripts/configure-api-server-proxy.sh}.
 */
@Component("configureApiServerProxy")
class ConfigureApiServerProxy extends ScriptStep {

    /** How often HAProxy checks each API server, and after how many failures it takes one out. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    static final int FALL = 2;

    ConfigureApiServerProxy() {
        super("configureApiServerProxy", "configure-api-server-proxy.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        if (!ResolveControlPlaneEndpoint.usesLocalProxy(context.inventory(), context.node())) {
            return new StepResult(false, Map.of("apiServerProxy", "not used on this node"));
        }
        StepResult result = super.run(context);
        Map<String, String> facts = new LinkedHashMap<>(result.facts());
        facts.put("apiServerProxy", String.join(" ", context.inventory().controlPlanes().stream()
                .map(node -> node.address() + ":" + KubeadmConfig.BIND_PORT).toList()));
        return new StepResult(result.changed(), facts);
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("PROXY_CONFIG", render(context.inventory()));
    }

    /**
     * TCP mode end to end (TLS stays between client and API server); a failed connection is retried
     * on another server at once ({@code option redispatch}), and a server whose /healthz fails twice
     * is taken out until it passes twice. Long timeouts for kubectl's and the kubelet's watches.
     */
    static String render(Inventory inventory) {
        int port = inventory.endpoint().orElseThrow().port();
        StringBuilder config = new StringBuilder()
                .append("# Written by kubeorch: the local proxy in front of every API server of cluster ")
                .append(inventory.name()).append(".\n")
                .append("# Rerun configureApiServerProxy after adding or removing a control plane.\n")
                .append("global\n")
                .append("    log /dev/log local0 warning\n")
                .append("    maxconn 4000\n")
                .append("\n")
                .append("defaults\n")
                .append("    mode tcp\n")
                .append("    log global\n")
                .append("    option tcplog\n")
                .append("    option redispatch\n")
                .append("    retries 3\n")
                .append("    timeout connect 3s\n")
                .append("    timeout client 1h\n")
                .append("    timeout server 1h\n")
                .append("\n")
                .append("frontend kube-apiserver\n")
                .append("    bind 127.0.0.1:").append(port).append('\n')
                .append("    default_backend kube-apiserver\n")
                .append("\n")
                .append("backend kube-apiserver\n")
                .append("    balance roundrobin\n")
                .append("    option httpchk GET /healthz\n")
                .append("    http-check expect status 200\n")
                .append("    default-server inter ").append(CHECK_INTERVAL.toSeconds()).append("s fall ").append(FALL)
                .append(" rise 2 check check-ssl verify none\n");
        for (Node controlPlane : inventory.controlPlanes()) {
            config.append("    server ").append(controlPlane.name()).append(' ').append(controlPlane.address())
                    .append(':').append(KubeadmConfig.BIND_PORT).append('\n');
        }
        return config.toString();
    }
}
