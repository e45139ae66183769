package io.alphaweave.platform.portfolio;

import io.alphaweave.api.MarketView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Applies {@link Constraints} in the order documented on {@link PortfolioManager#applyConstraints}. */
final class ConstraintSolver {
    /** Relative slack for comparing sums against caps (floating-point noise, not policy). */
    static final double EPS = 1e-12;

    private static final int LISTED = 5;

    private ConstraintSolver() {}

    static ConstrainedWeights apply(MarketView data, int day, double[] weights, double[] alpha, Constraints c) {
        List<BindingConstraint> binding = new ArrayList<>();
        double[] w = weights.clone();
        applyInPlace(data, day, w, alpha, c, binding);
        return new ConstrainedWeights(w, binding);
    }

    /** As {@link #apply}, on {@code w} itself; the constraints that bound are added to {@code binding}. */
    static void applyInPlace(
            MarketView data, int day, double[] w, double[] alpha, Constraints c, List<BindingConstraint> binding) {
        int n = data.symbolCount();
        if (w.length != n || alpha.length != n) {
            throw new IllegalArgumentException("weights and combinedAlpha need one entry per symbol (" + n + "), had "
                    + w.length + " and " + alpha.length);
        }
        LocalDate date = data.date(day);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException(
                        "weight of " + data.symbols().get(i) + " on " + date + " must be finite, was " + w[i]);
            }
            if (Double.isNaN(alpha[i]) && w[i] != 0.0) {
                throw new IllegalArgumentException("weight of " + data.symbols().get(i) + " on " + date
                        + " must be 0 because it has no view (NaN alpha), was " + w[i]);
            }
        }
        applyToChecked(data, day, w, c, binding);
    }

    /**
     * As {@link #applyInPlace}, for weights already known to be finite and 0 wherever the alpha is
     * NaN (the allocator's contract check has just verified exactly that).
     */
    static void applyToChecked(MarketView data, int day, double[] w, Constraints c, List<BindingConstraint> binding) {
        int n = w.length;
        LocalDate date = data.date(day);
        // 1. long_only: shorts are clipped to 0 (their weight goes to cash, not to the longs)
        if (c.longOnly()) {
            double moved = 0;
            List<String> clipped = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (w[i] < 0) {
                    moved -= w[i];
                    w[i] = 0.0;
                    clipped.add(data.symbols().get(i));
                }
            }
            if (!clipped.isEmpty()) {
                binding.add(new BindingConstraint(
                        date, "long_only", clipped.size() + " short weight(s) set to 0: " + list(clipped), moved));
            }
        }

        // 2. gross_leverage: scale down proportionally; an allocator that invests less keeps its cash
        double gross = 0;
        int positions = 0;
        for (double x : w) {
            gross += Math.abs(x);
            positions += x != 0.0 ? 1 : 0;
        }
        if (gross > c.grossLeverage() * (1 + EPS)) {
            double scale = c.grossLeverage() / gross;
            for (int i = 0; i < n; i++) {
                w[i] *= scale;
            }
            binding.add(new BindingConstraint(
                    date,
                    "gross_leverage",
                    "gross " + fmt(gross) + " scaled to " + fmt(c.grossLeverage()),
                    gross - c.grossLeverage()));
            gross = 0;
            positions = 0;
            for (double x : w) {
                gross += Math.abs(x);
                positions += x != 0.0 ? 1 : 0;
            }
        }

        // 3. min_positions: too few candidates → the book stays in cash for this rebalance
        if (positions < c.minPositions()) {
            for (int i = 0; i < n; i++) {
                w[i] = 0.0;
            }
            binding.add(new BindingConstraint(
                    date,
                    "min_positions",
                    positions + " position(s) < min_positions " + c.minPositions() + ": in cash for this rebalance",
                    gross));
            return;
        }

        // 4. max_position and max_sector: feasibility, then cap and redistribute
        if (gross > 0 && (Double.isFinite(c.maxPosition()) || Double.isFinite(c.maxSector()))) {
            capAndRedistribute(data, date, w, gross, c, binding);
        }
    }

    private static void capAndRedistribute(
            MarketView data,
            LocalDate date,
            double[] w,
            double target,
            Constraints c,
            List<BindingConstraint> binding) {
        int n = w.length;
        double cap = c.maxPosition();
        double sectorCap = c.maxSector();
        // sectors of the symbols holding weight; symbols without a sector are exempt from max_sector
        Map<String, Integer> sectorIndex = new LinkedHashMap<>();
        int[] sectorOf = new int[n];
        List<Integer> counts = new ArrayList<>();
        int held = 0;
        for (int i = 0; i < n; i++) {
            sectorOf[i] = -1;
            if (w[i] == 0.0) {
                continue;
            }
            held++;
            String sector = data.sector(i);
            if (sector != null && Double.isFinite(sectorCap)) {
                Integer k = sectorIndex.get(sector);
                if (k == null) {
                    k = sectorIndex.size();
                    sectorIndex.put(sector, k);
                    counts.add(0);
                }
                sectorOf[i] = k;
                counts.set(k, counts.get(k) + 1);
            }
        }
        String[] sectorNames = sectorIndex.keySet().toArray(String[]::new);
        int sectors = sectorNames.length;

        // the most gross the caps allow over the held symbols
        double capacity = 0;
        int unsectored = held;
        boolean sectorLimits = false;
        for (int k = 0; k < sectors; k++) {
            int m = counts.get(k);
            unsectored -= m;
            double byPosition = cap * m;
            if (sectorCap < byPosition) {
                sectorLimits = true;
            }
            capacity += Math.min(sectorCap, byPosition);
        }
        if (unsectored > 0) {
            capacity += cap * unsectored; // guarded: ∞ × 0 would be NaN
        }
        String relaxed = null;
        if (capacity < target * (1 - 1e-9)) {
            if (c.onInfeasible() == Constraints.OnInfeasible.ERROR) {
                throw infeasible(date, c, target, capacity, held, sectorLimits, sectorNames, counts);
            }
            // documented relaxation: the caps below still apply; what they cannot hold stays in cash
            relaxed = "caps hold only " + fmt(capacity) + " of " + wanted(c, target) + ": "
                    + fmt(target - capacity) + " kept in cash ("
                    + why(c, capacity, held, sectorLimits, sectorNames, counts)
                    + ")";
        }

        double[] before = w.clone();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(w[i]);
        }
        boolean[] frozen = new boolean[n];
        boolean[] positionCapped = new boolean[n];
        boolean[] sectorCapped = new boolean[sectors];
        double[] sectorBefore = new double[sectors];
        for (int i = 0; i < n; i++) {
            if (sectorOf[i] >= 0) {
                sectorBefore[sectorOf[i]] += x[i];
            }
        }
        double removedByPosition = 0, removedBySector = 0;
        double tol = EPS * target;
        double[] sectorSum = new double[sectors];
        // each round freezes at least one more symbol or sector, so n + sectors + 1 rounds suffice
        for (int round = 0; round <= n + sectors + 1; round++) {
            double excess = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] > cap + tol) {
                    removedByPosition += x[i] - cap;
                    excess += x[i] - cap;
                    x[i] = cap;
                    frozen[i] = true;
                    positionCapped[i] = true;
                }
            }
            Arrays.fill(sectorSum, 0.0);
            for (int i = 0; i < n; i++) {
                if (sectorOf[i] >= 0) {
                    sectorSum[sectorOf[i]] += x[i];
                }
            }
            for (int k = 0; k < sectors; k++) {
                if (sectorSum[k] > sectorCap + tol) {
                    double scale = sectorCap / sectorSum[k];
                    for (int i = 0; i < n; i++) {
                        if (sectorOf[i] == k) {
                            double cut = x[i] * (1 - scale);
                            removedBySector += cut;
                            excess += cut;
                            x[i] -= cut;
                            frozen[i] = true;
                        }
                    }
                    sectorCapped[k] = true;
                }
            }
            if (excess <= tol) {
                break;
            }
            double free = 0;
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    free += x[i];
                }
            }
            if (free <= 0) {
                break; // every symbol is at a cap: the rest is rounding noise, or cash when relaxed
            }
            double grow = 1 + excess / free;
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    x[i] *= grow;
                }
            }
        }
        double moved = 0;
        double kept = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.min(x[i], cap);
            w[i] = w[i] < 0 ? -v : v;
            moved += Math.abs(w[i] - before[i]);
            kept += v;
        }
        // Σ|Δw| ≥ the gross lost to cash; the cash goes to the limiting cap, the rest is split as usual
        double cash = relaxed == null ? 0.0 : Math.min(Math.max(target - kept, 0.0), moved);
        String cashTo = sectorLimits ? "max_sector" : "max_position";
        moved -= cash;
        double removed = removedByPosition + removedBySector;
        if (removedByPosition > 0) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (positionCapped[i]) {
                    names.add(data.symbols().get(i));
                }
            }
            boolean withCash = relaxed != null && cashTo.equals("max_position");
            binding.add(new BindingConstraint(
                    date,
                    "max_position",
                    (withCash ? relaxed + "; " : "") + names.size() + " symbol(s) capped at " + fmt(cap) + ": "
                            + list(names),
                    moved * removedByPosition / removed + (withCash ? cash : 0.0)));
            if (withCash) {
                relaxed = null;
            }
        }
        if (removedBySector > 0) {
            StringJoiner detail = new StringJoiner(", ");
            int capped = 0;
            for (int k = 0; k < sectors; k++) {
                if (sectorCapped[k]) {
                    capped++;
                    if (capped <= LISTED) {
                        detail.add(sectorNames[k] + " " + fmt(sectorBefore[k]) + "→" + fmt(sectorCap));
                    }
                }
            }
            boolean withCash = relaxed != null && cashTo.equals("max_sector");
            binding.add(new BindingConstraint(
                    date,
                    "max_sector",
                    (withCash ? relaxed + "; " : "") + capped + " sector(s) capped at " + fmt(sectorCap) + ": " + detail
                            + (capped > LISTED ? ", …" : ""),
                    moved * removedBySector / removed + (withCash ? cash : 0.0)));
            if (withCash) {
                relaxed = null;
            }
        }
        if (relaxed != null) { // the limiting cap removed nothing itself (e.g. weights already at it)
            binding.add(new BindingConstraint(date, cashTo, relaxed, cash));
        }
    }

    private static InfeasibleConstraintsException infeasible(
            LocalDate date,
            Constraints c,
            double target,
            double capacity,
            int held,
            boolean sectorLimits,
            String[] sectorNames,
            List<Integer> counts) {
        return new InfeasibleConstraintsException("constraints infeasible on " + date + ": "
                + why(c, capacity, held, sectorLimits, sectorNames, counts) + " < " + wanted(c, target)
                + "; raise max_position or max_sector, lower gross_leverage, or widen the universe"
                + " (or set on_infeasible: cash to keep the excess in cash)");
    }

    private static String wanted(Constraints c, double target) {
        return Math.abs(target - c.grossLeverage()) <= EPS * c.grossLeverage()
                ? "gross_leverage " + fmt(c.grossLeverage())
                : "the allocator's gross " + fmt(target);
    }

    private static String why(
            Constraints c,
            double capacity,
            int held,
            boolean sectorLimits,
            String[] sectorNames,
            List<Integer> counts) {
        if (!sectorLimits) {
            return "max_position " + fmt(c.maxPosition()) + " × " + held + " eligible symbols = " + fmt(capacity);
        }
        StringJoiner bySector = new StringJoiner(", ");
        for (int k = 0; k < sectorNames.length; k++) {
            bySector.add(sectorNames[k] + " " + counts.get(k));
        }
        return "max_position " + fmt(c.maxPosition()) + " and max_sector " + fmt(c.maxSector()) + " over " + held
                + " eligible symbols (by sector: " + bySector + ") allow at most " + fmt(capacity);
    }

    private static String list(List<String> names) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < Math.min(LISTED, names.size()); i++) {
            j.add(names.get(i));
        }
        return j + (names.size() > LISTED ? ", …" : "");
    }

    static String fmt(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        String s =
                new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
