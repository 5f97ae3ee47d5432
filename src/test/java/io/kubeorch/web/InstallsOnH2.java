package io.kubeorch.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application on H2 with its job executor running, for installs on the lab: retries and
 * readiness polls are quick, and the administrator approves the installs it starts (four-eyes is
 * off: these tests are about installs, FourEyesTest and OperatorsBrowserTest about four-eyes).
 * Each class closes its context when done (see {@link KubeorchWebTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-install-${random.uuid}",
        "kubeorch.admin.password=" + InstallScenarios.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        "kubeorch.install.readiness-poll-interval=PT1S",
        "kubeorch.approval.four-eyes=false"})
@interface InstallsOnH2 {
}
