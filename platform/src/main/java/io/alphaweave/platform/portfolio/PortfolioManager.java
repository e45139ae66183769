package io.alphaweave.platform.portfolio;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.SignalCombiner;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Weaves many strategies' signals into one book, one rebalance at a time: combine (with
 * provenance) → allocate → constrain. One instance per backtest run: it keeps the history of its
 * own combined alphas, from which {@code realisedSignalReturns} (e.g. for Kelly sizing) is
 * computed, so it is <b>not thread-safe</b> and rebalance days must increase.
 *
 * <h2>Point in time</h2>
 *
 * Everything an allocator can ask the host at day t — trailing volatility, covariance, realised
 * signal returns — is computed from bars dated on or before t only. Realised signal returns are the
 * outcomes of this manager's earlier combined alphas over {@code signalHorizonDays} of the symbol's
 * own bars: for a decision s with alpha ≠ 0 on the symbol whose h-th following bar is on or before
 * t, sign(alpha_s) · (close[s+h] / close[s] − 1).
 *
 * <h2>Constraints, in the order applied</h2>
 *
 * <ol>
 *   <li>{@code long_only}: negative weights are set to 0 (the freed weight stays in cash).
 *   <li>{@code gross_leverage}: if Σ|w| exceeds it, all weights are scaled down proportionally. An
 *       allocator that invests less keeps its cash: weights are never scaled up.
 *   <li>{@code min_positions}: if fewer than {@code minPositions} symbols hold weight, the book stays
 *       in cash for this rebalance (all weights 0), reported with the gross it removed.
 *   <li>{@code max_position} and {@code max_sector} together: first a feasibility check — the caps
 *       must admit the gross G left after step 2 over the symbols holding weight: Σ over sectors of
 *       min(max_sector, max_position × symbols in it) + max_position × symbols without a sector =
 *       capacity C ≥ G? Then iterative cap-and-redistribute on |w| (signs kept): cap each |w| at
 *       max_position; scale every sector whose gross Σ|w| exceeds max_sector down to it; symbols
 *       capped either way are frozen; the weight removed is given to the unfrozen symbols in
 *       proportion to their |w|; repeat until nothing exceeds a cap or every symbol is frozen. Only
 *       symbols already holding weight receive weight, so the position count does not change and G
 *       is preserved when C ≥ G. Symbols without a sector are exempt from max_sector; sector weight
 *       is gross (Σ|w|), long and short alike.
 *       <p><b>When C &lt; G</b> ({@link Constraints#onInfeasible()}): with {@code cash} (the
 *       default) the same capping runs and ends with every symbol at a cap, so exactly C is
 *       invested and G − C stays in cash; this relaxation is reported on the limiting cap ({@code
 *       max_sector} if some sector's cap is below max_position × its symbols, else {@code
 *       max_position}) with the detail "caps hold only C of gross_leverage G: G − C kept in cash
 *       (…numbers by sector…)". With {@code error} an {@link InfeasibleConstraintsException} names
 *       the same numbers and the run stops.
 * </ol>
 *
 * Each constraint that changed the weights is reported as a {@link BindingConstraint} with Σ|Δw|
 * it caused; for step 4 the step's Σ|Δw| is split between {@code max_position} and {@code
 * max_sector} in proportion to the weight each removed, except the G − C kept in cash, which is
 * counted whole on the limiting cap.
 */
public final class PortfolioManager {
    /** Largest |Σ contributions − combined| accepted from a combiner. */
    public static final double CONTRIBUTION_TOLERANCE = 1e-9;

    private final SignalCombiner combiner;
    private final CapitalAllocator allocator;
    private final Constraints constraints;
    private final SignalHistory history;
    private final int signalHorizonDays;
    private double[] alphaScratch = new double[0];

    /**
     * A manager whose realised signal returns use a one-bar horizon.
     *
     * @param combiner configured combiner
     * @param allocator configured allocator
     * @param constraints the book's constraints
     */
    public PortfolioManager(SignalCombiner combiner, CapitalAllocator allocator, Constraints constraints) {
        this(combiner, allocator, constraints, 1);
    }

    /**
     * @param combiner configured combiner
     * @param allocator configured allocator
     * @param constraints the book's constraints
     * @param signalHorizonDays h ≥ 1, the number of the symbol's bars over which a past combined
     *     alpha's outcome is measured for {@code realisedSignalReturns}
     */
    public PortfolioManager(
            SignalCombiner combiner, CapitalAllocator allocator, Constraints constraints, int signalHorizonDays) {
        this.combiner = Objects.requireNonNull(combiner, "combiner must not be null");
        this.allocator = Objects.requireNonNull(allocator, "allocator must not be null");
        this.constraints = Objects.requireNonNull(constraints, "constraints must not be null");
        if (signalHorizonDays < 1) {
            throw new InvalidParameterException("signalHorizonDays must be ≥ 1, was " + signalHorizonDays);
        }
        this.history = new SignalHistory(signalHorizonDays);
        this.signalHorizonDays = signalHorizonDays;
    }

