package io.kubeorch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator. The password comes from {@code kubeorch.admin.password} (or the
 * environment variable {@code KUBEORCH_ADMIN_PASSWORD}); when neither is set, a random one is
 * generated the first time the account is created.
 *
 * @param unlock unlock the administrator at start-up ({@code KUBEORCH_ADMIN_UNLOCK=true}): the way
 *        back in when failed logins locked it
 * @param resetPassword at start-up, set the administrator's password to {@code password}, unlock it
 *        and put it back into the administrators' group ({@code KUBEORCH_ADMIN_RESET_PASSWORD=true}):
 *        the way back in when its password is lost
 */
@ConfigurationProperties("kubeorch.admin")
record AdminProperties(String username, String password, boolean unlock, boolean resetPassword) {

    AdminProperties {
        if (username == null || username.isBlank()) {
            username = "admin";
        }
        if (resetPassword && (password == null || password.isBlank())) {
            throw new IllegalStateException("kubeorch.admin.reset-password (KUBEORCH_ADMIN_RESET_PASSWORD) needs the new"
                    + " password in kubeorch.admin.password (KUBEORCH_ADMIN_PASSWORD)");
        }
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
