package io.kubeorch.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator when the engine has none, instead of the starter's fixed
 * {@code camunda.bpm.admin-user}: a product must not ship a known password. Runs as an engine
 * plugin, right after the engine is built and before the web server takes requests.
 */
@Component
class AdminAccount extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AdminProperties properties;

    AdminAccount(AdminProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ensureAdministratorExists(engine.getIdentityService(), engine.getAuthorizationService());
    }

    private void ensureAdministratorExists(IdentityService identityService, AuthorizationService authorizationService) {
        String username = properties.username();
        User existing = identityService.createUserQuery().userId(username).singleResult();
        if (existing != null) {
            restoreAccess(identityService, authorizationService, existing);
            return;
        }
        String password = properties.hasPassword() ? properties.password() : generatedPassword();
        User user = identityService.newUser(username);
        user.setFirstName("kubeorch");
        user.setLastName("Administrator");
        user.setPassword(password);
        identityService.saveUser(user);
        ensureAdminGroup(identityService, authorizationService);
        identityService.createMembership(username, Groups.CAMUNDA_ADMIN);
        log.info("Created administrator '{}'", username);
        if (!properties.hasPassword()) {
            // Straight to the console, not the log: log files are kept and shipped, the console is not.
            System.out.printf("%n    kubeorch administrator: %s%n    generated password:     %s%n"
                    + "    (shown once; change it in the Admin web app, or set KUBEORCH_ADMIN_PASSWORD before the first start)%n%n",
                    username, password);
        }
    }

    /** The ways back in when failed logins locked the administrator, or its password is lost. */
    private void restoreAccess(IdentityService identityService, AuthorizationService authorizationService, User user) {
        if (properties.resetPassword()) {
            user.setPassword(properties.password());
            identityService.saveUser(user);
            ensureAdminGroup(identityService, authorizationService);
            if (identityService.createUserQuery().userId(user.getId()).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
                identityService.createMembership(user.getId(), Groups.CAMUNDA_ADMIN);
            }
            log.warn("Reset the password of administrator '{}' (kubeorch.admin.reset-password); remove the setting again",
                    user.getId());
        }
        if (properties.unlock() || properties.resetPassword()) {
            identityService.unlockUser(user.getId());
            log.warn("Unlocked administrator '{}'", user.getId());
        }
    }

    private static void ensureAdminGroup(IdentityService identityService, AuthorizationService authorizationService) {
        if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identityService.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            boolean granted = authorizationService.createAuthorizationQuery()
                    .groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource)
                    .resourceId(Authorization.ANY)
                    .count() > 0;
            if (!granted) {
                Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizationService.saveAuthorization(all);
            }
        }
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
