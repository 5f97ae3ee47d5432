package io.kubeorch.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.audit.CommandRecord;

/** Commands grouped into step runs: per operation, node and step, in the order they first ran. */
final class StepRuns {

    private static final String OK = "ok";

    private StepRuns() {
    }

    /** @param commands in the order they ran (the record's id order) */
    static List<StepRun> of(List<CommandRecord> commands) {
        Map<List<String>, List<CommandRecord>> byStep = new LinkedHashMap<>();
        for (CommandRecord command : commands) {
            byStep.computeIfAbsent(List.of(command.installId(), command.node(), command.step()), key -> new ArrayList<>())
                    .add(command);
        }
        List<StepRun> runs = new ArrayList<>();
        byStep.forEach((key, attempts) -> runs.add(run(key.get(0), key.get(1), key.get(2), attempts)));
        return runs;
    }

    private static StepRun run(String operation, String node, String step, List<CommandRecord> commands) {
        int lastFailed = -1;
        int failed = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (!OK.equals(commands.get(i).outcome())) {
                failed++;
                lastFailed = i;
            }
        }
        boolean succeeded = lastFailed < commands.size() - 1;
        long took = 0;
        boolean changed = false;
        for (CommandRecord command : commands.subList(lastFailed + 1, commands.size())) {
            took += command.durationMs();
            changed |= command.changed();
        }
        CommandRecord last = commands.get(commands.size() - 1);
        Instant ended = last.startedAt().plusMillis(last.durationMs());
        return new StepRun(operation, node, step, commands.get(0).startedAt(), ended, succeeded ? took : null, failed,
                !succeeded ? "failed" : changed ? "changed" : "unchanged");
    }
}
