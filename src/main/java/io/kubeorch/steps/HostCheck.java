package io.kubeorch.steps;

/**
 * A read-only step that checks a host before any node is changed: the install runs it on every
 * node at once, from one task, so that one unfit host stops the install before anything changed.
 * Only such steps may run that way; a step that changes a host runs in that node's own process.
 */
public interface HostCheck extends NodeStep {
}
