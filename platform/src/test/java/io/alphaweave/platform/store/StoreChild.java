package io.alphaweave.platform.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * A second JVM for the store tests: {@code write-and-read URL INSTANT} writes a run at INSTANT in this
 * JVM's zone and prints what it reads back; {@code hang-in-complete URL} starts a run and stores a large
 * result, printing {@code WRITING} first, so the parent can kill it mid-write.
 */
public final class StoreChild {
    private StoreChild() {}

    public static void main(String[] args) {
        String mode = args[0];
        String url = args[1];
        switch (mode) {
            case "write-and-read" -> {
                Instant at = Instant.parse(args[2]);
                try (Database db = Database.open(StoreSettings.of(url, Clock.fixed(at, ZoneOffset.UTC)))) {
                    RunRecord run = db.runs().start(Fixtures.newRun("child"));
                    db.runs().complete(run.id(), Fixtures.results(List.of()));
                    RunRecord back = db.runs().get(run.id());
                    System.out.println("zone=" + TimeZone.getDefault().getID());
                    System.out.println("id=" + run.id());
                    System.out.println("created=" + back.summary().createdAt());
                    System.out.println("finished=" + back.summary().finishedAt());
                    LocalDate date = db.runs().allocations(run.id()).get(0).date();
                    System.out.println("allocation_date=" + date);
                    for (RunSummary summary : db.runs().list(RunQuery.latest(10))) {
                        System.out.println("listed=" + summary.id() + "@" + summary.createdAt());
                    }
                }
            }
            case "hang-in-complete" -> {
                try (Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
                    RunRecord run = db.runs().start(Fixtures.newRun("crash"));
                    List<String> symbols = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        symbols.add("S" + i);
                    }
                    List<SignalSet> sets = List.of(new SignalSet(Fixtures.key("big"), Fixtures.signals(symbols, 4000)));
                    System.out.println("RUN=" + run.id());
                    System.out.println("WRITING");
                    System.out.flush();
                    db.runs().complete(run.id(), Fixtures.results(sets));
                    System.out.println("DONE");
                }
            }
            default ->
                throw new IllegalArgumentException("mode must be write-and-read or hang-in-complete, was " + mode);
        }
    }
}
