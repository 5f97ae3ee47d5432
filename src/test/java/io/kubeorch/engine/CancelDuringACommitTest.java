package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator cancels while a transaction that changed the same execution is about to commit, as
 * a step's completion does: the real engine and its command chain on an in-memory database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:cancel-during-commit;DB_CLOSE_DELAY=-1",
        "kubeorch.admin.password=cancel-test-password",
        "camunda.bpm.job-execution.enabled=false",
        "kubeorch.steps.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class CancelDuringACommitTest {

    private static final String PROCESS = "cancelDuringACommit";
    /** Long enough for the cancel to have read the execution and to wait on its row. */
    private static final Duration HOLD = Duration.ofMillis(700);

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCancelThatMeetsACommitOfTheSameInstanceGoesThroughOnceTheCommitIsDone(CapturedOutput output)
            throws Exception {
        repository.createDeployment().addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1).startEvent().userTask("waits").endEvent().done()).deploy();
        String instance = runtime.startProcessInstanceByKey(PROCESS).getId();

        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> step = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(transaction -> {
                    runtime.suspendProcessInstanceById(instance); // written, its rows held until the commit
                    changed.countDown();
                    await(commit);
                }));
        assertThat(changed.await(10, TimeUnit.SECONDS)).as("the step's change is written").isTrue();

        CompletableFuture<Void> cancel = CompletableFuture.runAsync(
                () -> runtime.deleteProcessInstance(instance, "cancelled by an operator"));
        Thread.sleep(HOLD.toMillis());
        commit.countDown();
        step.get(10, TimeUnit.SECONDS);
        cancel.get(10, TimeUnit.SECONDS);

        assertThat(output).as("the cancel met the commit").contains("a cancel collided with a step committing");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult())
                .satisfies(ended -> assertThat(ended.getDeleteReason()).isEqualTo("cancelled by an operator"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
