package io.kubeorch.steps;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.stereotype.Component;

/**
 * Guide step 23, on each joining node (further control planes and workers). Unchanged when the node
 * has /etc/kubernetes/kubelet.conf. Otherwise it fetches a fresh join command (and, for a control
 * plane, a certificate key) on the first control plane with {@code scripts/join-credentials.sh},
 * whose output is secret, and runs {@code scripts/join-node.sh} on the node with the token and key as
 * secret environment. The token is never logged, returned or put in a message.
 */
@Component("joinNode")
class JoinNode extends ScriptStep {

    private final Script credentials = Script.load("join-credentials.sh");

    JoinNode() {
        super("joinNode", "join-node.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        Node node = context.node();
        Node first = context.inventory().firstControlPlane();
        if (node.name().equals(first.name())) {
            throw new StepFailedException("joinNode was asked to join " + node.name()
                    + ", the first control plane, which initializes the cluster: the process model is wrong.");
        }
        ScriptOutput check = script().run(name(), context.host(),
                script().command(context.timeout()).env("JOIN_CHECK", "true").build());
        if ("already".equals(check.fact("joined"))) {
            return new StepResult(false, Map.of("joined", "already"));
        }

        JoinCredentials join = fetchCredentials(context, first, node.isControlPlane());
        RemoteCommand.Builder command = script().command(context.timeout())
                .env("JOIN_ENDPOINT", join.endpoint())
                .env("JOIN_CA_CERT_HASH", join.caCertHash())
                .env("NODE_NAME", node.name())
                .env("NODE_ADDRESS", node.address())
                .env("CONTROL_PLANE", Boolean.toString(node.isControlPlane()))
                .secretEnv("JOIN_TOKEN", join.token());
        join.certificateKey().ifPresent(key -> command.secretEnv("CERTIFICATE_KEY", key));
        ScriptOutput output = script().run(name(), context.host(), command.build());

        Map<String, String> facts = new LinkedHashMap<>(toResult(output).facts());
        facts.put("apiServerEndpoint", join.endpoint());
        return new StepResult(output.changed(), facts);
    }

    private JoinCredentials fetchCredentials(StepContext context, Node first, boolean controlPlane) {
        RemoteCommand command = credentials.command(context.timeout())
                .env("CONTROL_PLANE", Boolean.toString(controlPlane))
                .secretOutput()
                .build();
        try (RemoteHost host = context.hosts().open(first)) {
            CommandResult result = credentials.execute(name() + " (fetching a join token for "
                    + context.node().name() + ")", host, command);
            return JoinCredentials.parse(result.stdout(), controlPlane);
        }
    }
}
