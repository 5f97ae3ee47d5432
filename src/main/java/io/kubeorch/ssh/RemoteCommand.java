package io.kubeorch.ssh;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A script to run on a node. Values reach the script as environment variables, quoted by the SSH
 * layer, never pasted into the script text. Secret values are masked wherever the command is
 * described (logs, the command record); a command whose output carries a secret says so.
 *
 * @param label what the command is, for people: usually the script's file name
 * @param script the bash script text, sent on standard input
 * @param environment variables the script reads, in order
 * @param secretNames names in {@code environment} whose values must never be shown
 * @param secretOutput whether standard output carries a secret (a join command, a certificate key)
 * @param timeout how long the command may run before it is killed
 */
public record RemoteCommand(
        String label,
        String script,
        Map<String, String> environment,
        Set<String> secretNames,
        boolean secretOutput,
        Duration timeout) {

    public static final String MASK = "*****";

    public RemoteCommand {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secretNames = Collections.unmodifiableSet(new LinkedHashSet<>(secretNames));
        if (!environment.keySet().containsAll(secretNames)) {
            throw new IllegalArgumentException("secret names not in the environment: " + secretNames);
        }
    }

    public static Builder script(String label, String script) {
        return new Builder(label, script);
    }

    /** The values that must not appear in any record of this command. */
    public Set<String> secretValues() {
        return secretNames.stream().map(environment::get).filter(v -> v != null && !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The label and its environment with secrets masked, e.g. {@code join-node.sh NODE_NAME=node01 JOIN_TOKEN=*****}. */
    public String describe() {
        StringBuilder text = new StringBuilder(label);
        environment.forEach((name, value) -> text.append(' ').append(name).append('=')
                .append(secretNames.contains(name) ? MASK : ShellQuoting.quote(value)));
        return text.toString();
    }

    /** Replaces every secret value of this command in {@code text} with the mask. */
    public String mask(String text) {
        String masked = text;
        for (String secret : secretValues()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public static final class Builder {

        private final String label;
        private final String script;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> secretNames = new LinkedHashSet<>();
        private boolean secretOutput;
        private Duration timeout = Duration.ofMinutes(5);

        private Builder(String label, String script) {
            this.label = label;
            this.script = script;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder secretEnv(String name, String value) {
            environment.put(name, value);
            secretNames.add(name);
            return this;
        }

        public Builder secretOutput() {
            this.secretOutput = true;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public RemoteCommand build() {
            return new RemoteCommand(label, script, environment, secretNames, secretOutput, timeout);
        }
    }
}
