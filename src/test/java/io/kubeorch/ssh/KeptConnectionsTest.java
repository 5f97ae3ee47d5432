package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The connector that keeps a node's connection for its next step. */
class KeptConnectionsTest {

    private final List<Connection> opened = new ArrayList<>();
    private final KeptConnections kept = new KeptConnections(target -> {
        Connection connection = new Connection(target.nodeName());
        opened.add(connection);
        return connection;
    });

    private static SshTarget target(String node, String address) {
        return new SshTarget(node, address, 22, "root", Path.of("/keys/id"), null, Path.of("/keys/known_hosts"),
                false, false, null, null, Duration.ofSeconds(5));
    }

    private static final RemoteCommand TRUE = RemoteCommand.script("true", "true").build();

    @Test
    void aNodesNextStepReusesTheConnectionOfItsLastStep() {
        SshTarget node = target("node01", "10.0.0.1");
        try (RemoteHost step = kept.connect(node)) {
            step.run(TRUE);
        }
        try (RemoteHost step = kept.connect(node)) {
            step.run(TRUE);
        }
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).closed).isFalse();
        assertThat(opened.get(0).commands).isEqualTo(2);
    }

    @Test
    void stoppingAStepAfterItHandedItsConnectionBackLeavesTheNextStepAlone() {
        SshTarget node = target("node01", "10.0.0.1");
        RemoteHost first = kept.connect(node);
        first.run(TRUE);
        first.close();
        RemoteHost next = kept.connect(node);

        first.cancel();
        assertThat(opened.get(0).cancelled).as("the handed-back lease cancels nothing").isZero();

        next.cancel();
        next.close();
        assertThat(opened.get(0).cancelled).isEqualTo(1);
        assertThat(opened.get(0).closed).as("a cancelled connection is never handed on").isTrue();
    }

    @Test
    void anotherTargetNeverGetsTheConnection() {
        kept.connect(target("node01", "10.0.0.1")).close();
        kept.connect(target("node02", "10.0.0.2")).close();
        kept.connect(target("node01", "10.0.0.9")).close();
        assertThat(opened).hasSize(3);
    }

    @Test
    void aConnectionThatFailedIsClosedNotHandedOn() {
        SshTarget node = target("node01", "10.0.0.1");
        RemoteHost step = kept.connect(node);
        opened.get(0).failNext = true;
        assertThatThrownBy(() -> step.run(TRUE)).isInstanceOf(SshException.class);
        step.close();
        assertThat(opened.get(0).closed).isTrue();
        kept.connect(node).close();
        assertThat(opened).hasSize(2);
    }

    @Test
    void aConnectionThatDroppedWhileKeptIsNotReused() {
        SshTarget node = target("node01", "10.0.0.1");
        kept.connect(node).close();
        opened.get(0).open = false;
        kept.connect(node).close();
        assertThat(opened).hasSize(2);
        assertThat(opened.get(0).closed).isTrue();
    }

    @Test
    void stepsRunningAtOnceGetConnectionsOfTheirOwn() {
        SshTarget first = target("master01", "10.0.0.1");
        RemoteHost a = kept.connect(first);
        RemoteHost b = kept.connect(first);
        RemoteHost c = kept.connect(first);
        a.close();
        b.close();
        c.close();
        assertThat(opened).hasSize(3);
        assertThat(opened.stream().filter(connection -> connection.closed)).hasSize(3 - KeptConnections.MAX_IDLE_PER_TARGET);
        kept.close();
        assertThat(opened).allSatisfy(connection -> assertThat(connection.closed).isTrue());
    }

    private static final class Connection implements RemoteHost {
        final String node;
        int commands;
        boolean failNext;
        boolean open = true;
        boolean closed;
        int cancelled;

        Connection(String node) {
            this.node = node;
        }

        @Override
        public String nodeName() {
            return node;
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            if (failNext) {
                throw new SshException(node, SshFailure.CONNECTION_LOST, "cut", "retry");
            }
            commands++;
            return new CommandResult(0, "", "", Duration.ZERO);
        }

        @Override
        public boolean isOpen() {
            return open && !closed;
        }

        @Override
        public void cancel() {
            cancelled++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
