package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alphaweave.platform.dsl.DefinitionException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link DefinitionValidator#validate} found in one definition: the checks it ran, every
 * problem (with file, line, column, a stable code, a message and a hint) and quick metrics. The same
 * record answers {@code alphaweave validate}, the HTTP submission and the MCP tool. Immutable.
 *
 * @param file the file name as given
 * @param ok true exactly when there are no problems
 * @param checks check name ({@code schema}, {@code compile}, {@code sandbox}, {@code lookahead},
 *     {@code backtest}) → {@code passed}, {@code failed} or {@code skipped: reason}, in the order run
 * @param problems every problem found; empty when ok
 * @param id the component's id, or null when the file did not load
 * @param kind {@code strategy}, {@code combiner} or {@code allocator}, or null when the file did not load
 * @param source {@code yaml} or {@code js}, or null when the file did not load
 * @param sha256 the content hash, or null when the file did not load
 * @param coverage share of (symbol, day) cells with a view on the validation data, in [0, 1]; null
 *     unless a strategy's sandbox run passed
 * @param backtest the quick in-sample rules backtest, or null when it did not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(
        String file,
        boolean ok,
        Map<String, String> checks,
        List<DefinitionException.Problem> problems,
        String id,
        String kind,
        String source,
        String sha256,
        Double coverage,
        QuickBacktest backtest) {

    /** Checks consistency and copies. */
    public ValidationReport {
        Objects.requireNonNull(file, "file");
        checks = Copies.ordered(checks, "checks");
        problems = List.copyOf(problems);
        if (ok != problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "ok must be true exactly when there are no problems, was " + ok + " with " + problems.size());
        }
        if (coverage != null && !(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in [0, 1], was " + coverage);
        }
    }

    /**
     * The quick in-sample rules backtest of a strategy.
     *
     * @param mode what ran, for people
     * @param data the data file
     * @param symbols number of symbols, ≥ 1
     * @param days number of trading days, ≥ 1
     * @param totalReturn the account's total return
     * @param trades closed round trips, ≥ 0
     */
    public record QuickBacktest(String mode, String data, int symbols, int days, double totalReturn, int trades) {
        /** Checks the counts. */
        public QuickBacktest {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(data, "data");
            if (symbols < 1 || days < 1 || trades < 0) {
                throw new IllegalArgumentException(
                        "symbols and days must be ≥ 1 and trades ≥ 0, were " + symbols + ", " + days + ", " + trades);
            }
        }
    }
}
