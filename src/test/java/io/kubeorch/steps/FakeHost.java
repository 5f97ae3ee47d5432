package io.kubeorch.steps;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;

/** A node for unit tests: answers commands with prepared results, in order, and keeps what it ran. */
final class FakeHost implements RemoteHost {

    final List<RemoteCommand> ran = new ArrayList<>();
    private final String name;
    private final Deque<CommandResult> answers = new ArrayDeque<>();
    boolean closed;

    FakeHost(String name) {
        this.name = name;
    }

    FakeHost answer(int status, String stdout, String stderr) {
        answers.add(new CommandResult(status, stdout, stderr, Duration.ofMillis(5)));
        return this;
    }

    @Override
    public String nodeName() {
        return name;
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        ran.add(command);
        if (answers.isEmpty()) {
            throw new AssertionError(name + " was not expected to run " + command.describe());
        }
        return answers.poll();
    }

    @Override
    public void close() {
        closed = true;
    }
}
