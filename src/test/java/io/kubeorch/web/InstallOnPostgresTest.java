package io.kubeorch.web;

import io.kubeorch.testing.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.admin.password=" + InstallScenarios.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        "kubeorch.install.readiness-poll-interval=PT1S",
        // the administrator approves what it started, as on H2 (InstallsOnH2)
        "kubeorch.approval.four-eyes=false"})
@ActiveProfiles("postgres")
class InstallOnPostgresTest extends InstallScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.register(registry);
    }

    @Override
    String labPrefix() {
        return "127.0.42";
    }
}
