package io.kubeorch.retention;

import io.kubeorch.testing.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.admin.password=" + HistoryRetention.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        // the administrator rejects what it started: these tests are about history, not four-eyes
        "kubeorch.approval.four-eyes=false"})
@ActiveProfiles("postgres")
class HistoryRetentionOnPostgresTest extends HistoryRetention {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.register(registry);
    }

    @Override
    String labPrefix() {
        return "127.0.92";
    }
}
