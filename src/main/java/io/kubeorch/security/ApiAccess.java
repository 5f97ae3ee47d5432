package io.kubeorch.security;

import java.util.List;
import java.util.Set;

import io.kubeorch.model.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The roles in {@code /api}, for every controller there without it doing anything: reading needs
 * what a viewer may do, any change what an operator may do, both asked of the user's Camunda
 * authorizations ({@link RoleAuthorizations}), so a group an administrator grants the same in
 * Admin gets the same. A refusal is a 403 naming the role.
 *
 * <p>Once a read is allowed it runs as kubeorch, not as the user: the roles grant all of
 * kubeorch's processes or none, and what an install view reads (the engine's table names, say)
 * needs more than a viewer's authorizations. A change keeps running as the user, so that the engine
 * checks it too and its history records who made it.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess implements WebMvcConfigurer {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final RoleAuthorizations roles;
    private final IdentityService identity;

    ApiAccess(RoleAuthorizations roles, IdentityService identity) {
        this.roles = roles;
        this.identity = identity;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                check(request);
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private void check(HttpServletRequest request) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null) {
            // the authentication filter lets no one through without a user: refused, whatever let it through
            throw new AuthorizationException(request.getRequestURI() + " needs a signed-in user");
        }
        String user = caller.getUserId();
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        String call = request.getMethod() + " " + request.getRequestURI();
        if (READS.contains(request.getMethod())) {
            if (!roles.canRead(user, groups)) {
                throw refused(call + " needs the role " + Roles.VIEWERS + " (or " + Roles.OPERATORS + ")", user);
            }
            identity.clearAuthentication();
        } else if (!roles.canOperate(user, groups)) {
            throw refused(call + " needs the role " + Roles.OPERATORS, user);
        }
    }

    private static AuthorizationException refused(String what, String user) {
        return new AuthorizationException(what + "; user '" + user + "' does not have it. An administrator (group "
                + Groups.CAMUNDA_ADMIN + ") adds the user to the group in the Admin web app: Users > " + user
                + " > Groups");
    }
}
