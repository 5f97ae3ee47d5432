package io.kubeorch.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One authenticated sshj connection to a node (possibly through a jump host). Each command is a
 * session of its own on this connection, running {@link ScriptInvocation}'s command line.
 */
final class SshjRemoteHost implements RemoteHost {

    private static final Logger log = LoggerFactory.getLogger(SshjRemoteHost.class);
    /** How much longer than the command's timeout the client waits before it gives up on the node. */
    static final Duration CLIENT_GRACE = ScriptInvocation.KILL_AFTER.plusSeconds(5);
    private static final long READER_WAIT_MILLIS = 2_000;

    private final SshTarget target;
    private final SSHClient client;
    private final SSHClient jumpClient;
    private final ExecutorService readers;
    private final ExitStatusCheck exitCheck;
    private final PasswordSource passwords;
    private boolean closed;

    SshjRemoteHost(SshTarget target, SSHClient client, SSHClient jumpClient, PasswordSource passwords) {
        this.target = target;
        this.client = client;
        this.jumpClient = jumpClient;
        this.passwords = passwords;
        this.readers = Executors.newCachedThreadPool(daemonThreads("ssh-" + target.nodeName()));
        this.exitCheck = new ExitStatusCheck(target);
    }

    @Override
    public String nodeName() {
        return target.nodeName();
    }

    /** The run in progress and its channel, for {@link #cancel} from another thread. */
    private record Running(ScriptInvocation invocation, Session.Command process) {
    }

    private volatile Running running;
    private volatile boolean cancelled;

    @Override
    public CommandResult run(RemoteCommand command) {
        if (cancelled) {
            throw stopped(command);
        }
        return execute(command, true);
    }

    /**
     * Stops the run in progress: a command of its own, in another session of this connection,
     * signals the run's processes on the node by its marker; then the run's channel is closed, so
     * {@link #run} returns at once even if the node does not answer.
     */
    @Override
    public void cancel() {
        cancelled = true;
        Running current = running;
        if (current == null || closed) {
            return;
        }
        readers.execute(() -> {
            try {
                execute(ScriptInvocation.stop(current.invocation().marker(), current.invocation().marker()), false);
            } catch (RuntimeException e) {
                log.warn("{}: could not stop {} on the node ({}); its own timeout ends it", target.nodeName(),
                        current.invocation().marker(), e.getMessage());
            } finally {
                closeQuietly(current.process());
            }
        });
    }

    private SshException stopped(RemoteCommand command) {
        return new SshException(target.nodeName(), SshFailure.CANCELLED, "'" + command.describe() + "' was stopped by kubeorch",
                "Its step was cancelled or passed to another kubeorch instance; nothing to do.");
    }

