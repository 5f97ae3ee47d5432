package io.kubeorch.steps;

import java.util.Map;

/** What a step did: whether it changed the node (like Ansible's changed/ok) and what it learned. */
public record StepResult(boolean changed, Map<String, String> facts) {

    public StepResult {
        facts = Map.copyOf(facts);
    }
}
