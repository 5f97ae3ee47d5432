package io.kubeorch.steps;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pods a failed {@code kubectl drain} could not move, and why, read from its output: the
 * refusals it makes at once (a pod no controller would recreate, one with local storage) and the
 * evictions it gave up on at its timeout (a disruption budget that allows none, a pod still
 * terminating).
 */
final class DrainRefusal {

    private static final Pattern REFUSED = Pattern.compile("^cannot delete (.+?) \\(use (--[a-z-]+) to [a-z]+\\): (.+)$");
    private static final Pattern BUDGET = Pattern.compile(
            "^error when evicting pods/\"([^\"]+)\" -n \"([^\"]+)\" \\(will retry after \\d+s\\): Cannot evict pod as it"
                    + " would violate the pod's disruption budget\\.$");
    private static final Pattern GAVE_UP = Pattern.compile(
            "^error when evicting pods/\"([^\"]+)\" -n \"([^\"]+)\": (.+)$");
    private static final Pattern TERMINATING = Pattern.compile(
            "^error when waiting for pod \"([^\"]+)\" (?:in namespace \"([^\"]+)\" )?(?:to terminate|terminating): (.+)$");

    private DrainRefusal() {
    }

    /** Each pod that did not move, as {@code namespace/name}, with why. */
    static Map<String, String> pods(String output) {
        Map<String, String> budgeted = new LinkedHashMap<>();
        Map<String, String> pods = new LinkedHashMap<>();
        for (String line : (output == null ? "" : output).split("\n")) {
            String text = line.strip();
            Matcher refused = REFUSED.matcher(text);
            if (refused.matches()) {
                for (String pod : refused.group(3).split(",\\s*")) {
                    pods.putIfAbsent(pod.strip(), reason(refused.group(1), refused.group(2)));
                }
                continue;
            }
            Matcher budget = BUDGET.matcher(text);
            if (budget.matches()) {
                budgeted.put(budget.group(2) + "/" + budget.group(1), "its PodDisruptionBudget allows no disruption now");
                continue;
            }
            Matcher gaveUp = GAVE_UP.matcher(text);
            if (gaveUp.matches()) {
                String pod = gaveUp.group(2) + "/" + gaveUp.group(1);
                pods.putIfAbsent(pod, budgeted.getOrDefault(pod, "its eviction failed: " + gaveUp.group(3)));
                continue;
            }
            Matcher terminating = TERMINATING.matcher(text);
            if (terminating.matches()) {
                String namespace = terminating.group(2) == null ? "" : terminating.group(2) + "/";
                pods.putIfAbsent(namespace + terminating.group(1), "it is still terminating: " + terminating.group(3));
            }
        }
        return pods;
    }

    /** The decision's reason: the node, the timeout, each pod and why, what to do. */
    static String describe(String node, Duration timeout, String output) {
        Map<String, String> pods = pods(output);
        StringBuilder message = new StringBuilder(node).append(" was not drained (kubectl drain, timeout ")
                .append(timeout.toSeconds()).append(" s); it stays cordoned.");
        if (pods.isEmpty()) {
            message.append(" kubectl said:\n").append(output == null ? "" : output.strip());
        } else {
            message.append(" These pods would not move:");
            pods.forEach((pod, why) -> message.append("\n  ").append(pod).append(": ").append(why));
        }
        return message.append("\nMove or delete those pods (or relax their budget) and retry; abort uncordons ")
                .append(node).append(" and ends the removal.").toString();
    }

    private static String reason(String what, String flag) {
        return switch (flag) {
            case "--force" -> "no controller would recreate it (kubeorch does not drain with --force, which deletes it)";
            case "--delete-emptydir-data" -> "it keeps data in an emptyDir volume";
            case "--ignore-daemonsets" -> "a DaemonSet runs it";
            default -> "kubectl refused " + what;
        };
    }
}