    /** @return the combiner */
    public SignalCombiner combiner() {
        return combiner;
    }

    /** @return the allocator */
    public CapitalAllocator allocator() {
        return allocator;
    }

    /** @return the constraints */
    public Constraints constraints() {
        return constraints;
    }

    /** @return h, the symbol bars over which a past combined alpha's realised outcome is measured */
    public int signalHorizonDays() {
        return signalHorizonDays;
    }

    /**
     * Runs the combiner on one day and checks its contract: combined alphas in [-1, 1] or NaN, NaN
     * where no strategy has a view (NaN alpha), finite contributions, 0 from a strategy without a
     * view and everywhere the combined alpha is NaN, and Σ contributions = combined within {@link
     * #CONTRIBUTION_TOLERANCE}.
     *
     * @param in the day's signals
     * @param out sized [strategies][symbols]; reset here, then filled by the combiner
     * @throws ComponentContractException naming the combiner, date, symbol and numbers
     */
    public void combineSignals(CombinerInput in, CombinerOutput out) {
        int k = in.strategyCount();
        int n = in.symbolCount();
        if (out.strategyCount() != k || out.combined().length != n) {
            throw new IllegalArgumentException("output must be sized " + k + " strategies × " + n + " symbols, was "
                    + out.strategyCount() + " × " + out.combined().length);
        }
        out.reset();
        combiner.combine(in, out);
        double[] combined = out.combined();
        for (int j = 0; j < n; j++) {
            double c = combined[j];
            boolean anyView = false;
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double contribution = out.contribution(i)[j];
                boolean view = !Double.isNaN(in.alpha()[i][j]);
                anyView |= view;
                if (!Double.isFinite(contribution)) {
                    throw violation(
                            in,
                            j,
                            "contribution of " + in.strategyIds().get(i) + " must be finite, was " + contribution);
                }
                if ((!view || Double.isNaN(c)) && contribution != 0.0) {
                    throw violation(
                            in,
                            j,
                            "contribution of " + in.strategyIds().get(i) + " must be 0 "
                                    + (view ? "where the combined alpha is NaN" : "without a view") + ", was "
                                    + contribution);
                }
                sum += contribution;
            }
            if (Double.isNaN(c)) {
                continue;
            }
            if (!anyView) {
                throw violation(in, j, "combined alpha must be NaN where no strategy has a view, was " + c);
            }
            if (!(c >= -1.0 && c <= 1.0)) {
                throw violation(in, j, "combined alpha must be in [-1, 1], was " + c);
            }
            if (Math.abs(sum - c) > CONTRIBUTION_TOLERANCE) {
                throw violation(
                        in, j, "contributions must sum to the combined alpha " + c + " (±1e-9), summed to " + sum);
            }
        }
    }

    /**
     * Asks the allocator for raw target weights (before constraints) through a host {@link
     * io.alphaweave.api.AllocationContext} at {@code day}.
     *
     * @param data the panel; the allocator must not read bars after {@code day}
     * @param day the decision day's calendar index
     * @param combinedAlpha combined alpha by symbol, NaN for no view; not modified
     * @return finite weights by symbol, 0 wherever the alpha is NaN
     * @throws ComponentContractException if the allocator returns a non-finite weight or weights a
     *     symbol without a view
     */
    public double[] allocateCapital(MarketView data, int day, double[] combinedAlpha) {
        double[] weights = new double[data.symbolCount()];
        allocateInto(data, day, combinedAlpha, combinedAlpha.clone(), weights);
        return weights;
    }

    /**
     * The allocator's weights into {@code weights} (zeroed here), checked; {@code alpha} receives a
     * copy of the combined alpha, so an allocator that writes into its context cannot change it.
     */
    private void allocateInto(MarketView data, int day, double[] combinedAlpha, double[] alpha, double[] weights) {
        checkDay(data, day);
        int n = data.symbolCount();
        if (combinedAlpha.length != n) {
            throw new IllegalArgumentException(
                    "combinedAlpha needs one entry per symbol (" + n + "), had " + combinedAlpha.length);
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(
                    "targetWeights needs one entry per symbol (" + n + "), had " + weights.length);
        }
        System.arraycopy(combinedAlpha, 0, alpha, 0, n);
        Arrays.fill(weights, 0.0);
        allocator.allocate(new HostAllocationContext(data, day, alpha, constraints, history), weights);
        LocalDate date = data.date(day);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new ComponentContractException("allocator " + allocator.id() + " on " + date + ": weight of "
                        + data.symbols().get(i) + " must be finite, was " + weights[i]);
            }
            if (Double.isNaN(combinedAlpha[i]) && weights[i] != 0.0) {
                throw new ComponentContractException("allocator " + allocator.id() + " on " + date + ": weight of "
                        + data.symbols().get(i) + " must be 0 without a view (NaN alpha), was " + weights[i]);
            }
        }
    }

    /**
     * Applies the constraints in the documented order (see the class comment).
     *
     * @param data the panel (symbols and sectors)
     * @param day the decision day's calendar index
     * @param weights raw weights by symbol: finite, 0 where the alpha is NaN; not modified
     * @param combinedAlpha combined alpha by symbol, NaN for no view
     * @return the constrained weights and the constraints that bound
     * @throws InfeasibleConstraintsException when the caps cannot hold the gross and {@link
     *     Constraints#onInfeasible()} is {@code error}, naming the numbers
     */
    public ConstrainedWeights applyConstraints(MarketView data, int day, double[] weights, double[] combinedAlpha) {
        checkDay(data, day);
        return ConstraintSolver.apply(data, day, weights, combinedAlpha, constraints);
    }

    /**
     * One full rebalance: combine, allocate, constrain; then records the combined alpha in this
     * manager's signal history. Days must strictly increase across calls.
     *
     * @param data the panel
     * @param day the decision day's calendar index; {@code in.date()} must be its date
     * @param in the day's signals, symbols in the panel's column order
     * @return what was decided, with provenance and binding constraints
     */
    public Rebalance rebalance(MarketView data, int day, CombinerInput in) {
        checkRebalance(data, day, in);
        CombinerOutput out = new CombinerOutput(in.strategyCount(), in.symbolCount());
        combineSignals(in, out);
        double[] combined = out.combined().clone();
        double[] raw = allocateCapital(data, day, combined);
        ConstrainedWeights constrained = applyConstraints(data, day, raw, combined);
        double[][] contributions = new double[in.strategyCount()][];
        for (int i = 0; i < contributions.length; i++) {
            contributions[i] = out.contribution(i).clone();
        }
        history.record(data, day, combined);
        return new Rebalance(data.date(day), combined, contributions, constrained.weights(), constrained.binding());
    }

    /**
     * {@link #rebalance} for engines that replay many days: the same checks, the same decision and
     * the same signal history, but written into caller-owned buffers instead of a {@link Rebalance}
     * (whose arrays are copied in and out). Days must strictly increase across calls.
     *
     * @param data the panel
     * @param day the decision day's calendar index; {@code in.date()} must be its date
     * @param in the day's signals, symbols in the panel's column order
     * @param out sized [strategies][symbols]; receives the combined alpha and each strategy's
     *     contribution (the caller must not modify them)
     * @param targetWeights one entry per symbol; receives the weights after constraints
     * @param binding receives the constraints that bound, in the order they were applied
     */
    public void rebalanceInto(
            MarketView data,
            int day,
            CombinerInput in,
            CombinerOutput out,
            double[] targetWeights,
            java.util.List<BindingConstraint> binding) {
        checkRebalance(data, day, in);
        combineSignals(in, out);
        double[] combined = out.combined();
        if (alphaScratch.length != combined.length) {
            alphaScratch = new double[combined.length];
        }
        allocateInto(data, day, combined, alphaScratch, targetWeights);
        // allocateInto has checked the weights against these very alphas
        ConstraintSolver.applyToChecked(data, day, targetWeights, constraints, binding);
        history.record(data, day, combined);
    }

    private void checkRebalance(MarketView data, int day, CombinerInput in) {
        checkDay(data, day);
        if (!in.date().equals(data.date(day))) {
            throw new IllegalArgumentException(
                    "combiner input is dated " + in.date() + " but day " + day + " is " + data.date(day));
        }
        if (!in.symbols().equals(data.symbols())) {
            throw new IllegalArgumentException("combiner input symbols must be the panel's symbols in column order");
        }
        if (day <= history.lastDay()) {
            throw new IllegalArgumentException("rebalance days must increase: day " + day + " (" + data.date(day)
                    + ") is not after the last rebalance, day " + history.lastDay());
        }
    }

    private ComponentContractException violation(CombinerInput in, int symbol, String what) {
        return new ComponentContractException("combiner " + combiner.id() + " on " + in.date() + ", "
                + in.symbols().get(symbol) + ": " + what);
    }

    private static void checkDay(MarketView data, int day) {
        if (day < 0 || day >= data.dayCount()) {
            throw new IllegalArgumentException("day must be in [0, " + data.dayCount() + "), was " + day);
        }
    }
}
