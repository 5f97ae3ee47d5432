package io.kubeorch.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP basic authentication on the engine's REST API, on kubeorch's own and on the metrics for
 * Prometheus: all are open by default. The filter also makes the caller the engine's authenticated user, so
 * authorizations apply and the user operation log records who did what.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EveryRequestAuthenticationFilter());
        registration.setName("rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/prometheus");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        return registration;
    }

    /** Camunda's filter lets anyone list the engines at {@code /engine-rest/engine}; kubeorch does not. */
    static class EveryRequestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

        @Override
        protected boolean requiresEngineAuthentication(String requestUrl) {
            return true;
        }
    }
}
