package io.kubeorch.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeorch.steps.HostCheck;
import io.kubeorch.steps.NodeStep;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every step as a delegate the process model names: {@code ${steps.disableFirewall}} runs the
 * step on the task's node, {@code ${stepsOnEveryNode.checkHostRequirements}} (a {@link HostCheck}) on all
 * nodes at once.
 */
@Configuration(proxyBeanMethods = false)
class StepDelegates {

    @Bean
    Map<String, JavaDelegate> steps(List<NodeStep> steps, StepRunner runner) {
        return byName(steps, step -> new StepDelegate(step, runner));
    }

    /** Only host checks run on every node at once: a step that changes hosts runs in each node's own process. */
    @Bean
    Map<String, JavaDelegate> stepsOnEveryNode(List<HostCheck> checks, StepRunner runner) {
        return byName(checks, step -> new EveryNodeDelegate(step, runner));
    }

    private static <S extends NodeStep> Map<String, JavaDelegate> byName(List<S> steps, Function<S, JavaDelegate> delegate) {
        return steps.stream().collect(Collectors.toUnmodifiableMap(NodeStep::name, delegate));
    }
}
