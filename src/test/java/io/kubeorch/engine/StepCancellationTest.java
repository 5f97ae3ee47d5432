package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import org.junit.jupiter.api.Test;

class StepCancellationTest {

    private final List<String> cancelled = new ArrayList<>();

    @Test
    void stoppingAStepStopsTheCommandsOnEveryConnectionItOpened() {
        StepCancellation cancellation = new StepCancellation();
        cancellation.register(host("master01"));
        cancellation.register(host("node01"));

        assertThat(cancellation.cancel("its task is gone")).isTrue();

        assertThat(cancelled).containsExactly("master01", "node01");
        assertThatThrownBy(() -> cancellation.register(host("node02"))).hasMessageContaining("its task is gone");
    }

    @Test
    void aStepThatEndedIsNotStoppedAnyMore() {
        StepCancellation cancellation = new StepCancellation();
        cancellation.register(host("node01"));

        assertThat(cancellation.end()).isTrue();

        assertThat(cancellation.cancel("its task is gone")).as("too late: it reports").isFalse();
        assertThat(cancelled).isEmpty();
    }

    @Test
    void aStepStoppedBeforeItEndedHasNothingToReport() {
        StepCancellation cancellation = new StepCancellation();
        cancellation.cancel("kubeorch is stopping");

        assertThat(cancellation.end()).isFalse();
    }

    private RemoteHost host(String node) {
        return new RemoteHost() {
            @Override
            public String nodeName() {
                return node;
            }

            @Override
            public CommandResult run(RemoteCommand command) {
                throw new AssertionError("not run here");
            }

            @Override
            public void cancel() {
                cancelled.add(node);
            }

            @Override
            public void close() {
            }
        };
    }
}
