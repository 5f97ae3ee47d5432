package io.kubeorch.retention;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link CleanedOperations#sweep()} on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionSchedule {
}
