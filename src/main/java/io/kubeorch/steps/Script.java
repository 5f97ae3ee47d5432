package io.kubeorch.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.ScriptOutput;
import io.kubeorch.ssh.SshException;

/**
 * One step script from {@code src/main/resources/scripts/}, sent to a node as the shared preamble
 * {@code scripts/lib/common.sh} followed by the script's own text. Values reach it only through the
 * command's environment.
 */
final class Script {

    static final String DIRECTORY = "scripts/";
    static final String PREAMBLE = DIRECTORY + "lib/common.sh";
    /** How many lines of output a failure message quotes. */
    static final int TAIL_LINES = 15;

    private final String fileName;
    private final String text;

    private Script(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    /** Loads {@code scripts/<fileName>} with the preamble before it. */
    static Script load(String fileName) {
        return new Script(fileName, resource(PREAMBLE) + "\n" + resource(DIRECTORY + fileName));
    }

    String fileName() {
        return fileName;
    }

    /** A command running this script, labelled with its file name; add environment and build. */
    RemoteCommand.Builder command(Duration timeout) {
        return RemoteCommand.script(fileName, text).timeout(timeout);
    }

    /**
     * Runs the command on {@code host} and parses its output.
     *
     * @param step the step's name, for the failure message
     * @throws StepFailedException when the script exits non-zero, with the tail of its output
     *         (secrets masked; standard output left out when the command says it is secret)
     * @throws SshException when the command could not run or finish, its message naming the step
     */
    ScriptOutput run(String step, RemoteHost host, RemoteCommand command) {
        return ScriptOutput.of(command, execute(step, host, command));
    }

    /** Like {@link #run}, for a caller that reads the output itself (a secret one). */
    CommandResult execute(String step, RemoteHost host, RemoteCommand command) {
        CommandResult result;
        try {
            result = host.run(command);
        } catch (SshException e) {
            throw e.inStep(step);
        }
        if (!result.succeeded()) {
            throw new StepFailedException(failureMessage(step, host.nodeName(), command, result));
        }
        return result;
    }

    static String failureMessage(String step, String node, RemoteCommand command, CommandResult result) {
        StringBuilder message = new StringBuilder()
                .append(step).append(" failed on ").append(node).append(": ")
                .append(command.label()).append(" exited with status ").append(result.exitStatus()).append('.');
        String stderr = tail(masked(command, result.stderr()));
        String stdout = command.secretOutput() ? "" : tail(masked(command, ScriptOutput.withoutFacts(result.stdout())));
        if (!stderr.isEmpty()) {
            message.append("\n").append(stderr);
        }
        if (!stdout.isEmpty()) {
            message.append("\nOutput before the failure:\n").append(stdout);
        }
        message.append("\nFix the cause on ").append(node)
                .append(" and retry the step: it is safe to run again (it only changes what is not done yet).");
        return message.toString();
    }

    /** The command's own secrets, and anything shaped like a bootstrap token, masked. */
    static String masked(RemoteCommand command, String text) {
        return JoinCredentials.TOKEN.matcher(command.mask(text)).replaceAll(RemoteCommand.MASK);
    }

    static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static String resource(String path) {
        try (InputStream in = Script.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("step script " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read step script " + path, e);
        }
    }
}
