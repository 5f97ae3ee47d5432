package io.kubeorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeorch.testing.EmbeddedPostgresServer;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production set-up: the {@code postgres} profile against a real PostgreSQL server. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kubeorch.admin.password=smoke-test-password")
@ActiveProfiles("postgres")
class KubeorchOnPostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.register(registry);
    }

    @Test
    void startsTheEngineAndKubeorchTablesOnPostgres() throws Exception {
        try (var connection = engine.getProcessEngineConfiguration().getDataSource().getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM command_record", Integer.class)).isZero();
        assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
    }

    @Test
    void securesRestAndWebAppsWithTheConfiguredPassword() throws Exception {
        var checks = new ApplicationSmokeChecks(port);
        checks.restApiRejectsAnonymousCallers();
        checks.restApiAnswersAuthenticatedCallers("admin", "smoke-test-password");
        checks.webAppsServeTheirLoginPage();
        checks.webAppLoginAccepts("admin", "smoke-test-password");
        checks.wrongPasswordsAreRejected("admin", "smoke-test-password");
    }
}
