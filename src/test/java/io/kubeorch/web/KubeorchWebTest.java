package io.kubeorch.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application on its embedded H2 database with a known administrator password and the job
 * executor off: installs started in these tests never reach a host. Each class closes its context
 * when done: Camunda's REST API, web apps and authentication filter find the engine named
 * "default" in a JVM-wide registry, so two live contexts would answer with each other's engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-web-${random.uuid}",
        "kubeorch.admin.password=" + KubeorchWebTest.ADMIN_PASSWORD,
        "camunda.bpm.job-execution.enabled=false",
        "kubeorch.steps.enabled=false"})
@interface KubeorchWebTest {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "web-test-password";
}
