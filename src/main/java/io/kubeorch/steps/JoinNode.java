package io.kubeorch.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.stereotype.Component;

/**
 * Guide step 23, on each joining node (further control planes and workers). Unchanged when the node
 * has /etc/kubernetes/kubelet.conf. Otherwise it mints a fresh join command right before the join
 * (and, for a control plane, uploads the certificates again for a new certificate key: the uploaded
 * ones expire after two hours, so a join retried later still works) with
 * {@code scripts/join-credentials.sh}, whose output is secret, on the first control plane whose API
 * server answers (in inventory order: with several, the join does not depend on the first one), and
 * runs {@code scripts/join-node.sh} on the node with the token and key as secret environment. The
 * token and key are never logged, returned or put in a message.
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

        Minted minted = mint(context, node);
        JoinCredentials join = minted.credentials();
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
        facts.put("credentialsFrom", minted.source().name());
        return new StepResult(output.changed(), facts);
    }

    private record Minted(JoinCredentials credentials, Node source) {
    }

    /** Credentials from the first control plane (other than the node) that can mint them. */
    private Minted mint(StepContext context, Node node) {
        List<String> failures = new ArrayList<>();
        for (Node source : context.inventory().controlPlanes()) {
            if (source.name().equals(node.name())) {
                continue;
            }
            try {
                return new Minted(fetchCredentials(context, source, node.isControlPlane()), source);
            } catch (StepFailedException | SshException e) {
                failures.add(e.getMessage());
            }
        }
        throw new StepFailedException(name() + " found no control plane that can mint a join token for "
                + node.name() + ":\n" + String.join("\n", failures));
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
