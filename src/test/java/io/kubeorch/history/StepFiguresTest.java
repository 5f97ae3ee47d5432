package io.kubeorch.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeorch.audit.CommandRecord;
import org.junit.jupiter.api.Test;

class StepFiguresTest {

    private static final Instant T0 = Instant.parse("2031-05-04T10:00:00Z");
    private final List<CommandRecord> commands = new ArrayList<>();

    @Test
    void aStepRetriedAfterFailuresTookWhatItsSuccessfulRunTook() {
        ran("i1", "node02", "installContainerd", "failed", 900, false);
        ran("i1", "node02", "installContainerd", "timeout", 120_000, false);
        ran("i1", "node02", "installContainerd", "ok", 4_000, true);

        StepRun run = StepRuns.of(commands).get(0);

        assertThat(run.failedAttempts()).isEqualTo(2);
        assertThat(run.durationMs()).isEqualTo(4_000);
        assertThat(run.result()).isEqualTo("changed");
        assertThat(run.startedAt()).isEqualTo(T0);
        assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(2).plusMillis(4_000));
    }

    @Test
    void aStepWhoseLastRunFailedHasNoDurationAndCountsAsFailed() {
        ran("i1", "node02", "joinNode", "ok", 300, false);
        ran("i1", "node02", "joinNode", "failed", 200, false);

        StepRun run = StepRuns.of(commands).get(0);

        assertThat(run.durationMs()).isNull();
        assertThat(run.result()).isEqualTo("failed");
        assertThat(run.failedAttempts()).isEqualTo(1);
    }

    @Test
    void theStepsThatFailedMostComeFirstWithTheOperationsTheyFailedIn() {
        ran("i1", "node01", "installContainerd", "failed", 10, false);
        ran("i1", "node01", "installContainerd", "ok", 10, false);
        ran("i2", "node01", "installContainerd", "failed", 10, false);
        ran("i2", "node01", "installContainerd", "ok", 10, false);
        ran("i2", "node02", "pullImages", "failed", 10, false);
        ran("i2", "node02", "pullImages", "failed", 10, false);
        ran("i2", "node02", "pullImages", "failed", 10, false);
        ran("i2", "node02", "pullImages", "ok", 10, false);

        StepFigures figures = StepFigures.of(StepRuns.of(commands));

        assertThat(figures.failedSteps()).containsExactly(new StepFigures.FailedStep("pullImages", 3, 1),
                new StepFigures.FailedStep("installContainerd", 2, 2));
    }

    @Test
    void medianAndNinetyFifthPercentileOfEachStepsSuccessfulRuns() {
        for (int i = 1; i <= 20; i++) {
            ran("i" + i, "master01", "pullImages", "ok", i * 100L, true);
        }
        ran("i1", "master01", "disableSwap", "ok", 10, false);
        ran("i2", "master01", "disableSwap", "ok", 30, false);

        StepFigures figures = StepFigures.of(StepRuns.of(commands));

        assertThat(figures.stepDurations()).containsExactly(new StepFigures.StepDuration("pullImages", 20, 1050, 1900),
                new StepFigures.StepDuration("disableSwap", 2, 20, 30));
    }

    @Test
    void percentilesByNearestRank() {
        assertThat(StepFigures.percentile(List.of(5L), 95)).isEqualTo(5);
        assertThat(StepFigures.percentile(List.of(3L, 1L, 2L), 95)).isEqualTo(3);
        assertThat(StepFigures.median(List.of(3L, 1L, 2L))).isEqualTo(2);
        assertThat(StepFigures.median(List.of(4L, 1L, 2L, 3L))).isEqualTo(2);
    }

    private void ran(String install, String node, String step, String outcome, long durationMs, boolean changed) {
        Integer exitCode = outcome.equals("ok") ? Integer.valueOf(0) : outcome.equals("failed") ? Integer.valueOf(1) : null;
        commands.add(new CommandRecord(commands.size() + 1, install, node, step, step + ".sh", outcome, exitCode, changed,
                T0.plusSeconds(commands.size()), durationMs, "", "test"));
    }
}
