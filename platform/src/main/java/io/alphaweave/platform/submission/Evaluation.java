package io.alphaweave.platform.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alphaweave.platform.dsl.DefinitionException;
import java.util.List;
import java.util.Map;

/**
 * What a worker found about one definition on the research window: the validation outcome and, when it
 * ran cleanly, the evidence. The parent turns it into a {@link Verdict} with the ledger's figures.
 * Never holds a figure from the sealed holdout.
 *
 * @param outcome {@code OK} when it ran cleanly, else the status it earned ({@code INVALID},
 *     {@code LOOKAHEAD}, {@code TIMEOUT}, {@code MEMORY_LIMIT}, {@code SANDBOX_VIOLATION})
 * @param strategyId the id it declares, or null
 * @param detail one sentence for people
 * @param problems validation problems
 * @param checks validation checks
 * @param inSample metrics on the research window, or null
 * @param ic IC and decay, or null
 * @param sharpeDaily the daily Sharpe ratio on the research window (NaN when undefined)
 * @param observations number of research returns
 * @param skewness of those returns
 * @param kurtosis of those returns (non-excess)
 * @param novelty correlations with registered strategies, or null
 * @param marginal effect on the default portfolio, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(
        String outcome,
        String strategyId,
        String detail,
        List<DefinitionException.Problem> problems,
        Map<String, String> checks,
        Verdict.InSample inSample,
        Verdict.Ic ic,
        double sharpeDaily,
        int observations,
        double skewness,
        double kurtosis,
        Verdict.Novelty novelty,
        Verdict.Marginal marginal) {

    /** The outcome of a definition that ran cleanly. */
    public static final String OK = "OK";

    /** Copies the collections. */
    public Evaluation {
        problems = problems == null ? List.of() : List.copyOf(problems);
        checks = checks == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
    }

    /**
     * An evaluation that stopped with a status.
     *
     * @param status the status earned
     * @param strategyId the id, or null
     * @param detail why
     * @param problems the problems
     * @param checks the checks
     * @return the evaluation
     */
    public static Evaluation failed(
            SubmissionStatus status,
            String strategyId,
            String detail,
            List<DefinitionException.Problem> problems,
            Map<String, String> checks) {
        return new Evaluation(
                status.name(),
                strategyId,
                detail,
                problems,
                checks,
                null,
                null,
                Double.NaN,
                0,
                Double.NaN,
                Double.NaN,
                null,
                null);
    }
}
