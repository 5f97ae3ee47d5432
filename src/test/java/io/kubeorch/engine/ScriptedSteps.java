package io.kubeorch.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kubeorch.model.Variables;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.NodeStep;
import io.kubeorch.steps.StepContext;
import io.kubeorch.steps.StepFailedException;
import io.kubeorch.steps.StepResult;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Test doubles for every step bean: a run answers what the test scripted for that step, else it
 * succeeds with the facts the process model reads. The doubles keep the real steps' names,
 * interfaces and declared process variables, so the engine glue treats them as the real ones.
 */
final class ScriptedSteps implements BeanPostProcessor {

    /** What one run of a step does. */
    interface Outcome {
        StepResult answer(StepContext context);
    }

    private final Map<String, Deque<Outcome>> next = new HashMap<>();
    private final Map<String, Outcome> always = new HashMap<>();
    private final List<String> runs = Collections.synchronizedList(new ArrayList<>());

    static Outcome fails(String message) {
        return context -> {
            throw new StepFailedException(message);
        };
    }

    static Outcome needsDecision(String errorCode, String message) {
        return context -> {
            throw new DecisionRequiredException(errorCode, message);
        };
    }

    /** The step's SSH connection to {@code host} fails: the host does not answer ({@code why}, one line). */
    static Outcome unreachable(String host, String why) {
        return context -> {
            throw new SshException(host, SshFailure.UNREACHABLE, why, "Bring the host back up.");
        };
    }

    static Outcome reports(Map<String, String> facts) {
        return context -> new StepResult(false, facts);
    }

    /** The next runs of {@code step}, one outcome each, before it answers as usual again. */
    synchronized void next(String step, Outcome... outcomes) {
        next.computeIfAbsent(step, s -> new ArrayDeque<>()).addAll(List.of(outcomes));
    }

    /** Every run of {@code step} from now on, until {@link #reset}. */
    synchronized void always(String step, Outcome outcome) {
        always.put(step, outcome);
    }

    synchronized void reset() {
        next.clear();
        always.clear();
        runs.clear();
    }

    /** The runs so far, as {@code step@node}, in order. */
    List<String> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    private StepResult run(String step, StepContext context) {
        runs.add(step + "@" + context.node().name());
        Outcome outcome;
        synchronized (this) {
            Deque<Outcome> queued = next.get(step);
            outcome = queued != null && !queued.isEmpty() ? queued.poll() : always.get(step);
        }
        return outcome != null ? outcome.answer(context) : usual(step, context);
    }

    /** Success, with the facts the model and forms read, and one they do not (it must not become a variable). */
    private static StepResult usual(String step, StepContext context) {
        Map<String, String> facts = new HashMap<>();
        facts.put("unreadFact", step + " on " + context.node().name());
        switch (step) {
            case "renderKubeadmConfig" -> facts.put(Variables.KUBEADM_CONFIG, "kind: ClusterConfiguration");
            case "runPreflight" -> facts.putAll(Map.of(Variables.PREFLIGHT_WARNINGS, "", Variables.CLUSTER_INITIALIZED, "false"));
            case "initControlPlane" -> facts.put(Variables.CLUSTER_INITIALIZED, "now");
            case "checkClusterReady" -> facts.put(Variables.READY, "true");
            case "checkEtcdQuorum" -> facts.put(Variables.ETCD_STATUS, "etcd keeps its quorum");
            case "checkHostRequirements" -> facts.putAll(Map.of("cpus", "2", "memoryMb", "4096", "osId", "openEuler"));
            default -> {
            }
        }
        return new StepResult(true, facts);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof NodeStep real)) {
            return bean;
        }
        return Proxy.newProxyInstance(getClass().getClassLoader(), ClassUtils.getAllInterfaces(bean),
                (proxy, method, arguments) -> {
                    if (method.getName().equals("run") && arguments != null && arguments.length == 1) {
                        return run(real.name(), (StepContext) arguments[0]);
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
