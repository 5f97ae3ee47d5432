package io.kubeorch.web;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-install-${random.uuid}",
        "kubeorch.admin.password=" + InstallScenarios.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        "kubeorch.install.readiness-poll-interval=PT1S"})
class InstallOnH2Test extends InstallScenarios {

    @Override
    String labPrefix() {
        return "127.0.41";
    }
}
