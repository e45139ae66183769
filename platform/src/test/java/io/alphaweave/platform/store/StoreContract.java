package io.alphaweave.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one repository suite, run against every engine by its subclasses. Each test starts on an empty,
 * migrated database.
 */
abstract class StoreContract {

    Database db;

    /** @return the URL of an empty database for this test (created or emptied by the subclass) */
    abstract String freshDatabaseUrl() throws Exception;

    /** @return the URL of the current test's database, to reopen it */
    abstract String currentUrl();

    @BeforeEach
    void openStore() throws Exception {
        db = Database.open(new StoreSettings(freshDatabaseUrl(), Fixtures.clock(), ProcessOwner.current(), 4));
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    Database reopen(ProcessOwner owner, Clock clock) {
        db.close();
        db = Database.open(new StoreSettings(currentUrl(), clock, owner, 4));
        return db;
    }

    @Test
    void nanAndInfinitiesAreStoredAsThemselvesInEveryDoubleColumn() {
        double[] specials = {
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE
        };
        List<SignalRow> signals = new ArrayList<>();
        for (int i = 0; i < specials.length; i++) {
            signals.add(new SignalRow(
                    "SYM" + i,
                    LocalDate.of(2021, 1, 4),
                    specials[i],
                    specials[specials.length - 1 - i],
                    1,
                    false,
                    null));
        }
        AllocationRow allocation =
                new AllocationRow(LocalDate.of(2021, 1, 4), "risk_parity", "{}", Double.POSITIVE_INFINITY, "{}", "[]");
        PerformanceRow performance = new PerformanceRow(
                "momentum",
                LocalDate.of(2021, 1, 4),
                0,
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                Double.NaN,
                Double.MIN_NORMAL,
                "{}");
        TradeRow trade = new TradeRow(
                "SYM0",
                TradeSide.SELL,
                null,
                LocalDate.of(2021, 1, 5),
                LocalDate.of(2021, 2, 5),
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                0.1 + 0.2,
                1.0 / 3.0,
                "{}");
        RunRecord run = db.runs().start(Fixtures.newRun("specials"));
        db.runs()
                .complete(
                        run.id(),
                        new RunResults(
                                List.of(new SignalSet(Fixtures.key("momentum"), signals)),
                                List.of(allocation),
                                List.of(performance),
                                List.of(trade),
                                "{}"));

        long setId = db.runs().signalSets(run.id()).get(0).id();
        assertThat(db.runs().signals(setId)).containsExactlyInAnyOrderElementsOf(signals);
        assertThat(db.runs().allocations(run.id())).containsExactly(allocation);
        assertThat(db.runs().performance(run.id())).containsExactly(performance);
        assertThat(db.runs().trades(run.id())).containsExactly(trade);
    }

    @Test
    void theLatestPerformanceAndSignalSetOfAStrategyComeFromItsNewestCompleteRun() {
        java.util.concurrent.atomic.AtomicLong second = new java.util.concurrent.atomic.AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Fixtures.T0.plusSeconds(second.incrementAndGet());
            }
        };
        reopen(ProcessOwner.current(), ticking);
        assertThat(db.runs().latestPerformance("momentum")).isEmpty();
        assertThat(db.runs().latestSignalSet("momentum")).isEmpty();
        RunRecord older = db.runs().start(Fixtures.newRun("older"));
        db.runs()
                .complete(
                        older.id(),
                        Fixtures.results(
                                List.of(new SignalSet(Fixtures.key("momentum"), Fixtures.signals(List.of("A"), 3)))));
        RunRecord newer = db.runs().start(Fixtures.newRun("newer"));
        SignalSetKey newerKey = new SignalSetKey(
                "momentum",
                "sha256:other",
                "{\"window\":30}",
                "data-1",
                LocalDate.of(2020, 1, 2),
                LocalDate.of(2020, 12, 31));
        List<SignalRow> rows = Fixtures.signals(List.of("A", "B"), 4);
        db.runs().complete(newer.id(), Fixtures.results(List.of(new SignalSet(newerKey, rows))));
        RunRecord running = db.runs().start(Fixtures.newRun("still running"));

