package io.kubeorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The embedded default as a user gets it: H2 file database, no password configured. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kubeorch.data-dir=./target/h2-smoke-${random.uuid}")
@ExtendWith(OutputCaptureExtension.class)
class KubeorchOnH2Test {

    private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    @Test
    void startsTheEngineOnAnH2FileDatabase() throws Exception {
        assertThat(engine.getName()).isEqualTo("default");
        try (var connection = engine.getProcessEngineConfiguration().getDataSource().getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:");
        }
    }

    @Test
    void printsAGeneratedAdminPasswordThatLogsIn(CapturedOutput output) throws Exception {
        String password = printedPassword(output);
        var checks = new ApplicationSmokeChecks(port);
        checks.restApiRejectsAnonymousCallers();
        checks.restApiAnswersAuthenticatedCallers("admin", password);
        checks.webAppsServeTheirLoginPage();
        checks.webAppLoginAccepts("admin", password);
        checks.wrongPasswordsAreRejected("admin", password);
    }

    @Test
    void enforcesAuthorization() {
        assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
        assertThat(engine.getProcessEngineConfiguration().getHistory()).isEqualTo("full");
    }

    private static String printedPassword(CapturedOutput output) {
        // The context may have started before this test's capture began; Spring keeps all output of the JVM.
        Matcher matcher = GENERATED.matcher(output.getAll());
        assertThat(matcher.find()).as("a generated password printed at start-up").isTrue();
        return matcher.group(1);
    }
}
