package io.kubeorch.steps;

import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * Guide step 4: every node's {@code address name} in /etc/hosts, as one marked block replaced as a
 * whole. Runs {@code scripts/write-hosts-file.sh}.
 */
@Component("writeHostsFile")
class WriteHostsFile extends ScriptStep {

    WriteHostsFile() {
        super("writeHostsFile", "write-hosts-file.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("HOSTS_ENTRIES", entries(context.inventory()));
    }

    /** One {@code address name} line per node, in inventory order. */
    static String entries(Inventory inventory) {
        return inventory.nodes().stream().map(node -> node.address() + " " + node.name())
                .collect(Collectors.joining("\n"));
    }
}
