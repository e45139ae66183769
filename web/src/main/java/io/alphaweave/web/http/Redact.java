package io.alphaweave.web.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps server paths out of what the service answers: a path in a message becomes its file name. */
final class Redact {
    // two or more segments after a root: /a/b, C:\a\b, ~/a/b
    private static final Pattern PATH =
            Pattern.compile("(?<![\\w:/.])(?:[A-Za-z]:|~)?(?:[/\\\\][^\\s/\\\\:;,'\"()\\[\\]]+){2,}");

    private Redact() {}

    /**
     * @param message a message that may name server paths, or null
     * @return the message with each path replaced by its last segment
     */
    static String paths(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = PATH.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group();
            int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
            m.appendReplacement(out, Matcher.quoteReplacement(p.substring(cut + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
