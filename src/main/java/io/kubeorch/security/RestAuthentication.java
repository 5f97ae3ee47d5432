package io.kubeorch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who calls the engine's REST API, kubeorch's own and the metrics for Prometheus: all are open by
 * default. HTTP basic authentication against Camunda's users everywhere; and for reading
 * {@code /api} the web apps' own login, so that kubeorch's pages inside the web apps ask for no
 * second one. The caller becomes the engine's authenticated user: authorizations apply and the user
 * operation log records who did what.
 *
 * <p>The web apps' session is accepted only for reads: a change through {@code /api} needs the
 * credentials in the request itself, which another site cannot make a browser send (the web apps
 * protect their own changes with a CSRF token kubeorch's API does not have).
 *
 * <p>A refused login says why: a wrong password makes Camunda refuse even the right one for a few
 * seconds, and repeated failures lock the user until an administrator unlocks it.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthentication {

    @Bean
    FilterRegistrationBean<CallerAuthentication> restAuthenticationFilter(ProcessEngine engine, ObjectMapper json) {
        FilterRegistrationBean<CallerAuthentication> registration = new FilterRegistrationBean<>(new CallerAuthentication(engine, json));
        registration.setName("rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/prometheus");
        return registration;
    }

    static final class CallerAuthentication extends OncePerRequestFilter {

        private static final Set<String> READS = Set.of("GET", "HEAD");
        private static final String BASIC = "Basic ";
        /** Sent by kubeorch's pages: answer 401 without the challenge that makes a browser ask for a password. */
        static final String PAGE_HEADER = "X-Requested-With";

        private final ProcessEngine engine;
        private final IdentityService identity;
        private final ObjectMapper json;

        CallerAuthentication(ProcessEngine engine, ObjectMapper json) {
            this.engine = engine;
            this.identity = engine.getIdentityService();
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            String user;
            if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
                String[] credentials = decode(header.substring(BASIC.length()).trim());
                if (credentials == null) {
                    refuse(request, response, "the Authorization header is not HTTP basic user:password in Base64");
                    return;
                }
                // asked first: while a user is locked Camunda refuses even the right password
                String locked = lock(credentials[0]);
                if (locked != null) {
                    refuse(request, response, locked);
                    return;
                }
                if (!identity.checkPassword(credentials[0], credentials[1])) {
                    refuse(request, response, wrongPassword(credentials[0]));
                    return;
                }
                user = credentials[0];
            } else {
                user = webAppsUser(request);
                if (user == null) {
                    refuse(request, response, request.getRequestURI().startsWith("/api/") && READS.contains(request.getMethod())
                            ? "sign in to the Camunda web apps (/camunda), or send a Camunda user's name and password"
                                    + " with HTTP basic authentication"
                            : "send a Camunda user's name and password with HTTP basic authentication");
                    return;
                }
            }
            List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
                    .stream().map(Tenant::getId).toList();
            identity.setAuthentication(user, groups, tenants);
            try {
                chain.doFilter(request, response);
            } finally {
                identity.clearAuthentication();
            }
        }

        /** The user signed in to the web apps in this browser session, for a read of {@code /api}; else null. */
        private String webAppsUser(HttpServletRequest request) {
            if (!request.getRequestURI().startsWith("/api/") || !READS.contains(request.getMethod())) {
                return null;
            }
            HttpSession session = request.getSession(false);
            if (session == null) {
                return null;
            }
            Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = signedIn == null ? null
                    : signedIn.getAuthenticationForProcessEngine(engine.getName());
            if (authentication == null || authentication.getIdentityId() == null) {
                return null;
            }
            // the session may outlive the user
            String user = authentication.getIdentityId();
            return identity.createUserQuery().userId(user).count() == 0 ? null : user;
        }

        private static String[] decode(String encoded) {
            try {
                String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return colon < 1 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** Why Camunda refuses the user whatever the password, with the way out; null when it does not. */
        private String lock(String userId) {
            if (!(identity.createUserQuery().userId(userId).singleResult() instanceof UserEntity user)) {
                return null;
            }
            if (user.getAttempts() >= configuration().getLoginMaxAttempts()) {
                return "user '" + userId + "' is locked after " + user.getAttempts() + " failed logins: an"
                        + " administrator unlocks it in the Admin web app (Users > " + userId + " > Unlock User);"
                        + " kubeorch's own administrator is unlocked by restarting kubeorch with KUBEORCH_ADMIN_UNLOCK=true";
            }
            Duration left = user.getLockExpirationTime() == null ? Duration.ZERO
                    : Duration.between(Instant.now(), user.getLockExpirationTime().toInstant());
            if (!left.isNegative() && !left.isZero()) {
                return "user '" + userId + "' is locked for " + Math.max(1, left.toSeconds()) + " s more after a"
                        + " failed login (each failure in a row doubles the wait, up to "
                        + configuration().getLoginDelayMaxTime() + " s): until then even the right password is"
                        + " refused; wait, then try again";
            }
            return null;
        }

        private String wrongPassword(String userId) {
            return "the user name or the password is wrong; a wrong password makes Camunda refuse user '" + userId
                    + "' for a few seconds, even with the right one, and " + configuration().getLoginMaxAttempts()
                    + " failures in a row lock it until an administrator unlocks it";
        }

        private ProcessEngineConfigurationImpl configuration() {
            return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
            if (request.getHeader(PAGE_HEADER) == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"kubeorch\"");
            }
            new ApiError(HttpServletResponse.SC_UNAUTHORIZED, "not signed in: " + why).writeTo(response, json);
        }
    }
}
