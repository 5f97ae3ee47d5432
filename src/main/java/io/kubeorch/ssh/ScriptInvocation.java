package io.kubeorch.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * How a {@link RemoteCommand} is handed to the node: a fixed command line built here
 * ({@code [sudo -n ]timeout --kill-after=5 SECONDS bash -s}) and the script on standard input,
 * preceded by {@code export NAME='value'} lines. Values never appear on a command line, so they do
 * not show in {@code ps} on the node. The script is sent as one brace group, which bash reads whole
 * before running any of it: a command in the script that reads standard input gets end-of-file
 * instead of the rest of the script.
 */
record ScriptInvocation(String commandLine, byte[] standardInput) {

    /** How long {@code timeout} waits after TERM before it sends KILL. */
    static final Duration KILL_AFTER = Duration.ofSeconds(5);

    static ScriptInvocation of(RemoteCommand command, boolean sudo) {
        StringBuilder input = new StringBuilder();
        for (Map.Entry<String, String> variable : command.environment().entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (!ShellQuoting.isVariableName(name)) {
                throw new IllegalArgumentException("'" + command.label() + "': '" + name
                        + "' is not a valid shell variable name");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("'" + command.label() + "': variable " + name
                        + (value == null ? " has no value" : " contains a NUL character, which a shell cannot hold"));
            }
            input.append("export ").append(name).append('=').append(ShellQuoting.quote(value)).append('\n');
        }
        input.append("{\n").append(command.script());
        if (!command.script().endsWith("\n")) {
            input.append('\n');
        }
        input.append("}\n");
        String commandLine = (sudo ? "sudo -n " : "") + "timeout --kill-after=" + KILL_AFTER.toSeconds() + " "
                + seconds(command.timeout()) + " bash -s";
        return new ScriptInvocation(commandLine, input.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code 30} or {@code 0.250}: GNU timeout takes fractional seconds. */
    private static String seconds(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command timeout must be positive, not " + timeout);
        }
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%d.%03d", millis / 1000, millis % 1000);
    }
}
