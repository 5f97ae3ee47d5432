package io.kubeorch.ssh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a script reported on standard output, by the protocol of {@code scripts/lib/common.sh}:
 * <ul>
 * <li>{@code changed: <what>} &mdash; the script changed something; any such line makes it "changed";</li>
 * <li>{@code fact: <key>=<value>} &mdash; something learned; the value is one line in which {@code \n}
 * stands for a line break and {@code \\} for a backslash. A later fact of the same key wins.</li>
 * </ul>
 * Every other line is free text and ignored.
 *
 * <p>This is the protocol's only parser. It lives in the SSH layer, beside {@link RemoteCommand} and
 * {@link CommandResult}, because its two readers must not depend on each other: the steps read
 * changes and facts, the audit records each command's changed flag. Both already build on
 * {@code ssh}, which depends on neither. The output of a command marked
 * {@link RemoteCommand#secretOutput()} is never parsed: {@link #of} reports nothing for it, so
 * neither reader looks at that output at all.
 */
public record ScriptOutput(List<String> changes, Map<String, String> facts) {

    static final String CHANGED = "changed: ";
    static final String FACT = "fact: ";
    private static final ScriptOutput NOTHING = new ScriptOutput(List.of(), Map.of());

    public ScriptOutput {
        changes = List.copyOf(changes);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** What {@code command} reported in {@code result}; nothing for a command whose output is secret. */
    public static ScriptOutput of(RemoteCommand command, CommandResult result) {
        return command.secretOutput() ? NOTHING : parse(result.stdout());
    }

    /** {@code stdout} without its fact lines: the free text and changes, for a person reading a failure. */
    public static String withoutFacts(String stdout) {
        return Arrays.stream(stdout.split("\r?\n"))
                .filter(line -> !line.startsWith(FACT))
                .collect(Collectors.joining("\n"));
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** The fact's value, or an empty string when the script did not report it. */
    public String fact(String key) {
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
