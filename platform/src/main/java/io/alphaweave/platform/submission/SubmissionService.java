package io.alphaweave.platform.submission;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.evaluation.DeflatedSharpe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Strategy submissions (DESIGN §10): {@link #submit} stores a QUEUED submission and returns at once; a
 * background thread evaluates it in a {@link WorkerPool} worker, builds the {@link Verdict} with the
 * trial ledger (one trial per content hash; the same content again gets the stored verdict, byte for
 * byte, and no new trial) and stores it. An ACCEPTED definition is written to the accepted folder and
 * handed to the {@link AcceptanceListener} (the registry). Thread-safe.
 */
public final class SubmissionService implements AutoCloseable {
    /** The DSR's source. */
    public static final String DSR_REFERENCE = "Bailey & López de Prado (2014), The Deflated Sharpe Ratio: Correcting"
            + " for Selection Bias, Backtest Overfitting and Non-Normality, Journal of Portfolio Management 40(5)";

    /** The validation code of the sandbox's own wall-clock deadline. */
    private static final String WALL_CLOCK_CODE = "SANDBOX_DEADLINE";

    /** Appended to the detail of a verdict that is not kept as a trial. */
    static final String NOT_RECORDED = "; a wall-clock limit depends on the machine's load, so this verdict is not"
            + " recorded as a trial: submit the same content again to retry";

    private final SubmissionRepository repository;
    private final WorkerPool pool;
    private final VerdictThresholds thresholds;
    private final Path acceptedDirectory;
    private final AcceptanceListener listener;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, Object> hashLocks = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final VerdictNotifier notifier;

    /** Told about every ACCEPTED definition, once per content hash. */
    @FunctionalInterface
    public interface AcceptanceListener {
        /**
         * @param file where the accepted definition was written
         * @param verdict its verdict
         */
        void accepted(Path file, Verdict verdict);
    }

    /**
     * @param repository the store
     * @param pool the workers
     * @param thresholds what ACCEPTED takes
     * @param acceptedDirectory where accepted definitions are written (a definitions folder)
     * @param listener told about accepted definitions
     * @param threads submissions evaluated at once (usually the pool size); twice as many are prepared and
     *     stored at once, so the store work around one evaluation overlaps the next
     */
    public SubmissionService(
            SubmissionRepository repository,
            WorkerPool pool,
            VerdictThresholds thresholds,
            Path acceptedDirectory,
            AcceptanceListener listener,
            int threads) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.acceptedDirectory = Objects.requireNonNull(acceptedDirectory, "acceptedDirectory");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
        }
        this.notifier = new VerdictNotifier(repository, Duration.ofMillis(500));
        this.executor = Executors.newFixedThreadPool(
                2 * threads,
                Thread.ofPlatform().name("alphaweave-submission-", 0).daemon().factory());
    }

    /**
     * The definition files of {@code folders} (YAML and JavaScript) — in each folder itself and in its
     * {@code strategies} subfolder, as the registry reads them — sorted per folder: the registered
     * strategies a submission is compared with.
     *
     * @param folders definitions folders (absent ones are skipped)
     * @return the files
     */
    public static List<Path> definitionFiles(List<Path> folders) {
        List<Path> all = new ArrayList<>();
        for (Path folder : folders) {
            all.add(folder);
            all.add(folder.resolve("strategies"));
        }
        List<Path> out = new ArrayList<>();
        for (Path folder : all) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var s = Files.list(folder)) {
                s.filter(p -> {
                            String n = p.getFileName().toString();
                            return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".js") || n.endsWith(".mjs");
                        })
                        .sorted()
                        .forEach(out::add);
            } catch (java.io.IOException e) {
                // an unreadable folder adds no peers
            }
        }
        return out;
    }

    /**
     * Stores a submission as QUEUED and queues its evaluation.
     *
     * @param request the checked request
     * @return the stored submission (QUEUED)
     */
    public Submission submit(SubmissionRequest request) {
        String hash = sha256(request.source());
        String id = UUID.randomUUID().toString();
        Submission s = repository.insert(id, request, hash);
        queue(id, request, hash);
        return s;
    }

    /**
     * Queues again the submissions a previous process left QUEUED or RUNNING.
     *
     * @return how many were queued
     */
    public int resumePending() {
        int n = 0;
        for (SubmissionStatus st : List.of(SubmissionStatus.QUEUED, SubmissionStatus.RUNNING)) {
            for (Submission s : repository.list(null, st, 1000)) {
                String source = repository.source(s.id()).orElseThrow();
                queue(s.id(), new SubmissionRequest(s.filename(), source, s.author(), s.family()), s.contentHash());
                n++;
            }
        }
        return n;
    }

    /**
     * @param id a submission id
     * @return it, or empty
     */
    public Optional<Submission> find(String id) {
        return repository.find(id);
    }

    /**
     * @param author only this author, or null
     * @param status only this status, or null
     * @param limit at most this many, 1..1000
     * @return newest first
     */
    public List<Submission> list(String author, SubmissionStatus status, int limit) {
        return repository.list(author, status, limit);
    }

    /**
     * Waits until a submission has its verdict.
     *
     * @param id the submission
     * @param timeout the longest wait
     * @return the submission, final or (after the timeout) not
     * @throws InterruptedException when interrupted
     */
    public Optional<Submission> await(String id, Duration timeout) throws InterruptedException {
        try {
            return whenFinal(id, timeout).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The submission once it has its verdict, without holding a thread while it waits: a submission this
     * process evaluates answers the moment its verdict is stored.
     *
     * @param id the submission
     * @param timeout the longest wait; zero answers at once
     * @return a future of the submission, final or (after the timeout) not; empty when there is no such id
     */
    public CompletableFuture<Optional<Submission>> whenFinal(String id, Duration timeout) {
        return notifier.whenFinal(id, timeout);
    }

    /** @return submissions queued or running in this process */
    public int pending() {
        return pending.get();
    }

    /** @return the worker pool */
    public WorkerPool pool() {
        return pool;
    }

    /** @return the thresholds */
    public VerdictThresholds thresholds() {
        return thresholds;
    }

    /** @return the trial ledger's size (every distinct content hash evaluated) */
    public int trialCount() {
        return repository.trialCount();
    }

    private void queue(String id, SubmissionRequest request, String hash) {
        pending.incrementAndGet();
        notifier.evaluating(id);
        executor.execute(() -> {
            try {
                process(id, request, hash);
            } catch (RuntimeException e) {
                // the store failed: leave the row as it is; resumePending picks it up after a restart
                System.getLogger(SubmissionService.class.getName())
                        .log(System.Logger.Level.WARNING, "submission " + id + " could not be finished: " + e);
            } finally {
                pending.decrementAndGet();
                notifier.finished(id);
            }
        });
    }

    private void process(String id, SubmissionRequest request, String hash) {
        repository.markRunning(id);
        Object lock = hashLocks.computeIfAbsent(hash, h -> new Object());
        SubmissionRepository.Trial trial;
        synchronized (lock) {
            Optional<SubmissionRepository.Trial> known = repository.trial(hash);
            if (known.isPresent()) {
                trial = known.get();
            } else {
                trial = evaluate(request, hash);
            }
        }
        repository.finish(id, trial.status(), trial.verdictJson());
    }

    private SubmissionRepository.Trial evaluate(SubmissionRequest request, String hash) {
        SubmissionRepository.Ledger ledger = repository.ledger(request.family());
        Verdict verdict;
        Evaluation e = null;
        boolean wallClock;
        try {
            WorkerPool.Result r = pool.evaluate(request.filename(), request.source(), ev -> reasons(
                            ev, sharpe(ev, ledger), request.family(), ledger)
                    .isEmpty());
            e = r.evaluation();
            verdict = verdict(hash, e, ledger, request.family(), r.holdoutSharpe());
            wallClock = e.problems().stream().anyMatch(p -> WALL_CLOCK_CODE.equals(p.code()));
        } catch (WorkerPool.WorkerFailure f) {
            verdict = Verdict.withoutFigures(f.status(), hash, null, f.getMessage());
            wallClock = f.wallClock();
        } catch (InterruptedException ie) {
            // the service is stopping: no verdict and no trial; resumePending queues it again after a restart
            Thread.currentThread().interrupt();
            throw new io.alphaweave.api.AlphaweaveException("the service stopped while the submission was evaluated");
        }
        if (wallClock) {
            // a wall-clock limit depends on the machine's load: no trial, so the same content is evaluated again
            String json = JsonMapper.write(verdict.withDetail(verdict.detail() + NOT_RECORDED));
            return new SubmissionRepository.Trial(hash, verdict.status(), json);
        }
        String json = JsonMapper.write(verdict);
        double sr = e != null && Evaluation.OK.equals(e.outcome()) ? e.sharpeDaily() : Double.NaN;
        SubmissionRepository.Trial stored = repository.recordTrial(
                hash, request.family(), request.author(), sr, e == null ? 0 : e.observations(), verdict.status(), json);
        if (verdict.status() == SubmissionStatus.ACCEPTED
                && stored.verdictJson().equals(json)) {
            accept(request, verdict);
        }
        return stored;
    }

    private void accept(SubmissionRequest request, Verdict verdict) {
        String name = request.filename();
        String ext = name.substring(name.lastIndexOf('.'));
        Path file = acceptedDirectory.resolve(
                verdict.strategyId() + "-" + verdict.contentHash().substring(0, 12) + ext);
        try {
            Files.createDirectories(acceptedDirectory);
            Files.writeString(file, request.source(), StandardCharsets.UTF_8);
        } catch (java.io.IOException ex) {
            throw new io.alphaweave.api.AlphaweaveException(
                    "cannot write the accepted definition to " + file + ": " + ex.getMessage());
        }
        listener.accepted(file, verdict);
    }

    /** The DSR with the candidate counted as one more trial (unless the ledger has it already). */
    private static Verdict.Sharpe sharpe(Evaluation e, SubmissionRepository.Ledger ledger) {
        DeflatedSharpe overall = deflated(e, ledger.sharpes());
        DeflatedSharpe family = deflated(e, ledger.familySharpes());
        return new Verdict.Sharpe(
                e.sharpeDaily(),
                e.observations(),
                e.skewness(),
                e.kurtosis(),
                overall.probabilisticSharpe(),
                overall.expectedMaxSharpe(),
                overall.deflatedSharpe(),
                family.expectedMaxSharpe(),
                family.deflatedSharpe(),
                DSR_REFERENCE);
    }

    /** The DSR with the candidate counted as one more trial among {@code trials}. */
    private static DeflatedSharpe deflated(Evaluation e, List<Double> trials) {
        List<Double> all = withCandidate(e, trials);
        return DeflatedSharpe.of(
                e.sharpeDaily(),
                e.observations(),
                e.skewness(),
                e.kurtosis(),
                Math.max(1, all.size()),
                SubmissionRepository.variance(all));
    }

    private static List<Double> withCandidate(Evaluation e, List<Double> trials) {
        List<Double> all = new ArrayList<>(trials);
        if (Double.isFinite(e.sharpeDaily())) {
            all.add(e.sharpeDaily());
        }
        return all;
    }

    private List<Verdict.Reason> reasons(
            Evaluation e, Verdict.Sharpe sharpe, String family, SubmissionRepository.Ledger ledger) {
        List<Verdict.Reason> out = new ArrayList<>();
        VerdictThresholds t = thresholds;
        if (!Double.isFinite(e.sharpeDaily())) {
            out.add(new Verdict.Reason(
                    "NO_VARIANCE", "its signal portfolio's returns do not vary: no Sharpe ratio", null, null));
        } else if (!(sharpe.deflatedSharpe() >= t.minDeflatedSharpe())) {
            out.add(new Verdict.Reason(
                    "DEFLATED_SHARPE",
                    "the deflated Sharpe ratio is below the threshold given the trials in the ledger",
                    finite(sharpe.deflatedSharpe()),
                    t.minDeflatedSharpe()));
        }
        if (e.ic() != null && !(e.ic().atDeclared() >= t.minIcMean())) {
            out.add(new Verdict.Reason(
                    "IC",
                    "the mean IC at the declared horizon of " + e.ic().declaredHorizon()
                            + " days is below the threshold",
                    finite(e.ic().atDeclared()),
                    t.minIcMean()));
        }
        if (t.requireHorizonMatch() && e.ic() != null && !e.ic().horizonMatches()) {
            out.add(new Verdict.Reason(
                    "HORIZON",
                    "the IC peaks at " + e.ic().peakHorizon() + " days, not near the declared "
                            + e.ic().declaredHorizon(),
                    (double) e.ic().peakHorizon(),
                    (double) e.ic().declaredHorizon()));
        }
        if (e.novelty() != null && e.novelty().maxCorrelation() > t.maxCorrelation()) {
            out.add(new Verdict.Reason(
                    "NOVELTY",
                    "it is too similar to the registered strategy "
                            + e.novelty().mostSimilar(),
                    e.novelty().maxCorrelation(),
                    t.maxCorrelation()));
        }
        if (e.marginal() != null
                && Double.isFinite(e.marginal().delta())
                && e.marginal().delta() < t.minMarginalSharpe()) {
            out.add(new Verdict.Reason(
                    "MARGINAL",
                    "adding it lowers the default portfolio's Sharpe ratio by more than allowed",
                    e.marginal().delta(),
                    t.minMarginalSharpe()));
        }
        return out;
    }

    private Verdict verdict(
            String hash, Evaluation e, SubmissionRepository.Ledger ledger, String family, double holdoutSharpe) {
        if (!Evaluation.OK.equals(e.outcome())) {
            return new Verdict(
                    SubmissionStatus.valueOf(e.outcome()),
                    hash,
                    Verdict.versionOf(hash),
                    e.strategyId(),
                    e.detail(),
                    List.of(),
                    e.problems(),
                    e.checks(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Verdict.Sharpe sharpe = sharpe(e, ledger);
        List<Verdict.Reason> reasons = new ArrayList<>(reasons(e, sharpe, family, ledger));
        Verdict.Holdout holdout = null;
        if (reasons.isEmpty()) {
            boolean passed = holdoutSharpe >= thresholds.minHoldoutSharpe();
            holdout = new Verdict.Holdout(passed, thresholds.minHoldoutSharpe(), thresholds.holdoutFraction());
            if (!passed) {
                reasons.add(new Verdict.Reason(
                        "HOLDOUT",
                        "the sealed holdout's Sharpe ratio is below the threshold (the value stays sealed)",
                        null,
                        thresholds.minHoldoutSharpe()));
            }
        }
        List<Double> all = withCandidate(e, ledger.sharpes());
        List<Double> inFamily = withCandidate(e, ledger.familySharpes());
        int familyTrials = inFamily.size();
        int overall = all.size();
        SubmissionStatus status = reasons.isEmpty() ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED;
        return new Verdict(
                status,
                hash,
                Verdict.versionOf(hash),
                e.strategyId(),
                status == SubmissionStatus.ACCEPTED
                        ? "every criterion passed; registered as " + e.strategyId() + " version "
                                + Verdict.versionOf(hash)
                        : reasons.size() + " criteria failed: "
                                + String.join(
                                        ", ",
                                        reasons.stream()
                                                .map(Verdict.Reason::code)
                                                .toList()),
                reasons,
                List.of(),
                e.checks(),
                e.inSample(),
                e.ic(),
                sharpe,
                new Verdict.Trials(
                        family,
                        familyTrials,
                        overall,
                        SubmissionRepository.variance(all),
                        SubmissionRepository.variance(inFamily)),
                e.novelty(),
                e.marginal(),
                holdout);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param text a definition's text
     * @return its SHA-256, hex (the same hash the loader gives it)
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Stops taking work, waits briefly for running evaluations and closes the pool. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
        pool.close();
    }
}
