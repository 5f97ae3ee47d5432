package io.kubeorch.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.kubeorch.monitoring.StepMetrics;
import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.ScriptOutput;
import io.kubeorch.ssh.SshException;

/**
 * A connection that writes every command it runs to the command record, masked, whether it
 * succeeded, failed or never finished. Its changed flag is the script's own report
 * ({@link ScriptOutput}); a command whose output is secret keeps none of it, and its output is
 * not parsed.
 */
public final class RecordingRemoteHost implements RemoteHost {

    static final String WITHHELD = "(output withheld: it carries a secret)";

    private final RemoteHost host;
    private final CommandRecords records;
    private final String installId;
    private final String step;
    private final String engineInstance;
    private final StepMetrics metrics;

    public RecordingRemoteHost(RemoteHost host, CommandRecords records, String installId, String step,
            String engineInstance, StepMetrics metrics) {
        this.host = host;
        this.records = records;
        this.installId = installId;
        this.step = step;
        this.engineInstance = engineInstance;
        this.metrics = metrics;
    }

    @Override
    public String nodeName() {
        return host.nodeName();
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        Instant started = Instant.now();
        try {
            CommandResult result = host.run(command);
            metrics.commandFinished(result.exitStatus());
            record(command, started, result.succeeded() ? "ok" : "failed", result.exitStatus(),
                    ScriptOutput.of(command, result).changed(), output(command, result));
            return result;
        } catch (SshException e) {
            metrics.commandFailed(e.failure());
            record(command, started, e.failure().name().toLowerCase(Locale.ROOT), null, false, command.mask(e.getMessage()));
            throw e;
        }
    }

    @Override
    public void cancel() {
        host.cancel();
    }

    @Override
    public void close() {
        host.close();
    }

    private void record(RemoteCommand command, Instant started, String outcome, Integer exitCode, boolean changed,
            String output) {
        long durationMs = Duration.between(started, Instant.now()).toMillis();
        records.add(new CommandRecord(0, installId, host.nodeName(), step, command.describe(), outcome, exitCode,
                changed, started, durationMs, output, engineInstance));
    }

    private static String output(RemoteCommand command, CommandResult result) {
        String stdout = command.secretOutput() ? WITHHELD : result.stdout();
        String both = result.stderr().isEmpty() ? stdout : stdout + "\n--- stderr ---\n" + result.stderr();
        return command.mask(CommandRecords.tail(both, CommandRecords.OUTPUT_LIMIT));
    }
}