        var latest = db.runs().latestPerformance("momentum").orElseThrow();
        assertThat(latest.runId()).isEqualTo(newer.id()).isNotEqualTo(running.id());
        assertThat(latest.runName()).isEqualTo("newer");
        assertThat(latest.sharpeRatio()).isEqualTo(1.2);
        assertThat(latest.maxDrawdown()).isEqualTo(-0.08);
        assertThat(db.runs().latestPerformance("mean_reversion")).isEmpty();
        var set = db.runs().latestSignalSet("momentum").orElseThrow();
        assertThat(set.key()).isEqualTo(newerKey);
        List<Double> scores = new ArrayList<>();
        db.runs().alphaScores(set.id(), scores::add);
        assertThat(scores)
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream().map(SignalRow::alphaScore).toList());
    }

    @Test
    void instantsAndDatesReadBackEqualInAJvmOfAnotherTimeZone() throws Exception {
        Instant at = Instant.parse("2024-10-27T01:30:00.654321Z");
        db.close();
        List<String> child = runChild("write-and-read", currentUrl(), at.toString());
        assertThat(child).contains("zone=Pacific/Chatham");
        assertThat(child).contains("created=" + at, "finished=" + at, "allocation_date=2020-01-31");
        String id = child.stream()
                .filter(l -> l.startsWith("id="))
                .findFirst()
                .orElseThrow()
                .substring(3);

        db = Database.open(new StoreSettings(currentUrl(), Fixtures.clock(), ProcessOwner.current(), 4));
        RunSummary back = db.runs().get(id).summary();
        assertThat(back.createdAt()).isEqualTo(at);
        assertThat(back.startedAt()).isEqualTo(at);
        assertThat(back.finishedAt()).isEqualTo(at);
        assertThat(db.runs().allocations(id).get(0).date()).isEqualTo(LocalDate.of(2020, 1, 31));
        assertThat(db.runs().trades(id).get(0).entryDate()).isEqualTo(LocalDate.of(2020, 2, 3));
    }

    @Test
    void instantsAreKeptToTheMicrosecond() {
        Instant withNanos = Instant.parse("2026-01-01T00:00:00.123456789Z");
        reopen(ProcessOwner.current(), Clock.fixed(withNanos, ZoneOffset.UTC));
        RunRecord run = db.runs().start(Fixtures.newRun("micros"));
        assertThat(run.summary().createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void jsonDocumentsComeBackByteIdentical() {
        String json =
                "{ \"b\" : 1.50, \"a\":[1e3, -0, 12345678901234567890],\n\t\"s\":\"tab\\t nl\\n \\\\ \\\"q\\\" é 株 📈\","
                        + " \"u\":\"\\u00e9\\u0000\" }\r\n";
        NewRun template = Fixtures.newRun("json");
        NewRun withJson = new NewRun(
                "json",
                json,
                template.componentHashes(),
                template.configHash(),
                template.codeHash(),
                template.datasetHash(),
                template.engineVersion());
        RunRecord run = db.runs().start(withJson);
        SignalRow signal = new SignalRow("AAPL", LocalDate.of(2020, 1, 2), 0.5, 0.5, 1, true, json);
        SignalSetKey key =
                new SignalSetKey("momentum", "h", json, "d", LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 2));
        AllocationRow allocation = new AllocationRow(LocalDate.of(2020, 1, 2), "m", json, 1.0, json, json);
        db.runs()
                .complete(
                        run.id(),
                        new RunResults(
                                List.of(new SignalSet(key, List.of(signal))),
                                List.of(allocation),
                                List.of(),
                                List.of(),
                                json));

        RunRecord back = db.runs().get(run.id());
        assertThat(back.configJson()).isEqualTo(json);
        assertThat(back.reportJson()).isEqualTo(json);
        StoredSignalSet set = db.runs().signalSets(run.id()).get(0);
        assertThat(set.key()).isEqualTo(key);
        assertThat(db.runs().signals(set.id())).containsExactly(signal);
        assertThat(db.runs().allocations(run.id())).containsExactly(allocation);
        assertThat(back.configJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nonAsciiSymbolsAndStrategyIdsAreStoredVerbatim() {
        List<String> symbols = List.of("Ünïcødé", "株式会社", "📈BTC", "ÅÄÖ.ST", "Ωmega");
        List<SignalRow> rows = Fixtures.signals(symbols, 3);
        RunRecord run = db.runs().start(Fixtures.newRun("naïve 名前"));
        SignalSetKey key = Fixtures.key("момент");
        TradeRow trade = new TradeRow(
                "株式会社", TradeSide.BUY, null, LocalDate.of(2020, 1, 2), null, 1, 1, 1, 0, 0, "{\"момент\":1.0}");
        db.runs()
                .complete(
                        run.id(),
                        new RunResults(List.of(new SignalSet(key, rows)), List.of(), List.of(), List.of(trade), "{}"));

        assertThat(db.runs().get(run.id()).summary().name()).isEqualTo("naïve 名前");
        StoredSignalSet set = db.runs().signalSets(run.id()).get(0);
        assertThat(set.key().strategyId()).isEqualTo("момент");
        assertThat(db.runs().signals(set.id())).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(db.runs().trades(run.id())).containsExactly(trade);
    }

    @Test
    void sqlInIdsAndSymbolsIsStoredVerbatimAndNothingElseHappens() {
        String evil = Fixtures.INJECTION;
        List<SignalRow> rows = Fixtures.signals(List.of(evil, "AAPL", "tab\there\\n"), 4);
        TradeRow trade = new TradeRow(evil, TradeSide.SELL, null, LocalDate.of(2020, 1, 2), null, 1, 2, 3, 0, 1, "{}");
        PerformanceRow performance =
                new PerformanceRow(evil, LocalDate.of(2020, 1, 2), 5, 1, 1, 1, 1, 1, "{\"" + evil + "\":1}");
        NewRun template = Fixtures.newRun(evil);
        RunRecord run = db.runs().start(template);
        db.runs()
                .complete(
                        run.id(),
                        new RunResults(
                                List.of(new SignalSet(Fixtures.key(evil), rows)),
                                List.of(new AllocationRow(LocalDate.of(2020, 1, 2), evil, "{}", 1, "{}", "[]")),
                                List.of(performance),
                                List.of(trade),
                                "{}"));

        assertThat(db.runs().get(run.id()).summary().name()).isEqualTo(evil);
        assertThat(db.runs().trades(run.id())).containsExactly(trade);
        assertThat(db.runs().performance(run.id())).containsExactly(performance);
        assertThat(db.runs().allocations(run.id()).get(0).combinationMethod()).isEqualTo(evil);
        StoredSignalSet set = db.runs().signalSets(run.id()).get(0);
        assertThat(set.key().strategyId()).isEqualTo(evil);
        assertThat(db.runs().signals(set.id())).containsExactlyInAnyOrderElementsOf(rows);
        // every table is still there, holding exactly what was written
        assertThat(db.runs().count("trade")).isEqualTo(1);
        assertThat(db.runs().count("strategy_signal")).isEqualTo(rows.size());
        assertThat(db.runs().count("backtest_run")).isEqualTo(1);
        assertThat(db.runs().list(RunQuery.latest(10)))
                .extracting(RunSummary::id)
                .containsExactly(run.id());
        assertThatThrownBy(() -> db.runs().get(evil)).isInstanceOf(UnknownRunException.class);
    }

    @Test
    void theDrawingSampleIsEveryKthRowByDateThenSymbolFromTheFirst() {
        // written as BacktestService writes a set: by date, then by the panel's (sorted) symbol order
        List<SignalRow> written = new java.util.ArrayList<>(Fixtures.signals(List.of("AAPL", "IBM", "MSFT"), 20));
        written.sort(java.util.Comparator.comparing(SignalRow::date).thenComparing(SignalRow::symbol));
        RunRecord run = db.runs().start(Fixtures.newRun("sample"));
        db.runs().complete(run.id(), Fixtures.results(List.of(new SignalSet(Fixtures.key("momentum"), written))));
        long setId = db.runs().signalSets(run.id()).get(0).id();
        List<SignalRow> sample = db.runs().signalSample(setId, 7);
        assertThat(sample).hasSize(9); // rows 0, 7, …, 56 of 60
        for (int i = 0; i < sample.size(); i++) {
            SignalRow full = written.get(i * 7);
            assertThat(sample.get(i).symbol()).isEqualTo(full.symbol());
            assertThat(sample.get(i).date()).isEqualTo(full.date());
            assertThat(sample.get(i).alphaScore()).isEqualTo(full.alphaScore());
            assertThat(sample.get(i).confidence()).isEqualTo(full.confidence());
        }
        assertThat(db.runs().signalSample(setId, 1)).hasSize(60);
        assertThat(db.runs().signalSample(setId, 100)).hasSize(1);
    }

    @Test
    void aStartedRunIsRunningWithoutResultsThenCompleteWithAllOfThem() {
        RunRecord run = db.runs().start(Fixtures.newRun("lifecycle"));
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.summary().createdAt()).isEqualTo(Fixtures.T0);
        assertThat(run.reportJson()).isNull();
        assertThat(run.componentHashes()).containsEntry("momentum", "sha256:aa");
        assertThat(db.runs().progress(run.id(), 0.25)).isTrue();
        assertThat(db.runs().get(run.id()).summary().progress()).isEqualTo(0.25);

        RunResults results = Fixtures.results(
                List.of(new SignalSet(Fixtures.key("momentum"), Fixtures.signals(List.of("AAPL", "MSFT"), 10))));
        CompletionSummary summary = db.runs().complete(run.id(), results);

        assertThat(summary).isEqualTo(new CompletionSummary(1, 0, 20, null));
        RunRecord done = db.runs().get(run.id());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(done.summary().progress()).isEqualTo(1.0);
        assertThat(done.summary().finishedAt()).isEqualTo(Fixtures.T0);
        assertThat(done.reportJson()).isEqualTo("{\"report\":true}");
        assertThat(db.runs().allocations(run.id())).isEqualTo(results.allocations());
        assertThat(db.runs().performance(run.id())).isEqualTo(results.performance());
        assertThat(db.runs().trades(run.id())).isEqualTo(results.trades());
        assertThatThrownBy(() -> db.runs().complete(run.id(), results))
                .isInstanceOf(RunStateException.class)
                .hasMessageContaining("must be RUNNING, is COMPLETE");
    }

    @Test
    void aBacktestReportReadBackEqualsTheReportTheRunProduced() {
        BacktestReport report = SampleReport.get();
        RunRecord run = db.runs().start(Fixtures.newRun("report"));
        List<SignalRow> signals = Fixtures.signals(List.of("AAPL", "MSFT"), 5);

        db.runs().complete(run.id(), report, List.of(new SignalSet(Fixtures.key("mom"), signals)));

        BacktestReport back = db.runs().report(run.id()).orElseThrow();
        assertThat(back).isEqualTo(report);
        assertThat(back.dailyReturns()).isEqualTo(report.dailyReturns());
        assertThat(back.weights()).isEqualTo(report.weights());
        assertThat(db.runs().get(run.id()).reportJson()).isEqualTo(JsonMapper.write(report));
        // the tables hold the report's rows
        assertThat(db.runs().allocations(run.id())).hasSize(report.weights().size());
        assertThat(db.runs().allocations(run.id()).get(0).date())
                .isEqualTo(report.weights().get(0).date());
        assertThat(db.runs().trades(run.id())).hasSize(report.trades().size());
        assertThat(db.runs().trades(run.id()).get(0).symbol())
                .isEqualTo(report.trades().get(0).symbol());
        List<PerformanceRow> performance = db.runs().performance(run.id());
        assertThat(performance)
                .extracting(PerformanceRow::strategyId)
                .containsExactlyInAnyOrder("portfolio", "mom", "calm");
        PerformanceRow portfolio = performance.stream()
                .filter(p -> p.strategyId().equals("portfolio"))
                .findFirst()
                .orElseThrow();
        assertThat(portfolio.sharpeRatio()).isEqualTo(report.metrics().sharpeRatio());
        assertThat(portfolio.lookbackDays()).isEqualTo(report.metrics().days());
        assertThat(db.runs().signals(db.runs().signalSets(run.id()).get(0).id()))
                .containsExactlyInAnyOrderElementsOf(signals);
    }

    @Test
    void aRunWithoutAReportReadsNoReport() {
        RunRecord run = db.runs().start(Fixtures.newRun("no report"));
        assertThat(db.runs().report(run.id())).isEmpty();
        assertThatThrownBy(() -> db.runs().report("missing")).isInstanceOf(UnknownRunException.class);
    }

    @Test
    void aFailureWhileCompletingLeavesTheRunRunningWithNoResults() {
        RunRecord run = db.runs().start(Fixtures.newRun("fails"));
        AllocationRow twice = new AllocationRow(LocalDate.of(2020, 1, 31), "equal_weight", "{}", 1, "{}", "[]");
        RunResults broken = new RunResults(
                List.of(new SignalSet(Fixtures.key("momentum"), Fixtures.signals(List.of("AAPL"), 50))),
                List.of(twice, twice),
                List.of(),
                List.of(),
                "{}");

        assertThatThrownBy(() -> db.runs().complete(run.id(), broken))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("storing the results of run " + run.id());

        RunRecord after = db.runs().get(run.id());
        assertThat(after.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(after.reportJson()).isNull();
        assertThat(db.runs().count("strategy_signal")).isZero();
        assertThat(db.runs().count("signal_set")).isZero();
        assertThat(db.runs().count("run_signal_set")).isZero();
        assertThat(db.runs().count("portfolio_allocation")).isZero();
    }

    @Test
    void runsOfADeadOwnerReadInterruptedAfterTheNextStartAndLiveOnesStayRunning() throws Exception {
        ProcessOwner dead = deadOwner();
        reopen(dead, Fixtures.clock());
        // the dead owner's store is closed without finishing its run, like a crash
        String orphan = db.runs().start(Fixtures.newRun("orphan")).id();
        long job = db.jobs().enqueue(new NewJob("backtest", "{}", 0)).id();
        assertThat(db.jobs().claim(dead.encode())).isPresent();
        ProcessOwner alive = ProcessOwner.current();

        reopen(alive, Fixtures.clock());

        assertThat(db.recoveredOnOpen()).isEqualTo(2);
        String live = db.runs().start(Fixtures.newRun("live")).id();
        reopen(alive, Fixtures.clock());
        assertThat(db.recoveredOnOpen()).isZero();
        RunRecord interrupted = db.runs().get(orphan);
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.summary().errorMessage()).contains(dead.encode());
        assertThat(interrupted.reportJson()).isNull();
        assertThat(db.jobs().find(job).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(db.runs().get(live).status()).isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> db.runs().complete(orphan, Fixtures.results(List.of())))
                .isInstanceOf(RunStateException.class);

        assertThat(db.runs().markInterrupted(alive.encode())).isEqualTo(1);
        assertThat(db.runs().get(live).status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    /**
     * Waits until a child storing a large run is visibly writing its signals (observable state, no sleep):
     * on H2 the database file grows, on PostgreSQL a {@code COPY} into {@code strategy_signal} is active.
     *
     * @param child the child, which printed WRITING
     * @throws AssertionError if the child exits before it is seen writing
     */
    abstract void awaitSignalsBeingWritten(Process child) throws Exception;

    @Test
    void aChildKilledMidWriteLeavesAnInterruptedRunAndNoRowsAndARerunCompletes() throws Exception {
        db.close();
        Process child = childProcess("hang-in-complete", currentUrl());
        String runId = null;
        try (var lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RUN=")) {
                    runId = line.substring(4);
                }
                if (line.equals("WRITING")) {
                    break;
                }
            }
            awaitSignalsBeingWritten(child);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runId).isNotNull();
        assertThat(child.exitValue()).isEqualTo(137);

        // the next start
        db = Database.open(new StoreSettings(currentUrl(), Fixtures.clock(), ProcessOwner.current(), 4));
        assertThat(db.runs().get(runId).status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(db.runs().get(runId).reportJson()).isNull();
        assertThat(db.runs().count("strategy_signal")).isZero();
        assertThat(db.runs().count("signal_set")).isZero();
        assertThat(db.runs().count("run_signal_set")).isZero();
        assertThat(db.runs().count("portfolio_allocation")).isZero();
        assertThat(db.runs().count("strategy_performance")).isZero();
        assertThat(db.runs().count("trade")).isZero();
        db.close();

        // the same large run again, in a child of its own: it completes and writes its set once
        List<String> rerun = runChild("hang-in-complete", currentUrl());
        assertThat(rerun).contains("DONE");
        String rerunId = rerun.stream()
                .filter(l -> l.startsWith("RUN="))
                .findFirst()
                .orElseThrow()
                .substring(4);
        db = Database.open(new StoreSettings(currentUrl(), Fixtures.clock(), ProcessOwner.current(), 4));
        assertThat(db.runs().get(rerunId).status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(db.runs().get(runId).status()).isEqualTo(RunStatus.INTERRUPTED);
        long rows = 500L * 4000;
        assertThat(db.runs().count("strategy_signal")).isEqualTo(rows);
        assertThat(db.runs().count("signal_set")).isEqualTo(1);
        assertThat(db.runs().signalSets(rerunId)).singleElement().satisfies(set -> assertThat(set.rowCount())
                .isEqualTo(rows));
        // no duplicates, no orphans: every signal row belongs to the one stored set, every link to a run
        assertThat(db.runs()
                        .count("(SELECT set_id, symbol, signal_date FROM strategy_signal GROUP BY set_id,"
                                + " symbol, signal_date HAVING COUNT(*) > 1) d"))
                .isZero();
        assertThat(db.runs()
                        .count("strategy_signal WHERE set_id NOT IN (SELECT id FROM signal_set WHERE state ="
                                + " 'STORED')"))
                .isZero();
        assertThat(db.runs().count("run_signal_set")).isEqualTo(1);
        assertThat(db.runs().count("portfolio_allocation WHERE run_id <> '" + rerunId + "'"))
                .isZero();
        assertThat(db.runs().count("trade WHERE run_id <> '" + rerunId + "'")).isZero();
        assertThat(db.runs().count("strategy_performance WHERE run_id <> '" + rerunId + "'"))
                .isZero();
    }

    @Test
    void aSignalSetIsStoredOnceAndSharedByEveryRunThatUsesIt() {
        List<SignalRow> rows = Fixtures.signals(List.of("AAPL", "MSFT", "GOOG"), 20);
        SignalSet momentum = new SignalSet(Fixtures.key("momentum"), rows);
        String first = db.runs().start(Fixtures.newRun("first")).id();
        CompletionSummary one = db.runs().complete(first, Fixtures.results(List.of(momentum)));
        // a later instant, so that "the earliest equivalent run" is well defined
        reopen(ProcessOwner.current(), Clock.fixed(Fixtures.T0.plusSeconds(1), ZoneOffset.UTC));
        String second = db.runs().start(Fixtures.newRun("second")).id();
        CompletionSummary two = db.runs().complete(second, Fixtures.results(List.of(momentum)));

        assertThat(one).isEqualTo(new CompletionSummary(1, 0, 60, null));
        assertThat(two).isEqualTo(new CompletionSummary(0, 1, 0, first));
        assertThat(db.runs().count("signal_set")).isEqualTo(1);
        assertThat(db.runs().count("strategy_signal")).isEqualTo(60);
        assertThat(db.runs().signalSets(first)).isEqualTo(db.runs().signalSets(second));
        assertThat(db.runs().findEquivalent("cfg-1", "code-1", "data-1"))
                .map(RunSummary::id)
                .contains(first);
        assertThat(db.runs().findEquivalent("cfg-1", "code-2", "data-1")).isEmpty();

        SignalSetKey otherPeriod = new SignalSetKey(
                "momentum",
                "sha256:momentum",
                "{\"window\":20}",
                "data-1",
                LocalDate.of(2020, 1, 2),
                LocalDate.of(2021, 1, 1));
        String third = db.runs().start(Fixtures.newRun("third")).id();
        CompletionSummary three =
                db.runs().complete(third, Fixtures.results(List.of(momentum, new SignalSet(otherPeriod, rows))));
        assertThat(three).isEqualTo(new CompletionSummary(1, 1, 60, first));
        assertThat(db.runs().count("signal_set")).isEqualTo(2);
    }

    @Test
    void deletingARunKeepsTheSignalSetsOtherRunsStillUse() {
        SignalSet shared = new SignalSet(Fixtures.key("momentum"), Fixtures.signals(List.of("AAPL"), 10));
        SignalSet own = new SignalSet(Fixtures.key("value"), Fixtures.signals(List.of("MSFT"), 7));
        String a = db.runs().start(Fixtures.newRun("a")).id();
        db.runs().complete(a, Fixtures.results(List.of(shared, own)));
        String b = db.runs().start(Fixtures.newRun("b")).id();
        db.runs().complete(b, Fixtures.results(List.of(shared)));

        assertThat(db.runs().delete(a)).isTrue();

        assertThat(db.runs().find(a)).isEmpty();
        assertThat(db.runs().signalSets(b))
                .extracting(s -> s.key().strategyId())
                .containsExactly("momentum");
        assertThat(db.runs().signals(db.runs().signalSets(b).get(0).id())).isEqualTo(shared.rows());
        assertThat(db.runs().count("signal_set")).isEqualTo(1);
        assertThat(db.runs().count("strategy_signal")).isEqualTo(10);
        assertThat(db.runs().count("portfolio_allocation")).isEqualTo(1);
        assertThat(db.runs().count("trade")).isEqualTo(1);
        assertThat(db.runs().count("strategy_performance")).isEqualTo(1);

        assertThat(db.runs().delete(b)).isTrue();
        assertThat(db.runs().delete(b)).isFalse();
        assertThat(db.runs().count("signal_set")).isZero();
        assertThat(db.runs().count("strategy_signal")).isZero();
        assertThat(db.runs().count("trade")).isZero();
    }

    @Test
    void aRunningRunCannotBeDeleted() {
        String id = db.runs().start(Fixtures.newRun("busy")).id();
        assertThatThrownBy(() -> db.runs().delete(id))
                .isInstanceOf(RunStateException.class)
                .hasMessageContaining("RUNNING");
        assertThat(db.runs().find(id)).isPresent();
    }

    @Test
    void runsAreListedNewestFirstFilteredByStatusAndLimited() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reopen(ProcessOwner.current(), Clock.fixed(Fixtures.T0.plusSeconds(i), ZoneOffset.UTC));
            ids.add(db.runs().start(Fixtures.newRun("run " + i)).id());
        }
        db.runs().complete(ids.get(1), Fixtures.results(List.of()));
        db.runs().fail(ids.get(3), "BAD_INPUT", "window must be ≥ 2, was 1");

        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(db.runs().list(RunQuery.latest(10)))
                .extracting(RunSummary::id)
                .containsExactlyElementsOf(newestFirst);
        assertThat(db.runs().list(RunQuery.latest(2)))
                .extracting(RunSummary::id)
                .containsExactly(ids.get(4), ids.get(3));
        assertThat(db.runs().list(new RunQuery(RunStatus.RUNNING, 10)))
                .extracting(RunSummary::id)
                .containsExactly(ids.get(4), ids.get(2), ids.get(0));
        RunSummary failed = db.runs().list(new RunQuery(RunStatus.FAILED, 10)).get(0);
        assertThat(failed.id()).isEqualTo(ids.get(3));
        assertThat(failed.errorCategory()).isEqualTo("BAD_INPUT");
        assertThat(failed.errorMessage()).isEqualTo("window must be ≥ 2, was 1");
    }

    @Test
    void twoRunsCompareByTheirHashesAndPerformance() {
        String a = db.runs().start(Fixtures.newRun("a")).id();
        db.runs().complete(a, Fixtures.results(List.of()));
        NewRun t = Fixtures.newRun("b");
        String b = db.runs()
                .start(new NewRun(
                        "b", t.configJson(), t.componentHashes(), "cfg-2", t.codeHash(), t.datasetHash(), "0.1.0"))
                .id();
        RunComparison comparison = db.runs().compare(a, b);
        assertThat(comparison.sameConfig()).isFalse();
        assertThat(comparison.sameCode()).isTrue();
        assertThat(comparison.sameData()).isTrue();
        assertThat(comparison.equivalent()).isFalse();
        assertThat(comparison.leftPerformance()).hasSize(1);
        assertThat(comparison.rightPerformance()).isEmpty();
        assertThatThrownBy(() -> db.runs().compare(a, "nope"))
                .isInstanceOfSatisfying(
                        UnknownRunException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_INPUT));
    }

    @Test
    void twoClaimersNeverGetTheSameJob() throws Exception {
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            db.jobs().enqueue(new NewJob("backtest", "{\"n\":" + i + "}", 0));
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "worker-" + w;
                counts.add(workers.submit(() -> {
                    int mine = 0;
                    for (var job = db.jobs().claim(owner);
                            job.isPresent();
                            job = db.jobs().claim(owner)) {
                        if (!claimed.add(job.get().id())) {
                            duplicates.add(job.get().id());
                        }
                        assertThat(job.get().owner()).isEqualTo(owner);
                        mine++;
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get(60, TimeUnit.SECONDS);
            }
            assertThat(duplicates).isEmpty();
            assertThat(total).isEqualTo(jobs);
            assertThat(claimed).hasSize(jobs);
        } finally {
            workers.shutdownNow();
        }
        assertThat(db.jobs().list(RunStatus.QUEUED, 100)).isEmpty();
        assertThat(db.jobs().list(RunStatus.RUNNING, 100)).hasSize(jobs).allMatch(j -> j.attempts() == 1);
    }

    @Test
    void jobsAreClaimedByPriorityThenAgeAndFollowTheirLifecycle() {
        reopen(ProcessOwner.current(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        long low = db.jobs().enqueue(new NewJob("validate", "low", 0)).id();
        reopen(ProcessOwner.current(), Clock.fixed(Fixtures.T0.plusSeconds(1), ZoneOffset.UTC));
        long high = db.jobs().enqueue(new NewJob("backtest", "high", 5)).id();
        long lowLater =
                db.jobs().enqueue(new NewJob("validate", "low later", 0)).id();

        JobRecord first = db.jobs().claim("w").orElseThrow();
        assertThat(first.id()).isEqualTo(high);
        assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(first.claimedAt()).isEqualTo(Fixtures.T0.plusSeconds(1));
        assertThat(db.jobs().claim("w").orElseThrow().id()).isEqualTo(low);

        assertThat(db.jobs().requestCancel(high)).isTrue();
        assertThat(db.jobs().heartbeat(high, "w", 0.5).cancelRequested()).isTrue();
        assertThat(db.jobs().finish(high, "w", RunStatus.CANCELLED, null, null).status())
                .isEqualTo(RunStatus.CANCELLED);
        JobRecord failed = db.jobs().finish(low, "w", RunStatus.FAILED, "COMPONENT", "script exceeded its limits");
        assertThat(failed.errorMessage()).isEqualTo("script exceeded its limits");
        assertThatThrownBy(() -> db.jobs().heartbeat(low, "w", 0.6)).isInstanceOf(RunStateException.class);
        assertThat(db.jobs().requestCancel(lowLater)).isTrue();
        assertThat(db.jobs().find(lowLater).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(db.jobs().claim("w")).isEmpty();
    }

    @Test
    void infoNamesTheEngineTheSchemaAndTheCounts() {
        String run = db.runs().start(Fixtures.newRun("info")).id();
        db.runs()
                .complete(
                        run,
                        Fixtures.results(List.of(new SignalSet(Fixtures.key("m"), Fixtures.signals(List.of("A"), 4)))));
        DatabaseInfo info = db.info();
        // later migrations come with later features; the first two are this suite's
        assertThat(info.appliedMigrations()).startsWith("1 store", "2 signal index");
        String last = info.appliedMigrations().getLast();
        assertThat(info.schemaVersion()).isEqualTo(last.substring(0, last.indexOf(' ')));
        assertThat(info.runsByStatus()).containsEntry(RunStatus.COMPLETE, 1L).containsEntry(RunStatus.RUNNING, 0L);
        assertThat(info.signalSets()).isEqualTo(1);
        assertThat(info.signalRows()).isEqualTo(4);
        assertThat(info.productVersion()).containsIgnoringCase(db.engine() == DatabaseEngine.H2 ? "H2" : "PostgreSQL");
        assertThat(db.migrationsApplied()).isEqualTo(info.appliedMigrations().size());
    }

    /** A process that has exited: its pid is gone. */
    static ProcessOwner deadOwner() throws Exception {
        Process p = new ProcessBuilder(javaExecutable(), "-version")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
        return new ProcessOwner(ProcessOwner.current().host(), p.pid(), start);
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Process childProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx1g",
                "-Duser.timezone=Pacific/Chatham",
                "-cp",
                System.getProperty("java.class.path"),
                StoreChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    static List<String> runChild(String... args) throws Exception {
        Process child = childProcess(args);
        String out;
        try (InputStream in = child.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("child output: %s", out).isZero();
        return out.lines().toList();
    }
}
