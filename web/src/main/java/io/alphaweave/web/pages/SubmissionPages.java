package io.alphaweave.web.pages;

import io.alphaweave.platform.submission.Submission;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.web.http.ApiProblem;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The submission pages (DESIGN §9–§10): {@code /submissions} (the latest submissions, newest first)
 * and {@code /submissions/{id}} (one submission and its verdict: status, reasons, problems, in-sample
 * metrics, IC and decay, PSR/DSR with the ledger's trial counts, novelty, marginal effect and the
 * holdout's pass/fail). Read-only, through {@link SubmissionRepository}; every user-supplied text is
 * escaped by the templates.
 */
public final class SubmissionPages {
    /** How many submissions the list page shows. */
    static final int LIST_LIMIT = 100;

    /** How many submissions the home page shows. */
    static final int RECENT = 5;

    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final SubmissionRepository submissions;
    private final String version;

    /**
     * @param submissions the submission store
     * @param version the application version shown in the footer
     */
    public SubmissionPages(SubmissionRepository submissions, String version) {
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * Adds the two pages' routes.
     *
     * @param config the server's configuration
     */
    public void configure(JavalinConfig config) {
        config.routes.get("/submissions", this::list);
        config.routes.get("/submissions/{id}", this::verdict);
    }

    /** @return the latest few submissions, newest first, for the home page */
    public List<Submission> recent() {
        return submissions.list(null, null, RECENT);
    }

    private Map<String, Object> page(String title) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", title);
        p.put("active", "submissions");
        p.put("version", version);
        return p;
    }

    private void list(Context ctx) {
        Map<String, Object> p = page("Submissions");
        p.put("submissions", submissions.list(null, null, LIST_LIMIT));
        html(ctx, "submissions.jte", p);
    }

    private void verdict(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "id must be a submission id (a UUID: 36 characters of 0-9, a-f and -), was \""
                            + (id.length() > 40 ? id.substring(0, 40) + "…" : id).replaceAll("[^A-Za-z0-9._%/-]", "?")
                            + "\"");
        }
        Submission s = submissions
                .find(id)
                .orElseThrow(() -> ApiProblem.of(
                        ApiProblem.Kind.NOT_FOUND, "no submission " + id + "; the submissions are on /submissions"));
        Map<String, Object> p = page("Submission " + s.filename());
        p.put("s", s);
        html(ctx, "submission.jte", p);
    }

    /**
     * A figure for the verdict page: 4 significant decimals, {@code –} for NaN or infinity.
     *
     * @param x the figure
     * @return it as text
     */
    public static String num(double x) {
        return Double.isFinite(x) ? String.format(java.util.Locale.ROOT, "%.4f", x) : "–";
    }

    /**
     * A figure that may be absent.
     *
     * @param x the figure, or null
     * @return it as text, {@code –} when null
     */
    public static String num(Double x) {
        return x == null ? "–" : num(x.doubleValue());
    }

    /**
     * A share as a percentage.
     *
     * @param x the share (0.05 is 5%)
     * @return it as text, e.g. {@code 5.00%}
     */
    public static String pct(double x) {
        return Double.isFinite(x) ? String.format(java.util.Locale.ROOT, "%.2f%%", 100 * x) : "–";
    }

    private static void html(Context ctx, String template, Map<String, Object> params) {
        ctx.contentType("text/html; charset=utf-8").result(PageRenderer.render(template, params));
    }
}
