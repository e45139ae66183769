package io.alphaweave.platform.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real data files are for tests: the repository's sample and the shared full S&P 500 set. */
public final class TestData {
    private TestData() {}

    /** @return the repository root (the nearest ancestor of the working directory holding {@code mvnw}) */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** @return {@code data/sample/sp500_sample.csv.gz} in the repository */
    public static Path sample() {
        return repoRoot().resolve("data/sample/sp500_sample.csv.gz");
    }

    /** @return {@code data/sample/sectors.csv} in the repository */
    public static Path sampleSectors() {
        return repoRoot().resolve("data/sample/sectors.csv");
    }

    /**
     * The shared data folder: {@code $ALPHAWEAVE_SHARED_DATA}, else {@code shared/data} beside the
     * repository root or beside one of its ancestors (a worktree may sit deeper). Never skips: a
     * test that needs it fails with this message when it is missing, in CI and locally alike.
     *
     * @return the folder holding {@code sp500/}
     */
    public static Path sharedData() {
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isDirectory(p.resolve("sp500"))) {
                return p;
            }
            throw new IllegalStateException("ALPHAWEAVE_SHARED_DATA=" + env + " has no sp500/ folder");
        }
        for (Path p = repoRoot().getParent(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isDirectory(candidate.resolve("sp500"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared S&P 500 data is missing: set ALPHAWEAVE_SHARED_DATA to the folder"
                + " holding sp500/all_stocks_5yr.csv.gz, or put it at ../shared/data beside the repository");
    }

    /** @return the full S&P 500 file (505 symbols, 619,040 rows) */
    public static Path fullSp500() {
        return sharedData().resolve("sp500/all_stocks_5yr.csv.gz");
    }
}
