package io.alphaweave.platform.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alphaweave.platform.dsl.DefinitionException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict on one content hash: its status, the machine-readable reasons of a rejection, the
 * validation problems, and the evidence (in-sample metrics on the research window, IC and decay, the
 * probabilistic and deflated Sharpe ratio with the ledger's trial counts, novelty, marginal effect and
 * the sealed holdout's pass/fail). Figures that were not computed (the code did not load, or stopped
 * early) are null. Never contains a figure from the sealed holdout. Immutable.
 *
 * @param status the final status
 * @param contentHash the SHA-256 of the submitted text, hex
 * @param version the version it is registered under when ACCEPTED: {@code sha256-<first 12 hex>}
 * @param strategyId the component id the file declares, or null when it did not load
 * @param detail one sentence for people: why this status
 * @param reasons why it was REJECTED (empty otherwise), machine-readable
 * @param problems the validation problems (file, line, column, code, message, hint), as {@code validate}
 * @param checks the validation checks run → {@code passed}/{@code failed}/{@code skipped: …}
 * @param inSample metrics of the strategy's signal portfolio on the research window, or null
 * @param ic IC and decay on the research window, or null
 * @param sharpe the probabilistic and the deflated Sharpe ratio, or null
 * @param trials the ledger counts the DSR used, or null
 * @param novelty correlations with the registered strategies, or null
 * @param marginal effect on the default portfolio, or null
 * @param holdout the sealed holdout's pass/fail, or null when it was not evaluated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(
        SubmissionStatus status,
        String contentHash,
        String version,
        String strategyId,
        String detail,
        List<Reason> reasons,
        List<DefinitionException.Problem> problems,
        Map<String, String> checks,
        InSample inSample,
        Ic ic,
        Sharpe sharpe,
        Trials trials,
        Novelty novelty,
        Marginal marginal,
        Holdout holdout) {

    /** Checks the status and copies the lists. */
    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentHash, "contentHash");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a verdict's status must be final, was " + status);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        problems = problems == null ? List.of() : List.copyOf(problems);
        checks = checks == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
        if ((status == SubmissionStatus.REJECTED) != !reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons must be given exactly when the status is REJECTED, status "
                    + status + " with " + reasons.size() + " reasons");
        }
    }

    /**
     * A verdict with no figures: a definition that did not get as far as an evaluation (or whose
     * evaluation was stopped).
     *
     * @param status its final status, not REJECTED (which needs reasons)
     * @param contentHash SHA-256 hex of the definition's text
     * @param strategyId its id when known, else null
     * @param detail what happened, for people
     * @return the verdict, versioned by its content hash
     */
    public static Verdict withoutFigures(
            SubmissionStatus status, String contentHash, String strategyId, String detail) {
        return new Verdict(
                status,
                contentHash,
                versionOf(contentHash),
                strategyId,
                detail,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * @param contentHash SHA-256 hex of a definition's text
     * @return the version an accepted definition is registered under: {@code sha256-} and 12 hex digits
     */
    public static String versionOf(String contentHash) {
        return "sha256-" + contentHash.substring(0, 12);
    }

    /**
     * @param text the new detail
     * @return this verdict with {@code detail} replaced
     */
    public Verdict withDetail(String text) {
        return new Verdict(
                status,
                contentHash,
                version,
                strategyId,
                text,
                reasons,
                problems,
                checks,
                inSample,
                ic,
                sharpe,
                trials,
                novelty,
                marginal,
                holdout);
    }

    /**
     * One failed criterion.
     *
     * @param code stable code: {@code DEFLATED_SHARPE}, {@code IC}, {@code HORIZON}, {@code NOVELTY},
     *     {@code MARGINAL}, {@code HOLDOUT}, {@code NO_VARIANCE}
     * @param message for people
     * @param value the measured value (null for the holdout, which is sealed)
     * @param threshold the threshold it was held to
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reason(String code, String message, Double value, Double threshold) {
        /** Checks the fields. */
        public Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * In-sample metrics of the signal portfolio (weights alpha/Σ|alpha|, rebalanced daily at the close)
     * on the research window.
     *
     * @param start first date
     * @param end last date of the research window
     * @param days number of daily returns
     * @param sharpeRatio annualised
     * @param totalReturn compounded
     * @param volatility annualised
     * @param maxDrawdown a negative number
     * @param coverage share of (symbol, day) cells with a view
     */
    public record InSample(
            LocalDate start,
            LocalDate end,
            int days,
            double sharpeRatio,
            double totalReturn,
            double volatility,
            double maxDrawdown,
            double coverage) {}

    /**
     * IC and decay.
     *
     * @param declaredHorizon the horizon the definition declares
     * @param peakHorizon the decay horizon with the highest mean IC
     * @param horizonMatches whether the declared horizon is the peak or its neighbour in the decay list
     * @param atDeclared the mean IC at the declared horizon
     * @param decay mean IC and t-stat at 1, 2, 5, 10 and 20 days
     */
    public record Ic(
            int declaredHorizon, int peakHorizon, boolean horizonMatches, double atDeclared, List<IcPoint> decay) {
        /** Copies the list. */
        public Ic {
            decay = List.copyOf(decay);
        }
    }

    /**
     * @param horizon days
     * @param mean mean daily IC
     * @param tStat its t-statistic
     * @param days days with a defined IC
     */
    public record IcPoint(int horizon, double mean, double tStat, int days) {}

    /**
     * @param sharpeRatioDaily SR per day
     * @param observations T
     * @param skewness γ₃
     * @param kurtosis γ₄
     * @param probabilisticSharpe PSR against 0
     * @param expectedMaxSharpeDaily SR₀ of the ledger's trials overall
     * @param deflatedSharpe DSR counting the trials overall (the one held to the threshold)
     * @param familyExpectedMaxSharpeDaily SR₀ of the trials of its family
     * @param familyDeflatedSharpe DSR counting the trials of its family only
     * @param reference the paper the formula follows
     */
    public record Sharpe(
            double sharpeRatioDaily,
            int observations,
            double skewness,
            double kurtosis,
            double probabilisticSharpe,
            double expectedMaxSharpeDaily,
            double deflatedSharpe,
            double familyExpectedMaxSharpeDaily,
            double familyDeflatedSharpe,
            String reference) {}

    /**
     * @param family the family the trial counts in
     * @param familyTrials trials of that family, this one included
     * @param overallTrials trials overall, this one included (the N of the DSR)
     * @param sharpeVariance the variance of the trials' daily Sharpe ratios (the V of the DSR)
     * @param familySharpeVariance the same over the family's trials (the V of the family's DSR)
     */
    public record Trials(
            String family, int familyTrials, int overallTrials, double sharpeVariance, double familySharpeVariance) {}

    /**
     * @param peers each registered strategy's correlation with this one
     * @param mostSimilar the registered strategy with the highest correlation, or null when none
     * @param maxCorrelation that highest absolute correlation (of returns or signals)
     */
    public record Novelty(List<Peer> peers, String mostSimilar, double maxCorrelation) {
        /** Copies the list. */
        public Novelty {
            peers = List.copyOf(peers);
        }
    }

    /**
     * @param strategy a registered strategy's id
     * @param returnsCorrelation Pearson correlation of daily returns on the research window
     * @param signalCorrelation Pearson correlation of alphas over (symbol, day) cells where both have one
     */
    public record Peer(String strategy, double returnsCorrelation, double signalCorrelation) {}

    /**
     * @param portfolio what the default portfolio is
     * @param sharpeWithout its annualised Sharpe ratio
     * @param sharpeWith with this strategy added at an equal weight
     * @param delta with − without
     */
    public record Marginal(String portfolio, double sharpeWithout, double sharpeWith, double delta) {}

    /**
     * @param passed whether the holdout Sharpe ratio reached the threshold
     * @param threshold the annualised Sharpe ratio required
     * @param fraction the share of the most recent dates sealed
     */
    public record Holdout(boolean passed, double threshold, double fraction) {}
}
