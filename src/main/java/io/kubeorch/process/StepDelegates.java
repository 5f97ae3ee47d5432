package io.kubeorch.process;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeorch.steps.NodeStep;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every step as a delegate the process model names: {@code ${steps.disableFirewall}} runs the
 * step on the task's node, {@code ${stepsOnEveryNode.checkHostRequirements}} on all nodes at once.
 */
@Configuration(proxyBeanMethods = false)
class StepDelegates {

    @Bean
    Map<String, JavaDelegate> steps(List<NodeStep> steps, StepRunner runner) {
        return byName(steps, step -> new StepDelegate(step, runner));
    }

    @Bean
    Map<String, JavaDelegate> stepsOnEveryNode(List<NodeStep> steps, StepRunner runner) {
        return byName(steps, step -> new EveryNodeDelegate(step, runner));
    }

    private static Map<String, JavaDelegate> byName(List<NodeStep> steps, Function<NodeStep, JavaDelegate> delegate) {
        return steps.stream().collect(Collectors.toUnmodifiableMap(NodeStep::name, delegate));
    }
}
