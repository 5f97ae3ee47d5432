package io.kubeorch.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The history page at {@code /history/} ({@code static/history/}): a static page that reads the
 * REST API with the web apps' login, linked from Cockpit's menu and the Welcome page. Spring serves
 * a folder's index only at the root, so the folder URL is forwarded here; the audit page's former
 * address {@code /installs/} leads to it.
 */
@Configuration(proxyBeanMethods = false)
class HistoryPage implements WebMvcConfigurer {

    static final String PATH = "/history/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/history", PATH).setKeepQueryParams(true);
        registry.addRedirectViewController("/installs", PATH).setKeepQueryParams(true);
        registry.addRedirectViewController("/installs/", PATH).setKeepQueryParams(true);
        registry.addViewController(PATH).setViewName("forward:/history/index.html");
    }
}
