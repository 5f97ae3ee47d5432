package io.kubeorch.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step script reported on standard output, by the protocol of {@code scripts/lib/common.sh}:
 * <ul>
 * <li>{@code changed: <what>} &mdash; the script changed something; any such line makes the step "changed";</li>
 * <li>{@code fact: <key>=<value>} &mdash; something learned; the value is one line in which {@code \n}
 * stands for a line break and {@code \\} for a backslash. A later fact of the same key wins.</li>
 * </ul>
 * Every other line is free text and ignored.
 */
record ScriptOutput(List<String> changes, Map<String, String> facts) {

    static final String CHANGED = "changed: ";
    static final String FACT = "fact: ";

    ScriptOutput {
        changes = List.copyOf(changes);
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    boolean changed() {
        return !changes.isEmpty();
    }

    String fact(String key) {
        return facts.getOrDefault(key, "");
    }

    static ScriptOutput parse(String stdout) {
        List<String> changes = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : stdout.split("\r?\n")) {
            if (line.startsWith(CHANGED)) {
                changes.add(line.substring(CHANGED.length()).strip());
            } else if (line.startsWith(FACT)) {
                String fact = line.substring(FACT.length());
                int equals = fact.indexOf('=');
                if (equals > 0) {
                    facts.put(fact.substring(0, equals).strip(), unescape(fact.substring(equals + 1)));
                }
            }
        }
        return new ScriptOutput(changes, facts);
    }

    /** Undoes the escaping of {@code fact} in common.sh: {@code \n} is a line break, {@code \\} a backslash. */
    static String unescape(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == 'n') {
                    text.append('\n');
                    i++;
                    continue;
                }
                if (next == '\\') {
                    text.append('\\');
                    i++;
                    continue;
                }
            }
            text.append(c);
        }
        return text.toString();
    }
}
