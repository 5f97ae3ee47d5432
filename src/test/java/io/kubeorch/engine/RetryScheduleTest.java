package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void aRepeatCycleRunsTheStepThatManyTimesInAllTheSameDelayApart() {
        RetrySchedule schedule = RetrySchedule.parse("R3/PT30S");

        RetrySchedule.Next first = schedule.afterFailure(null);
        RetrySchedule.Next second = schedule.afterFailure(first.retriesLeft());
        RetrySchedule.Next third = schedule.afterFailure(second.retriesLeft());

        assertThat(first).isEqualTo(new RetrySchedule.Next(2, Duration.ofSeconds(30)));
        assertThat(second).isEqualTo(new RetrySchedule.Next(1, Duration.ofSeconds(30)));
        assertThat(third.retriesLeft()).as("the third run was the last").isZero();
    }

    @Test
    void aListOfDelaysRetriesAfterEachInTurn() {
        RetrySchedule schedule = RetrySchedule.parse("PT10S, PT1M,PT5M");

        RetrySchedule.Next first = schedule.afterFailure(null);
        RetrySchedule.Next second = schedule.afterFailure(first.retriesLeft());
        RetrySchedule.Next third = schedule.afterFailure(second.retriesLeft());

        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(second.delay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(third).isEqualTo(new RetrySchedule.Next(1, Duration.ofMinutes(5)));
        assertThat(schedule.afterFailure(third.retriesLeft()).retriesLeft()).isZero();
    }

    @Test
    void aSingleRunRaisesTheIncidentAtTheFirstFailure() {
        assertThat(RetrySchedule.parse("R1/PT30S").afterFailure(null).retriesLeft()).isZero();
    }

    @Test
    void aRetryFromCockpitIsOneMoreRun() {
        assertThat(RetrySchedule.parse("R3/PT30S").afterFailure(1).retriesLeft()).isZero();
    }

    @Test
    void aCycleThatIsNeitherFormSaysWhatWouldWork() {
        assertThatThrownBy(() -> RetrySchedule.parse("three times"))
                .hasMessageContaining("R3/PT30S").hasMessageContaining("PT10S,PT1M,PT5M");
        assertThatThrownBy(() -> RetrySchedule.parse("R0/PT1S")).hasMessageContaining("Rn/duration");
    }
}
