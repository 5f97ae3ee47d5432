package io.kubeorch.web;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Camunda users for tests, each in the groups given (none: a user with a login and no role). */
final class People {

    static final String PASSWORD = "people-test-password";

    private People() {
    }

    /** Creates the user once; later calls with the same id change nothing. */
    static String user(IdentityService identity, String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(id, group);
            }
        }
        return id;
    }
}
