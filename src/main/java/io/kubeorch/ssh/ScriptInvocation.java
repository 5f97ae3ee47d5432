package io.kubeorch.ssh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * How a {@link RemoteCommand} is handed to the node: a fixed command line built here
 * ({@code [sudo -n ]timeout --kill-after=5 SECONDS bash -s}) and the script on standard input,
 * preceded by {@code export NAME='value'} lines. Values never appear on a command line, so they do
 * not show in {@code ps} on the node. The script is sent as one brace group, which bash reads whole
 * before running any of it: a command in the script that reads standard input gets end-of-file
 * instead of the rest of the script.
 *
 * <p>When sudo wants a password, that password is the first line of standard input, and the
 * command line ({@link #SUDO_WITH_PASSWORD}) runs in the login shell: its builtin {@code read} takes
 * that line, its builtin {@code printf} pipes it to {@code sudo -S -v}, which checks it and
 * refreshes sudo's credential cache (or, refusing, leaves {@link #SUDO_REFUSED} as the last line of
 * standard error), then {@code sudo -n} runs the script on the rest of standard input. The password is never in an argument list or an environment, so neither {@code ps} nor a
 * record of the command line shows it. Two things about sudo's cache hold it together, both
 * checked against Debian's sudo 1.9 by {@code SudoTest}: without a terminal, sudo keys the cache
 * by the parent process, so the second sudo must be a child of the same shell as the first; and
 * that is why the line ends with {@code exit}: a shell (bash 5.2 does) may otherwise
 * {@code exec} its last command, making sshd the parent and the cache useless.
 *
 * <p>The shell gets one argument, a {@link #marker()} unique to this run: it shows in the command
 * lines of {@code timeout} and {@code bash} on the node, so that the run can be found and stopped
 * there from another session ({@link #stop}).
 */
record ScriptInvocation(String commandLine, byte[] standardInput, String marker) {

    /** How long {@code timeout} waits after TERM before it sends KILL. */
    static final Duration KILL_AFTER = Duration.ofSeconds(5);

    /** The last line of standard error when {@code sudo -S -v} refused the password or the user. */
    static final String SUDO_REFUSED = "kubeorch: sudo -S -v refused";

    /** The command line's part before the script's {@code sudo -n timeout ...}: see the class comment. */
    static final String SUDO_WITH_PASSWORD = "IFS= read -r kubeorch_sudo_password || exit 1;"
            + " printf '%s\\n' \"$kubeorch_sudo_password\" | sudo -S -p '' -v"
            + " || { echo '" + SUDO_REFUSED + "' >&2; exit 1; };"
            + " unset kubeorch_sudo_password; ";

    /** A command run as the login user, or through {@code sudo -n} when {@code sudo}. */
    static ScriptInvocation of(RemoteCommand command, boolean sudo) {
        String marker = newMarker();
        return new ScriptInvocation(timedShell(command, sudo, marker), script(command), marker);
    }

    /**
     * A command run through sudo with a password: the password (one line, no NUL) goes first on
     * standard input. The caller wipes both the password and {@link #standardInput()} after use.
     */
    static ScriptInvocation withSudoPassword(RemoteCommand command, char[] sudoPassword) {
        for (char c : sudoPassword) {
            if (c == '\n' || c == '\0') {
                throw new IllegalArgumentException("a sudo password cannot hold a line break or NUL");
            }
        }
        byte[] script = script(command);
        ByteBuffer password = StandardCharsets.UTF_8.encode(CharBuffer.wrap(sudoPassword));
        byte[] input = new byte[password.remaining() + 1 + script.length];
        password.get(input, 0, password.remaining());
        input[input.length - script.length - 1] = '\n';
        System.arraycopy(script, 0, input, input.length - script.length, script.length);
        Arrays.fill(password.array(), (byte) 0);
        String marker = newMarker();
        return new ScriptInvocation(SUDO_WITH_PASSWORD + timedShell(command, true, marker) + "; exit $?", input, marker);
    }

    private static byte[] script(RemoteCommand command) {
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
        return input.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String timedShell(RemoteCommand command, boolean sudo, String marker) {
        return (sudo ? "sudo -n " : "") + "timeout --kill-after=" + KILL_AFTER.toSeconds() + " "
                + seconds(command.timeout()) + " bash -s " + marker;
    }

    private static String newMarker() {
        return "kubeorch-run-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * A command that stops the run with this {@code marker} on the node: TERM to its {@code timeout},
     * which passes it to the whole run, then KILL to what is left after a few seconds.
     */
    static RemoteCommand stop(String label, String marker) {
        return RemoteCommand.script("stop " + label, """
                pkill -TERM -f -- "$RUN" || exit 0
                for _ in 1 2 3 4 5; do
                  pgrep -f -- "$RUN" >/dev/null || exit 0
                  sleep 1
                done
                pkill -KILL -f -- "$RUN" || true
                """).env("RUN", marker).timeout(Duration.ofSeconds(20)).build();
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
