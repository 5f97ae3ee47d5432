package io.kubeorch.audit;

import java.time.Instant;

/**
 * One remote command kubeorch ran. {@code command} and {@code outputTail} are already masked:
 * no secret value reaches this record.
 *
 * @param outcome {@code ok}, {@code failed} (non-zero exit) or the SSH failure, e.g. {@code timeout}
 * @param engineInstance the kubeorch instance that ran it ({@code kubeorch.instance.id})
 */
public record CommandRecord(
        long id,
        String installId,
        String node,
        String step,
        String command,
        String outcome,
        Integer exitCode,
        boolean changed,
        Instant startedAt,
        long durationMs,
        String outputTail,
        String engineInstance) {
}
