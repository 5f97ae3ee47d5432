package io.kubeorch.inventory;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Small helpers for error messages, which echo what the operator wrote. */
final class Text {

    private static final int SHOWN_CHARACTERS = 80;

    private Text() {
    }

    /**
     * A value as it appears in a message: single-quoted, control characters escaped (a message
     * must not be able to forge log lines), long values cut short.
     */
    static String show(String value) {
        StringBuilder shown = new StringBuilder("'");
        int limit = Math.min(value.length(), SHOWN_CHARACTERS);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        shown.append(String.format("\\u%04x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        if (value.length() > SHOWN_CHARACTERS) {
            shown.append("...");
        }
        return shown.append('\'').toString();
    }

    /** The known name closest to a misspelt one ({@code rol} -> {@code roles}), if any is close. */
    static Optional<String> closest(String misspelt, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = misspelt.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            String candidateLower = candidate.toLowerCase(Locale.ROOT);
            int distance = candidateLower.startsWith(lower) && lower.length() >= 3
                    ? 1
                    : distance(lower, candidateLower);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(1, Math.min(3, misspelt.length() / 3));
        return bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
