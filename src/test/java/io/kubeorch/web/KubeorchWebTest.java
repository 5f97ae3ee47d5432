package io.kubeorch.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on its embedded H2 database with a known administrator password and the job
 * executor off: installs started in these tests never reach a host. One annotation, so the web
 * tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-web-${random.uuid}",
        "kubeorch.admin.password=" + KubeorchWebTest.ADMIN_PASSWORD,
        "camunda.bpm.job-execution.enabled=false"})
@interface KubeorchWebTest {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "web-test-password";
}
