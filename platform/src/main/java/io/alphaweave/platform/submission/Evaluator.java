package io.alphaweave.platform.submission;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.SandboxViolationException;
import io.alphaweave.platform.dsl.ScriptException;
import io.alphaweave.platform.evaluation.AlphaDecay;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.evaluation.ProbabilisticSharpe;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import io.alphaweave.platform.evaluation.ReturnSeries;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The evaluation a worker runs on one definition: validation on the research window (all dates but the
 * sealed holdout), then the strategy's signal portfolio (weights alpha/Σ|alpha| at each close, held to
 * the next close), its metrics, IC and decay, and its correlation with the registered strategies
 * — definition files and plugin strategies — (computed once per file or plugin and kept). The holdout is evaluated by {@link #holdoutSharpe} only, on demand.
 * Deterministic: the same text on the same data gives the same evaluation. Not thread-safe: one per
 * worker.
 */
public final class Evaluator {
    /** What the default portfolio is, for the verdict. */
    public static final String DEFAULT_PORTFOLIO =
            "equal-weight blend of the registered strategies' signal portfolios (daily returns averaged)";

    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(Java|Polyglot|Packages|load|loadWithNewGlobal|importClass|importPackage|Graal|java|javax|require"
                    + "|process|quit|exit|readFully|readline|eval)\\b.{0,40}(is not defined|not a function"
                    + "|not allowed|denied|not supported)",
            Pattern.DOTALL);

    private final MarketData full;
    private final MarketData research;
    private final int researchDays;
    private final DefinitionLoader loader;
    private final DefinitionValidator validator;
    private final AlphaDecay decay;
    private final Map<String, PeerSeries> peers = new ConcurrentHashMap<>();
    private final List<PeerSeries> pluginPeers = new ArrayList<>();
    private String lastTimings = "";

    private record PeerSeries(String id, double[] returns, double[][] alpha) {}

    /**
     * @param data the full panel
     * @param dataName the data's name for reports
     * @param holdoutFraction the share of the most recent dates sealed, in (0, 0.5]
     * @param loader loads definitions
     */
    public Evaluator(MarketData data, Path dataName, double holdoutFraction, DefinitionLoader loader) {
        this.full = Objects.requireNonNull(data, "data");
        if (!(holdoutFraction > 0 && holdoutFraction <= 0.5)) {
            throw new IllegalArgumentException("holdoutFraction must be in (0, 0.5], was " + holdoutFraction);
        }
        int days = data.dayCount();
        int sealed = (int) Math.ceil(days * holdoutFraction);
        this.researchDays = days - sealed;
        if (researchDays < 30 || sealed < 5) {
            throw new IllegalArgumentException("the data must have at least 30 research days and 5 holdout days, has "
                    + days + " days with holdoutFraction " + holdoutFraction);
        }
        this.research = data.truncate(researchDays - 1);
        this.loader = Objects.requireNonNull(loader, "loader");
        this.validator = new DefinitionValidator(loader, dataName, research);
        this.decay = new AlphaDecay(research);
    }

    /** @return where the last clean evaluation spent its time, for the operator's log (not the verdict) */
    public String lastTimings() {
        return lastTimings;
    }

    /** @return the last date of the research window */
    public LocalDate researchEnd() {
        return research.date(researchDays - 1);
    }

    /**
     * Computes (and keeps) the series of registered strategy files not seen yet, so a later evaluation
     * finds them ready.
     *
     * @param files definition files of the registered strategies
     */
    public void warm(List<Path> files) {
        for (Path f : files) {
            peer(f);
        }
    }

    /**
     * Computes the series of the registered plugin strategies (trusted code, loaded by the host), which
     * every later evaluation compares with besides the definition files.
     *
     * @param strategies plugin strategy id → its default instance, in the order to report them
     */
    public void warmPlugins(Map<String, Strategy> strategies) {
        for (Map.Entry<String, Strategy> e : strategies.entrySet()) {
            try {
                double[][] alpha = alphas(e.getValue(), research);
                pluginPeers.add(new PeerSeries(e.getKey(), portfolioReturns(research, alpha), alpha));
            } catch (AlphaweaveException ex) {
                // a plugin strategy that fails on this data is not a peer
            }
        }
    }

    /**
     * Evaluates a definition on the research window.
     *
     * @param filename its file name
     * @param source its text
     * @param peerFiles definition files of the registered strategies to compare with
     * @return the evaluation
     */
    public Evaluation evaluate(String filename, String source, List<Path> peerFiles) {
        long t0 = System.nanoTime();
        DefinitionLoader.Loaded[] loadedRef = new DefinitionLoader.Loaded[1];
        AlphaMatrix[] matrix = new AlphaMatrix[1];
        ValidationReport report = validator.validateSubmission(filename, source, (l, m) -> {
            loadedRef[0] = l;
            matrix[0] = m;
        });
        long t1 = System.nanoTime();
        Map<String, String> checks = report.checks();
        if (!report.ok()) {
            SubmissionStatus status = classify(report.problems());
            return Evaluation.failed(
                    status, report.id(), describe(status, report.problems()), report.problems(), checks);
        }
        if (!"strategy".equals(report.kind())) {
            DefinitionException.Problem p = new DefinitionException.Problem(
                    filename,
                    1,
                    1,
                    "NOT_A_STRATEGY",
                    "only strategies can be submitted, this file defines a " + report.kind(),
                    "declare kind: strategy");
            return Evaluation.failed(SubmissionStatus.INVALID, report.id(), p.message(), List.of(p), checks);
        }
        DefinitionLoader.Loaded loaded = loadedRef[0];
        double[][] alpha = new double[research.symbolCount()][];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = matrix[0].alpha(i);
        }
        long t2 = System.nanoTime();
        double[] returns = portfolioReturns(research, alpha);
        ReturnSeries series = series(research, returns);
        ReturnMetrics m = StrategyEvaluator.metrics(series);
        ProbabilisticSharpe psr = StrategyEvaluator.probabilisticSharpe(series, 0.0);
        long cells = 0, views = 0;
        for (double[] row : alpha) {
            for (double a : row) {
                cells++;
                views += Double.isNaN(a) ? 0 : 1;
            }
        }
        Verdict.InSample inSample = new Verdict.InSample(
                research.date(1),
                research.date(researchDays - 1),
                returns.length,
                m.sharpeRatio(),
                m.totalReturn(),
                m.volatility(),
                m.maxDrawdown(),
                cells == 0 ? 0 : (double) views / cells);
        Verdict.Ic ic = ic(alpha, loaded.info().horizonDays());
        long t3 = System.nanoTime();
        List<Verdict.Peer> list = new ArrayList<>();
        String most = null;
        double max = 0;
        List<double[]> peerReturns = new ArrayList<>();
        List<PeerSeries> all = new ArrayList<>();
        for (Path f : peerFiles) {
            PeerSeries p = peer(f);
            if (p != null) {
                all.add(p);
            }
        }
        all.addAll(pluginPeers);
        for (PeerSeries p : all) {
            peerReturns.add(p.returns());
            double rc = pearson(returns, p.returns());
            double sc = signalCorrelation(alpha, p.alpha());
            list.add(new Verdict.Peer(p.id(), rc, sc));
            double worst = Math.max(abs(rc), abs(sc));
            if (worst > max || most == null) {
                max = worst;
                most = p.id();
            }
        }
        Verdict.Novelty novelty = new Verdict.Novelty(list, most, max);
        double without = peerReturns.isEmpty() ? Double.NaN : sharpe(blend(peerReturns, null));
        double with = sharpe(blend(peerReturns, returns));
        Verdict.Marginal marginal = new Verdict.Marginal(DEFAULT_PORTFOLIO, without, with, with - without);
        long t4 = System.nanoTime();
        lastTimings = String.format(
                Locale.ROOT,
                "validate %d ms, signals %d ms, metrics+ic %d ms, novelty+marginal %d ms",
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                (t4 - t3) / 1_000_000);
        return new Evaluation(
                Evaluation.OK,
                loaded.id(),
                "evaluated on " + returns.length + " research days",
                List.of(),
                checks,
                inSample,
                ic,
                psr.sharpeRatio(),
                psr.observations(),
                psr.skewness(),
                psr.kurtosis(),
                novelty,
                marginal);
    }

    /**
     * The annualised Sharpe ratio of the definition's signal portfolio on the sealed holdout only.
     *
     * @param filename its file name
     * @param source its text (already evaluated cleanly)
     * @return the Sharpe ratio (NaN when undefined)
     */
    public double holdoutSharpe(String filename, String source) {
        Strategy strategy = (Strategy) loader.parse(filename, source).component();
        double[][] alpha = alphas(strategy, full);
        double[] all = portfolioReturns(full, alpha);
        // all[k] is the return of day k + 1; the holdout's returns are those of days researchDays..end
        double[] sealed = Arrays.copyOfRange(all, researchDays - 1, all.length);
        return sharpe(sealed);
    }

    /**
     * The status a list of validation problems earns.
     *
     * @param problems the problems, at least one
     * @return LOOKAHEAD, TIMEOUT, MEMORY_LIMIT, SANDBOX_VIOLATION or INVALID
     */
    public static SubmissionStatus classify(List<DefinitionException.Problem> problems) {
        SubmissionStatus found = SubmissionStatus.INVALID;
        for (DefinitionException.Problem p : problems) {
            SubmissionStatus s = classify(p);
            if (s.ordinal() > found.ordinal()) {
                found = s;
            }
        }
        return found;
    }

    private static SubmissionStatus classify(DefinitionException.Problem p) {
        String code = p.code();
        String message = p.message() == null ? "" : p.message();
        String lower = message.toLowerCase(Locale.ROOT);
        if (FORBIDDEN.matcher(message).find()) {
            return SubmissionStatus.SANDBOX_VIOLATION;
        }
        return switch (code) {
            case "LOOKAHEAD" -> SubmissionStatus.LOOKAHEAD;
            case "SANDBOX_STATEMENTS", "SANDBOX_DEADLINE" -> SubmissionStatus.TIMEOUT;
            case "SANDBOX_ALLOCATION" -> SubmissionStatus.MEMORY_LIMIT;
            case "SANDBOX_STACK" -> SubmissionStatus.SANDBOX_VIOLATION;
            case "SANDBOX_LIMIT" ->
                lower.contains("alloc") || lower.contains("bytes")
                        ? SubmissionStatus.MEMORY_LIMIT
                        : lower.contains("stack") || lower.contains("recurs")
                                ? SubmissionStatus.SANDBOX_VIOLATION
                                : SubmissionStatus.TIMEOUT;
            default ->
                memory(lower)
                        ? SubmissionStatus.MEMORY_LIMIT
                        : lower.contains("stack overflow") || lower.contains("maximum call stack")
                                ? SubmissionStatus.SANDBOX_VIOLATION
                                : SubmissionStatus.INVALID;
        };
    }

    /** A script that outgrew what the engine can hold (a string or array past its maximum length). */
    private static boolean memory(String lower) {
        return lower.contains("invalid string length")
                || lower.contains("invalid array length")
                || lower.contains("out of memory");
    }

    private static String code(ScriptException e) {
        return e instanceof SandboxViolationException v ? "SANDBOX_" + v.limit().name() : "SCRIPT_ERROR";
    }

    private static String describe(SubmissionStatus status, List<DefinitionException.Problem> problems) {
        String first = problems.isEmpty()
                ? ""
                : ": " + problems.get(0).code() + " " + problems.get(0).message();
        String shown = first.length() > 300 ? first.substring(0, 300) + "…" : first;
        return switch (status) {
            case LOOKAHEAD -> "its signals read data after the day they are for" + shown;
            case TIMEOUT -> "it ran out of its statement budget or time" + shown;
            case MEMORY_LIMIT -> "it allocated more than its budget" + shown;
            case SANDBOX_VIOLATION -> "it tried what the sandbox forbids" + shown;
            default -> "the definition did not pass validation" + shown;
        };
    }

    private PeerSeries peer(Path file) {
        String key;
        try {
            key = file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (java.io.IOException e) {
            return null;
        }
        return peers.computeIfAbsent(key, k -> {
            try {
                DefinitionLoader.Loaded loaded = loader.load(file);
                if (!(loaded.component() instanceof Strategy s)) {
                    return null;
                }
                double[][] alpha = alphas(s, research);
                return new PeerSeries(loaded.id(), portfolioReturns(research, alpha), alpha);
            } catch (AlphaweaveException e) {
                // a registered file that no longer loads is not a peer
                return null;
            }
        });
    }

    private static double[][] alphas(Strategy s, MarketData data) {
        AlphaMatrix m = new AlphaMatrix(data.symbolCount(), data.dayCount());
        s.generateAlphaSignals(data, m);
        m.validate(s.id(), data);
        double[][] out = new double[data.symbolCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.alpha(i).clone();
        }
        return out;
    }

    /**
     * The signal portfolio's daily returns: at each close the weights are alpha/Σ|alpha| over the symbols
     * with a view and a close, held to the next close.
     *
     * @param data the panel
     * @param alpha alpha by [symbol][day]
     * @return the returns of days 1..n−1 (n − 1 values)
     */
    static double[] portfolioReturns(MarketData data, double[][] alpha) {
        int days = data.dayCount();
        int symbols = data.symbolCount();
        double[][] close = new double[symbols][];
        for (int i = 0; i < symbols; i++) {
            close[i] = data.close(i);
        }
        double[] r = new double[days - 1];
        for (int t = 1; t < days; t++) {
            double gross = 0, pnl = 0;
            for (int i = 0; i < symbols; i++) {
                double a = alpha[i][t - 1];
                double c0 = close[i][t - 1], c1 = close[i][t];
                if (Double.isNaN(a) || a == 0 || !(c0 > 0) || !(c1 > 0)) {
                    continue;
                }
                gross += Math.abs(a);
                pnl += a * (c1 / c0 - 1);
            }
            r[t - 1] = gross == 0 ? 0 : pnl / gross;
        }
        return r;
    }

    private static ReturnSeries series(MarketData data, double[] returns) {
        LocalDate[] dates = new LocalDate[returns.length];
        for (int k = 0; k < dates.length; k++) {
            dates[k] = data.date(k + 1);
        }
        return new ReturnSeries(dates, returns);
    }

    private Verdict.Ic ic(double[][] alpha, int declared) {
        List<InformationCoefficient> decay = this.decay.of(alpha);
        List<Verdict.IcPoint> points = new ArrayList<>();
        int peakIndex = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < decay.size(); k++) {
            InformationCoefficient c = decay.get(k);
            points.add(new Verdict.IcPoint(c.horizon(), c.mean(), c.tStat(), c.days()));
            if (c.mean() > best) {
                best = c.mean();
                peakIndex = k;
            }
        }
        List<Integer> hs = StrategyEvaluator.DECAY_HORIZONS;
        int nearest = 0;
        for (int k = 1; k < hs.size(); k++) {
            if (Math.abs(hs.get(k) - declared) < Math.abs(hs.get(nearest) - declared)) {
                nearest = k;
            }
        }
        int peak = peakIndex < 0 ? hs.get(0) : hs.get(peakIndex);
        boolean matches = peakIndex >= 0 && Math.abs(nearest - peakIndex) <= 1;
        int known = hs.indexOf(declared);
        // the decay already holds the IC at a declared horizon of 1, 2, 5, 10 or 20 days
        double atDeclared = known >= 0
                ? decay.get(known).mean()
                : StrategyEvaluator.informationCoefficient(research, alpha, declared)
                        .mean();
        return new Verdict.Ic(declared, peak, matches, atDeclared, points);
    }

    private static double abs(double x) {
        return Double.isNaN(x) ? 0 : Math.abs(x);
    }

    /**
     * @param r daily returns
     * @return the annualised Sharpe ratio (mean/std with ddof = 1 · √252), NaN when undefined
     */
    static double sharpe(double[] r) {
        int n = r.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return sd > 0 ? mean / sd * Math.sqrt(ReturnMetrics.ANNUALISATION) : Double.NaN;
    }

    private static double[] blend(List<double[]> peers, double[] extra) {
        int n = extra != null ? extra.length : peers.get(0).length;
        int count = peers.size() + (extra == null ? 0 : 1);
        double[] out = new double[n];
        for (double[] p : peers) {
            for (int t = 0; t < n; t++) {
                out[t] += p[t] / count;
            }
        }
        if (extra != null) {
            for (int t = 0; t < n; t++) {
                out[t] += extra[t] / count;
            }
        }
        return out;
    }

    static double pearson(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double ma = 0, mb = 0;
        int k = 0;
        for (int t = 0; t < n; t++) {
            if (Double.isFinite(a[t]) && Double.isFinite(b[t])) {
                ma += a[t];
                mb += b[t];
                k++;
            }
        }
        if (k < 3) {
            return Double.NaN;
        }
        ma /= k;
        mb /= k;
        double sab = 0, saa = 0, sbb = 0;
        for (int t = 0; t < n; t++) {
            if (Double.isFinite(a[t]) && Double.isFinite(b[t])) {
                double da = a[t] - ma, db = b[t] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    private static double signalCorrelation(double[][] a, double[][] b) {
        int total = 0;
        for (double[] row : a) {
            total += row.length;
        }
        double[] x = new double[total];
        double[] y = new double[total];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < a[i].length; t++) {
                if (!Double.isNaN(a[i][t]) && !Double.isNaN(b[i][t])) {
                    x[k] = a[i][t];
                    y[k] = b[i][t];
                    k++;
                }
            }
        }
        return pearson(Arrays.copyOf(x, k), Arrays.copyOf(y, k));
    }
}
