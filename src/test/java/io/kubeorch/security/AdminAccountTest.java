package io.kubeorch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The ways back in: failed logins lock a user until an administrator unlocks it, so with a single
 * administrator kubeorch unlocks it, or resets its password, at start-up when told to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:admin-account;DB_CLOSE_DELAY=-1",
        "kubeorch.admin.password=admin-account-test-password",
        "camunda.bpm.job-execution.enabled=false",
        "kubeorch.steps.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AdminAccountTest {

    private static final String ADMIN = "lockedAdmin";

    @Autowired
    ProcessEngine engine;

    @Autowired
    IdentityService identity;

    @Test
    void aLockedAdministratorIsUnlockedAtStartUpWhenAsked() {
        start(new AdminProperties(ADMIN, "first-password", false, false));
        lockOut(ADMIN);
        assertThat(identity.checkPassword(ADMIN, "first-password")).as("locked, the right password too").isFalse();

        start(new AdminProperties(ADMIN, null, false, false));
        assertThat(identity.checkPassword(ADMIN, "first-password")).as("a plain restart changes nothing").isFalse();

        start(new AdminProperties(ADMIN, null, true, false));
        assertThat(identity.checkPassword(ADMIN, "first-password")).isTrue();
    }

    @Test
    void aLostPasswordIsResetWithTheAdministratorsMembershipAndItsLockLifted() {
        String admin = ADMIN + "2";
        start(new AdminProperties(admin, "forgotten-password", false, false));
        identity.deleteMembership(admin, Groups.CAMUNDA_ADMIN);
        lockOut(admin);

        start(new AdminProperties(admin, "new-password", false, true));

        assertThat(identity.checkPassword(admin, "new-password")).isTrue();
        // (a wrong password locks the user for a while: asked last)
        assertThat(identity.checkPassword(admin, "forgotten-password")).isFalse();
        assertThat(identity.createUserQuery().userId(admin).memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isEqualTo(1);
    }

    @Test
    void aResetWithoutANewPasswordIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> new AdminProperties(ADMIN, " ", false, true))
                .hasMessageContaining("KUBEORCH_ADMIN_RESET_PASSWORD").hasMessageContaining("KUBEORCH_ADMIN_PASSWORD");
    }

    /** What kubeorch does at start-up with these settings, on this engine. */
    private void start(AdminProperties properties) {
        new AdminAccount(properties).postProcessEngineBuild(engine);
    }

    /** More failed logins than Camunda allows, each after the previous one's wait. */
    private void lockOut(String user) {
        for (int i = 0; i < 12; i++) {
            identity.checkPassword(user, "wrong-" + i);
            ClockUtil.offset(120_000L * (i + 1));
        }
        ClockUtil.reset();
    }
}
