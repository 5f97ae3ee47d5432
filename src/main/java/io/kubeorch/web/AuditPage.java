package io.kubeorch.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The audit page at {@code /installs/} ({@code static/installs/}): a static page that reads the
 * REST API with the browser's credentials. Spring serves a folder's index only at the root, so
 * the folder URL is forwarded here.
 */
@Configuration(proxyBeanMethods = false)
class AuditPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/installs", "/installs/").setKeepQueryParams(true);
        registry.addViewController("/installs/").setViewName("forward:/installs/index.html");
    }
}