    private CommandResult execute(RemoteCommand command, boolean cancellable) {
        if (closed) {
            throw new IllegalStateException(target.nodeName() + ": the connection was closed by its user");
        }
        if (!client.isConnected()) {
            throw new SshException(target.nodeName(), SshFailure.CONNECTION_LOST, "the connection to "
                    + target.address() + " is gone before '" + command.describe() + "' could start",
                    "Nothing ran; the step is retried on a new connection.");
        }
        ScriptInvocation invocation = invocation(command);
        long started = System.nanoTime();
        Session session;
        Session.Command process;
        try {
            session = client.startSession();
            process = session.exec(invocation.commandLine());
            if (cancellable) {
                running = new Running(invocation, process);
            }
        } catch (IOException e) {
            Arrays.fill(invocation.standardInput(), (byte) 0);
            throw lost(command, "could not start", e);
        }
        OutputTail stdout = new OutputTail();
        OutputTail stderr = new OutputTail();
        Future<?> stdoutReader = readers.submit(() -> stdout.drain(process.getInputStream()));
        Future<?> stderrReader = readers.submit(() -> stderr.drain(process.getErrorStream()));
        try {
            try {
                sendInput(process, invocation.standardInput());
            } finally {
                Arrays.fill(invocation.standardInput(), (byte) 0);
            }
            awaitEnd(process, command.timeout().plus(CLIENT_GRACE));
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            if (cancellable && cancelled) {
                throw stopped(command);
            }
            if (!client.isConnected()) {
                throw lost(command, "lost the connection while running", null);
            }
            if (process.isOpen()) {
                closeQuietly(process);
                throw new SshException(target.nodeName(), SshFailure.TIMEOUT, "'" + command.describe()
                        + "' did not end within its timeout of " + human(command.timeout()), "kubeorch waited "
                        + human(duration) + ", closed the channel, and the node's timeout command kills it."
                        + " Look on the node for what hangs, or raise the step's timeout if it needs longer.");
            }
            awaitReader(stdoutReader);
            awaitReader(stderrReader);
            Integer exit = exitStatus(process);
            if (exit == null) {
                throw lost(command, "got no exit status for", null);
            }
            CommandResult result = new CommandResult(exit, stdout.text(), stderr.text(), duration);
            log.debug("{}: {} exit {} in {} ms", target.nodeName(), command.describe(), exit, duration.toMillis());
            exitCheck.check(command, result);
            return result;
        } finally {
            if (cancellable) {
                running = null;
            }
            stdoutReader.cancel(true);
            stderrReader.cancel(true);
            closeQuietly(session);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && client.isConnected() && client.isAuthenticated()
                && (jumpClient == null || jumpClient.isConnected());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(client);
        if (jumpClient != null) {
            closeQuietly(jumpClient);
        }
        readers.shutdownNow();
    }

    /** The command line and input; with a sudo password, that password first on the input. */
    private ScriptInvocation invocation(RemoteCommand command) {
        if (!target.sudo() || target.sudoPasswordEnv() == null) {
            return ScriptInvocation.of(command, target.sudo());
        }
        String variable = target.sudoPasswordEnv();
        char[] password = passwords.resolve(variable);
        try {
            if (password == null || password.length == 0) {
                throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "the sudo password variable "
                        + variable + " is " + (password == null ? "not set" : "empty") + " on the kubeorch server",
                        "sudo wants the password of '" + target.user() + "', which comes from the environment variable"
                        + " (or system property) " + variable + " of the kubeorch server: start kubeorch with it set,"
                        + " then retry the step.");
            }
            for (char c : password) {
                if (c == '\n' || c == '\0') {
                    throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "the sudo password in "
                            + variable + " holds a line break", "kubeorch hands it to sudo as one line: set "
                            + variable + " to the password alone, then retry the step.");
                }
            }
            return ScriptInvocation.withSudoPassword(command, password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static void sendInput(Session.Command process, byte[] input) {
        try {
            OutputStream in = process.getOutputStream();
            in.write(input);
            in.flush();
            in.close();
        } catch (IOException e) {
            // the remote side ended before reading its script (sudo refused, connection lost): its
            // exit status or the connection state says which
        }
    }

    private static void awaitEnd(Session.Command process, Duration limit) {
        try {
            process.join(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            // timed out or the connection broke: the caller looks at which
        }
    }

    private static void awaitReader(Future<?> reader) {
        try {
            reader.get(READER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the output read so far is kept
        }
    }

    /** The exit status, or 128 + signal number when the shell was killed by a signal, or null. */
    private static Integer exitStatus(Session.Command process) {
        Integer status = process.getExitStatus();
        if (status != null) {
            return status;
        }
        if (process.getExitSignal() != null) {
            return 128 + SignalNumbers.of(process.getExitSignal());
        }
        return null;
    }

    private SshException lost(RemoteCommand command, String what, IOException cause) {
        return new SshException(target.nodeName(), SshFailure.CONNECTION_LOST, what + " '" + command.describe()
                + "' on " + target.address() + ":" + target.port() + ": the connection broke"
                + (cause == null ? "" : " (" + cause.getMessage() + ")"),
                "The command may or may not have run to its end; the step is safe to retry.", cause);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do: it is gone either way
        }
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
