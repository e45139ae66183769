package io.alphaweave.platform.app;

import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.data.PanelCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The named datasets of a workspace (DESIGN §7): a config names one ({@code data: {dataset: sample}}
 * or {@code dataset: sample}) instead of a path.
 *
 * <ul>
 *   <li>{@code sample} — the 50-symbol sample shipped in {@code <installDir>/data/sample};
 *   <li>{@code sp500} — the full S&amp;P 500 file of the shared data ({@code
 *       <sharedDataDirectory>/sp500}), when present;
 *   <li>imported — every {@code NAME.csv} / {@code NAME.csv.gz} (with an optional {@code
 *       NAME.sectors.csv}) and every folder {@code NAME/} of CSV files in the workspace's data
 *       directory; see {@link #importFile}. A built-in name is never shadowed.
 * </ul>
 *
 * <p>Paths are also resolved (for the CLI; a network front end uses {@link #datasetsOnly()}). The
 * catalog reads the directories when it is created; thread-safe (immutable).
 */
public final class DatasetCatalog implements BacktestConfig.DataResolver {
    /** Name of the shipped sample dataset. */
    public static final String SAMPLE = "sample";
    /** Name of the shared S&amp;P 500 dataset. */
    public static final String SP500 = "sp500";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Path installDir;
    private final Path dataDirectory;
    private final List<Dataset> datasets;
    private final boolean pathsAllowed;
    private final PanelCache panels;

    /**
     * A named dataset.
     *
     * @param name its name: lowercase letters, digits, {@code _} and {@code -}
     * @param data the bars: a long or Yahoo-style CSV (plain or gzip) or a folder of them, absolute
     * @param sectors the sector file (symbol,sector), absolute, or null
     * @param origin {@code shipped}, {@code shared} or {@code imported}
     */
    public record Dataset(String name, Path data, Path sectors, String origin) {
        /** Checks the name and nulls. */
        public Dataset {
            checkName(name);
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private DatasetCatalog(
            Path installDir, Path dataDirectory, List<Dataset> datasets, boolean pathsAllowed, PanelCache panels) {
        this.panels = panels;
        this.installDir = installDir;
        this.dataDirectory = dataDirectory;
        this.datasets = List.copyOf(datasets);
        this.pathsAllowed = pathsAllowed;
    }

    /**
     * @param workspace where the sample, the shared data and the imported datasets are
     * @return the catalog of what exists now
     */
    public static DatasetCatalog of(Workspace workspace) {
        List<Dataset> list = new ArrayList<>();
        Path sampleDir = workspace.installDir().resolve("data/sample");
        Path sample = sampleDir.resolve("sp500_sample.csv.gz");
        if (Files.isRegularFile(sample)) {
            Path sectors = sampleDir.resolve("sectors.csv");
            list.add(new Dataset(SAMPLE, sample, Files.isRegularFile(sectors) ? sectors : null, "shipped"));
        }
        if (workspace.sharedDataDirectory() != null) {
            Path dir = workspace.sharedDataDirectory().resolve("sp500");
            Optional<Path> bars = files(dir).stream()
                    .filter(p -> isCsv(p) && !p.getFileName().toString().contains("sector"))
                    .findFirst();
            Optional<Path> sectors = files(dir).stream()
                    .filter(p -> isCsv(p) && p.getFileName().toString().contains("sector"))
                    .findFirst();
            bars.ifPresent(b -> list.add(new Dataset(SP500, b, sectors.orElse(null), "shared")));
        }
        for (Path p : files(workspace.dataDirectory())) {
            String file = p.getFileName().toString();
            if (file.endsWith(".sectors.csv")) {
                continue;
            }
            String name = Files.isDirectory(p) ? file : stem(file);
            if (name == null || !NAME.matcher(name).matches() || name.equals(SAMPLE) || name.equals(SP500)) {
                continue;
            }
            if (Files.isDirectory(p) || isCsv(p)) {
                Path sectors = p.resolveSibling(name + ".sectors.csv");
                list.add(new Dataset(name, p, Files.isRegularFile(sectors) ? sectors : null, "imported"));
            }
        }
        return new DatasetCatalog(
                workspace.installDir(),
                workspace.dataDirectory(),
                list,
                true,
                new PanelCache(workspace.lookaheadCache().getParent()));
    }

    /** @return this catalog refusing file paths in configs (for front ends that take configs from the network) */
    public DatasetCatalog datasetsOnly() {
        return new DatasetCatalog(installDir, dataDirectory, datasets, false, panels);
    }

    /**
     * Loads a market data file or folder: a file parsed before (same size and checksums, same build)
     * comes from the workspace's binary panel cache, bit for bit what parsing gives.
     *
     * @param path the data file or folder
     * @return the panel
     */
    public MarketData load(Path path) {
        return panels.load(path);
    }

    /** @return every dataset: sample, sp500, then the imported ones by name */
    public List<Dataset> datasets() {
        return datasets;
    }

    /**
     * @param name a dataset name
     * @return the dataset, or empty
     */
    public Optional<Dataset> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * @param dataPath a data file or folder
     * @return the name of the dataset with these bars, or empty when it is not a catalog dataset
     */
    public Optional<String> nameOf(Path dataPath) {
        Path p = dataPath.toAbsolutePath().normalize();
        return datasets.stream()
                .filter(d -> d.data().toAbsolutePath().normalize().equals(p))
                .map(Dataset::name)
                .findFirst();
    }

    @Override
    public BacktestConfig.DatasetFiles dataset(String name, String field) {
        Dataset d = find(name)
                .orElseThrow(() -> new BacktestConfigException(field + ": no dataset named \"" + name + "\"; known: "
                        + String.join(", ", datasets.stream().map(Dataset::name).toList())
                        + " (import a file with `alphaweave data import`, or give data.path)"));
        return new BacktestConfig.DatasetFiles(d.name(), d.data(), d.sectors());
    }

    @Override
    public Path path(String value, String field) {
        if (!pathsAllowed) {
            throw new BacktestConfigException(field + ": file paths are not accepted here; name a dataset instead"
                    + " (data: {dataset: NAME}; known: "
                    + String.join(", ", datasets.stream().map(Dataset::name).toList()) + ")");
        }
        return BacktestConfig.DataResolver.paths(installDir).path(value, field);
    }

    /**
     * Copies a data file into the workspace's data directory as a new named dataset.
     *
     * @param source a long or Yahoo-style CSV, plain or gzip ({@code .csv} / {@code .csv.gz})
     * @param name the dataset name (lowercase letters, digits, {@code _}, {@code -}); not a built-in name
     * @param sectors a sector file to copy with it, or null
     * @return the imported dataset
     * @throws BacktestConfigException (bad input) for a bad name, a taken name or a missing file
     * @throws UncheckedIOException when the copy fails
     */
    public Dataset importFile(Path source, String name, Path sectors) {
        checkName(name);
        if (find(name).isPresent()) {
            throw new BacktestConfigException("dataset name \"" + name + "\" is taken; choose another");
        }
        if (!Files.isRegularFile(source) || !isCsv(source)) {
            throw new BacktestConfigException("import source " + source + " must be an existing .csv or .csv.gz file");
        }
        if (sectors != null && !Files.isRegularFile(sectors)) {
            throw new BacktestConfigException("sector file " + sectors + " does not exist");
        }
        String ext = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz") ? ".csv.gz" : ".csv";
        try {
            Files.createDirectories(dataDirectory);
            Path target = dataDirectory.resolve(name + ext);
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            Path sectorTarget = null;
            if (sectors != null) {
                sectorTarget = dataDirectory.resolve(name + ".sectors.csv");
                Files.copy(sectors, sectorTarget, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return new Dataset(name, target, sectorTarget, "imported");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + source + " into " + dataDirectory + ": " + e, e);
        }
    }

    /**
     * The content hash of a dataset: SHA-256 over the bytes of its bar files (a folder's CSV files in
     * name order, each preceded by its name) and of its sector file. Equal hashes mean equal data,
     * whatever the paths.
     *
     * @param data the bars (file or folder)
     * @param sectors the sector file, or null
     * @return 64 lowercase hex digits
     * @throws UncheckedIOException when a file cannot be read
     */
    public static String contentHash(Path data, Path sectors) {
        MessageDigest md = sha256();
        if (Files.isDirectory(data)) {
            for (Path f : files(data)) {
                if (Files.isRegularFile(f) && isCsv(f)) {
                    md.update(("file:" + f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                    digest(md, f);
                }
            }
        } else {
            md.update("bars\n".getBytes(StandardCharsets.UTF_8));
            digest(md, data);
        }
        if (sectors != null) {
            md.update("\nsectors\n".getBytes(StandardCharsets.UTF_8));
            digest(md, sectors);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void digest(MessageDigest md, Path file) {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to hash it: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BacktestConfigException("dataset name must be 1–64 lowercase letters, digits, _ or -"
                    + " starting with a letter or digit, was \"" + name + "\"");
        }
    }

    private static boolean isCsv(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz");
    }

    private static String stem(String file) {
        String n = file.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv.gz")) {
            return file.substring(0, file.length() - 7);
        }
        if (n.endsWith(".csv")) {
            return file.substring(0, file.length() - 4);
        }
        return null;
    }

    private static List<Path> files(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
