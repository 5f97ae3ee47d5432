package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceCommentsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;

class CancelRetryTest {

    private static final Command<Void> CANCEL = new DeleteProcessInstanceCmd("install", null, true, true, false,
            false, false);

    /** Fails with each given failure in turn, then succeeds; counts the runs. */
    private static final class Engine implements CommandExecutor {
        final Deque<RuntimeException> failures;
        int runs;

        Engine(RuntimeException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public <T> T execute(Command<T> command) {
            runs++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return null;
        }
    }

    private static CancelRetry over(Engine engine) {
        CancelRetry retry = new CancelRetry();
        retry.setNext(engine);
        return retry;
    }

    /** What PostgreSQL's batched deletes give when a child execution changed under the cancel. */
    private static ProcessEngineException foreignKeyViolationOfTheExecutionTree() {
        SQLException server = new SQLException("ERROR: update or delete on table \"act_ru_execution\" violates"
                + " foreign key constraint \"act_fk_exe_super\" on table \"act_ru_execution\"", "23503");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 2 delete from ACT_RU_EXECUTION was aborted",
                "23503", 0, new int[0], server);
        batch.setNextException(server);
        return new ProcessEnginePersistenceException("An exception occurred in the persistence layer.",
                new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation", batch));
    }

    @Test
    void aCancelThatCollidedWithAStepsCommitOnPostgresIsRunAgainUntilItGoesThrough() {
        Engine engine = new Engine(foreignKeyViolationOfTheExecutionTree(), foreignKeyViolationOfTheExecutionTree());

        over(engine).execute(CANCEL);

        assertThat(engine.runs).isEqualTo(3);
    }

    @Test
    void aCancelChosenAsADeadlocksVictimIsRunAgain() {
        SQLException server = new SQLException("ERROR: deadlock detected", "40P01");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 delete from ACT_RU_EXECUTION was aborted",
                "40P01", 0, new int[0], server);
        batch.setNextException(server);
        Engine engine = new Engine(new ProcessEnginePersistenceException("An exception occurred in the persistence layer.",
                new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation", batch)));

        over(engine).execute(CANCEL);

        assertThat(engine.runs).isEqualTo(2);
    }

    @Test
    void aCancelOfSeveralInstancesThatMetAConcurrentUpdateIsRunAgain() {
        Engine engine = new Engine(new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction"));

        over(engine).execute(new DeleteProcessInstancesCmd(List.of("a", "b"), null, true, true, false, false, false));

        assertThat(engine.runs).isEqualTo(2);
    }

    @Test
    void aCancelThatKeepsCollidingGivesUpAfterItsAttemptsWithTheEnginesError() {
        RuntimeException[] always = new RuntimeException[CancelRetry.ATTEMPTS];
        for (int i = 0; i < always.length; i++) {
            always[i] = new OptimisticLockingException("updated by another transaction");
        }
        Engine engine = new Engine(always);

        assertThatThrownBy(() -> over(engine).execute(CANCEL)).isInstanceOf(OptimisticLockingException.class);
        assertThat(engine.runs).isEqualTo(CancelRetry.ATTEMPTS);
    }

    @Test
    void aCancelRefusedForAnyOtherReasonIsNotRunAgain() {
        Engine engine = new Engine(new ProcessEngineException("No process instance found for id 'install'"));

        assertThatThrownBy(() -> over(engine).execute(CANCEL)).hasMessageContaining("No process instance found");
        assertThat(engine.runs).isEqualTo(1);
    }

    @Test
    void otherCommandsAreNeverRunAgain() {
        Engine engine = new Engine(new OptimisticLockingException("updated by another transaction"));

        assertThatThrownBy(() -> over(engine).execute(new GetProcessInstanceCommentsCmd("install")))
                .isInstanceOf(OptimisticLockingException.class);
        assertThat(engine.runs).isEqualTo(1);
    }

    @Test
    void aViolationOfAnyOtherKindIsNoCollision() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(Collisions.collidedWithAnotherCommit(new ProcessEngineException("flush", unique))).isFalse();
    }
}
