package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code risk_parity}: weights that equalise risk, not capital, over the symbols with a usable view.
 *
 * <ul>
 *   <li>Candidates: a non-NaN, non-zero alpha (positive when long-only) and a finite, positive
 *       trailing volatility over {@code window} returns ({@link
 *       AllocationContext#trailingVolatility}). The direction is the alpha's sign; the size ignores
 *       the alpha unless {@code alpha_budgets} is on, in which case risk budgets are ∝ |alpha|.
 *   <li>{@code inverse_volatility}: |w_i| ∝ b_i / σ_i.
 *   <li>{@code equal_risk_contribution} (default): from the trailing covariance ({@link
 *       AllocationContext#trailingCovariance}, signed by the directions so that a short's risk is
 *       counted as a short's), shrunk toward its diagonal (see below), |w| solves w_i (Σw)_i / wᵀΣw
 *       = b_i by cyclical coordinate descent started from inverse volatility, to a relative budget
 *       error ≤ {@code tolerance}.
 *   <li>Shrinkage: {@code oas} (default) uses the data-driven Oracle Approximating Shrinkage
 *       intensity on the correlations, which is ≈ 0 for a well-conditioned matrix and grows as the
 *       window gets short relative to the number of symbols; {@code constant} uses {@code
 *       shrinkage_intensity}; {@code none} shrinks only when the sample covariance is singular
 *       (window ≤ number of candidates), and then by OAS.
 *   <li>The weights are scaled to Σ|w| = gross leverage.
 * </ul>
 *
 * Immutable and thread-safe.
 */
@Extension
public final class RiskParityAllocator implements CapitalAllocator {
    static final String INVERSE_VOLATILITY = "inverse_volatility";
    static final String EQUAL_RISK_CONTRIBUTION = "equal_risk_contribution";
    static final List<String> SHRINKAGE = List.of("oas", "constant", "none");

    static final ComponentInfo INFO = new ComponentInfo(
            "risk_parity",
            ComponentKind.ALLOCATOR,
            "1.0.0",
            0,
            "Risk parity: inverse volatility or equal risk contribution from a trailing covariance",
            """
            Every symbol with a non-zero alpha (positive when long-only) and a trailing volatility gets
            weight in the alpha's direction, sized so that each carries the same risk:
            inverse_volatility: |w| ∝ 1/σ; equal_risk_contribution: w_i·(Σw)_i equal for all i, from the
            trailing covariance shrunk toward its diagonal (oas: data-driven intensity; constant; none:
            only when singular). alpha_budgets: risk budgets ∝ |alpha| instead of equal.
            Weights are scaled to the gross leverage.
            """,
            List.of(
                    ParameterSpec.ofString(
                            "mode", EQUAL_RISK_CONTRIBUTION, INVERSE_VOLATILITY + " | " + EQUAL_RISK_CONTRIBUTION),
                    ParameterSpec.ofInt("window", 63, 2, 2520, "trailing daily returns for volatility and covariance"),
                    ParameterSpec.ofString("shrinkage", "oas", "oas | constant | none"),
                    ParameterSpec.ofDouble(
                            "shrinkage_intensity", 0.1, 0.0, 1.0, "δ for shrinkage=constant: (1−δ)S + δ·diag(S)"),
                    ParameterSpec.ofBoolean("alpha_budgets", false, "risk budgets ∝ |alpha| instead of equal"),
                    ParameterSpec.ofDouble(
                            "tolerance", 1e-8, 1e-14, 1e-2, "largest relative risk-budget error of the ERC solution")));

    private final String mode;
    private final int window;
    private final String shrinkage;
    private final double intensity;
    private final boolean alphaBudgets;
    private final double tolerance;

    /** The default configuration (ERC, 63-day window, OAS shrinkage); PF4J instantiates this. */
    public RiskParityAllocator() {
        this(EQUAL_RISK_CONTRIBUTION, 63, "oas", 0.1, false, 1e-8);
    }

    private RiskParityAllocator(
            String mode, int window, String shrinkage, double intensity, boolean alphaBudgets, double tolerance) {
        this.mode = mode;
        this.window = window;
        this.shrinkage = shrinkage;
        this.intensity = intensity;
        this.alphaBudgets = alphaBudgets;
        this.tolerance = tolerance;
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public RiskParityAllocator configure(Map<String, ?> params) {
        Parameters p = INFO.resolve(params);
        String mode = p.getString("mode");
        if (!mode.equals(INVERSE_VOLATILITY) && !mode.equals(EQUAL_RISK_CONTRIBUTION)) {
            throw new InvalidParameterException(
                    "mode must be " + INVERSE_VOLATILITY + " or " + EQUAL_RISK_CONTRIBUTION + ", was \"" + mode + "\"");
        }
        String shrinkage = p.getString("shrinkage");
        if (!SHRINKAGE.contains(shrinkage)) {
            throw new InvalidParameterException(
                    "shrinkage must be one of " + SHRINKAGE + ", was \"" + shrinkage + "\"");
        }
        return new RiskParityAllocator(
                mode,
                p.getInt("window"),
                shrinkage,
                p.getDouble("shrinkage_intensity"),
                p.getBoolean("alpha_budgets"),
                p.getDouble("tolerance"));
    }

    @Override
    public void allocate(AllocationContext context, double[] weights) {
        double[] alpha = context.combinedAlpha();
        boolean longOnly = context.longOnly();
        double[] vol = context.trailingVolatility(window);
        int[] candidates = new int[alpha.length];
        int m = 0;
        for (int i = 0; i < alpha.length; i++) {
            double a = alpha[i];
            if (Double.isNaN(a) || a == 0.0 || (longOnly && a < 0) || !(vol[i] > 0) || Double.isInfinite(vol[i])) {
                continue;
            }
            candidates[m++] = i;
        }
        if (m == 0) {
            return;
        }
        candidates = Arrays.copyOf(candidates, m);
        double[] budgets = budgets(alpha, candidates);
        double[] size;
        if (mode.equals(INVERSE_VOLATILITY) || m == 1) {
            size = new double[m];
            for (int k = 0; k < m; k++) {
                size[k] = budgets[k] / vol[candidates[k]];
            }
        } else {
            size = equalRiskContribution(context, alpha, candidates, budgets);
            if (size == null) {
                return;
            }
        }
        double total = 0;
        for (double s : size) {
            total += s;
        }
        double scale = context.grossLeverage() / total;
        for (int k = 0; k < m; k++) {
            int i = candidates[k];
            weights[i] = Math.signum(alpha[i]) * size[k] * scale;
        }
    }

    private double[] budgets(double[] alpha, int[] candidates) {
        int m = candidates.length;
        double[] b = new double[m];
        double sum = 0;
        for (int k = 0; k < m; k++) {
            b[k] = alphaBudgets ? Math.abs(alpha[candidates[k]]) : 1.0;
            sum += b[k];
        }
        for (int k = 0; k < m; k++) {
            b[k] /= sum;
        }
        return b;
    }

    /** |w| by candidate, or null when no candidate has variance inside the covariance window. */
    private double[] equalRiskContribution(
            AllocationContext context, double[] alpha, int[] candidates, double[] budgets) {
        double[][] cov = context.trailingCovariance(candidates, window);
        int m = candidates.length;
        // a candidate whose window holds no price change (no bars in it) cannot be risk-weighted here
        int kept = 0;
        int[] keep = new int[m];
        for (int k = 0; k < m; k++) {
            if (cov[k][k] > 0) {
                keep[kept++] = k;
            }
        }
        if (kept < m) {
            return reduced(context, alpha, candidates, budgets, Arrays.copyOf(keep, kept));
        }
        for (int k = 0; k < m; k++) {
            double sk = Math.signum(alpha[candidates[k]]);
            double[] row = cov[k];
            for (int l = 0; l < m; l++) {
                row[l] *= sk * Math.signum(alpha[candidates[l]]);
            }
        }
        double delta =
                switch (shrinkage) {
                    case "constant" -> intensity;
                    case "none" -> window <= m ? Shrinkage.oasIntensity(cov, window) : 0.0;
                    default -> Shrinkage.oasIntensity(cov, window);
                };
        Shrinkage.shrinkInPlace(cov, delta);
        return ErcSolver.solve(cov, budgets, null, tolerance, 10_000).weights();
    }

    private double[] reduced(
            AllocationContext context, double[] alpha, int[] candidates, double[] budgets, int[] keep) {
        if (keep.length == 0) {
            return null;
        }
        int[] sub = new int[keep.length];
        double[] b = new double[keep.length];
        double sum = 0;
        for (int k = 0; k < keep.length; k++) {
            sub[k] = candidates[keep[k]];
            b[k] = budgets[keep[k]];
            sum += b[k];
        }
        for (int k = 0; k < keep.length; k++) {
            b[k] /= sum;
        }
        double[] inner = equalRiskContribution(context, alpha, sub, b);
        double[] size = new double[candidates.length];
        for (int k = 0; k < keep.length; k++) {
            size[keep[k]] = inner[k];
        }
        return size;
    }
}
