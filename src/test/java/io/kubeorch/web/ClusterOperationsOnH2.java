package io.kubeorch.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application on H2 for day-2 operations on one lab per class, as {@link InstallsOnH2} has it
 * for installs, with a drain that gives up after 5 s (a pod that would not move is an operator's
 * decision, not a wait) and four-eyes off (the administrator approves what it asked for).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-cluster-operations-${random.uuid}",
        "kubeorch.admin.password=" + InstallScenarios.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        "kubeorch.install.readiness-poll-interval=PT1S",
        "kubeorch.cluster.drain-timeout=PT5S",
        "kubeorch.approval.four-eyes=false"})
@interface ClusterOperationsOnH2 {
}
