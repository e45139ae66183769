package io.alphaweave.platform.registry;

import java.util.Collection;

/** "Did you mean": the known id closest to a mistyped one by Levenshtein distance. */
final class IdSuggestion {
    private IdSuggestion() {}

    /** @return the closest id within a typo's distance (≤ max(2, |id|/3)) or containing it, else null */
    static String closest(String id, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(2, id.length() / 3);
        for (String candidate : known) {
            int d = distance(id, candidate);
            boolean close = d <= limit || (id.length() >= 3 && candidate.contains(id));
            if (close && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
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
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
