package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.BacktestConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path root;

    Path install, home, shared;

    @BeforeEach
    void layout() throws Exception {
        install = Files.createDirectories(root.resolve("install"));
        Files.createDirectories(install.resolve("data/sample"));
        Files.writeString(install.resolve("data/sample/sp500_sample.csv.gz"), "sample bytes");
        Files.writeString(install.resolve("data/sample/sectors.csv"), "symbol,sector\n");
        home = Files.createDirectories(root.resolve("home"));
        shared = Files.createDirectories(root.resolve("shared"));
    }

    private DatasetCatalog catalog(boolean withShared) {
        Map<String, String> env = withShared
                ? Map.of("ALPHAWEAVE_HOME", home.toString(), "ALPHAWEAVE_SHARED_DATA", shared.toString())
                : Map.of("ALPHAWEAVE_HOME", home.toString());
        return DatasetCatalog.of(Workspace.resolve(
                Workspace.Overrides.none(),
                env,
                Map.of("alphaweave.home", install.toString(), "user.home", "/nowhere")));
    }

    @Test
    void theSampleIsTheShippedFileWithItsSectors() {
        DatasetCatalog c = catalog(false);
        assertThat(c.datasets()).extracting(DatasetCatalog.Dataset::name).containsExactly("sample");
        DatasetCatalog.Dataset sample = c.find("sample").orElseThrow();
        assertThat(sample.data()).isEqualTo(install.resolve("data/sample/sp500_sample.csv.gz"));
        assertThat(sample.sectors()).isEqualTo(install.resolve("data/sample/sectors.csv"));
        assertThat(sample.origin()).isEqualTo("shipped");
    }

    @Test
    void sp500IsListedOnlyWhenTheSharedDataHasIt() throws Exception {
        assertThat(catalog(true).find("sp500")).isEmpty();
        Files.createDirectories(shared.resolve("sp500"));
        Files.writeString(shared.resolve("sp500/all_stocks_5yr.csv.gz"), "bars");
        Files.writeString(shared.resolve("sp500/sp500_sectors_2018.csv"), "sectors");
        DatasetCatalog.Dataset sp = catalog(true).find("sp500").orElseThrow();
        assertThat(sp.data()).isEqualTo(shared.resolve("sp500/all_stocks_5yr.csv.gz"));
        assertThat(sp.sectors()).isEqualTo(shared.resolve("sp500/sp500_sectors_2018.csv"));
    }

    @Test
    void filesInTheDataDirectoryAreImportedDatasetsThatNeverShadowABuiltInName() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve("mine.csv"), "bars");
        Files.writeString(data.resolve("mine.sectors.csv"), "sectors");
        Files.writeString(data.resolve("gz_one.csv.gz"), "bars");
        Files.writeString(data.resolve("sample.csv"), "an impostor");
        Files.writeString(data.resolve("notes.txt"), "not data");
        DatasetCatalog c = catalog(false);
        assertThat(c.datasets()).extracting(DatasetCatalog.Dataset::name).containsExactly("sample", "gz_one", "mine");
        assertThat(c.find("mine").orElseThrow().sectors()).isEqualTo(data.resolve("mine.sectors.csv"));
        assertThat(c.find("sample").orElseThrow().origin()).isEqualTo("shipped");
    }

    @Test
    void importCopiesTheFileAndRefusesATakenOrMalformedName() throws Exception {
        Path source = Files.writeString(root.resolve("prices.csv"), "date,open,high,low,close,volume,Name\n");
        DatasetCatalog c = catalog(false);
        DatasetCatalog.Dataset d = c.importFile(source, "my_prices", null);
        assertThat(d.data()).isEqualTo(home.resolve("data/my_prices.csv")).hasSameTextualContentAs(source);
        assertThat(catalog(false).find("my_prices")).isPresent();
        assertThatThrownBy(() -> c.importFile(source, "sample", null)).hasMessageContaining("\"sample\" is taken");
        assertThatThrownBy(() -> c.importFile(source, "Bad Name", null))
                .isInstanceOf(BacktestConfigException.class)
                .hasMessageContaining("was \"Bad Name\"");
    }

    @Test
    void aConfigMayNameADatasetInItsDataSectionOrAtTheTop() throws Exception {
        DatasetCatalog c = catalog(false);
        String strategies = "strategies: [{id: s}]\n";
        BacktestConfig a = parse(c, "data: {dataset: sample}\n" + strategies);
        BacktestConfig b = parse(c, "dataset: sample\n" + strategies);
        for (BacktestConfig x : new BacktestConfig[] {a, b}) {
            assertThat(x.dataPath()).isEqualTo(install.resolve("data/sample/sp500_sample.csv.gz"));
            assertThat(x.sectorsPath()).isEqualTo(install.resolve("data/sample/sectors.csv"));
        }
        assertThat(c.nameOf(a.dataPath())).contains("sample");
        assertThat(c.nameOf(root.resolve("other.csv"))).isEmpty();
    }

    @Test
    void anUnknownDatasetOrAmbiguousDataIsABadConfigNamingTheField() {
        DatasetCatalog c = catalog(false);
        String strategies = "strategies: [{id: s}]\n";
        assertThatThrownBy(() -> parse(c, "data: {dataset: nope}\n" + strategies))
                .isInstanceOf(BacktestConfigException.class)
                .hasMessageContaining("data.dataset: no dataset named \"nope\"; known: sample");
        assertThatThrownBy(() -> parse(c, "data: {dataset: sample, path: x.csv}\n" + strategies))
                .hasMessageContaining("data.dataset and data.path are exclusive");
        assertThatThrownBy(() -> parse(c, "dataset: sample\ndata: {path: x.csv}\n" + strategies))
                .hasMessageContaining("either dataset: sample or a data section");
        assertThatThrownBy(() -> parse(
                        c.datasetsOnly(),
                        "data: {path: " + install.resolve("data/sample/sectors.csv") + "}\n" + strategies))
                .hasMessageContaining("data.path: file paths are not accepted here");
    }

    @Test
    void theDataHashDependsOnTheBytesNotOnThePath() throws Exception {
        Path a = Files.writeString(root.resolve("a.csv"), "date,close\n2020-01-02,1\n");
        Path b = Files.writeString(root.resolve("b.csv"), "date,close\n2020-01-02,1\n");
        Path c = Files.writeString(root.resolve("c.csv"), "date,close\n2020-01-02,2\n");
        String ha = DatasetCatalog.contentHash(a, null);
        assertThat(ha).matches("[0-9a-f]{64}").isEqualTo(DatasetCatalog.contentHash(b, null));
        assertThat(DatasetCatalog.contentHash(c, null)).isNotEqualTo(ha);
        assertThat(DatasetCatalog.contentHash(a, c))
                .as("the sector file counts")
                .isNotEqualTo(ha);
    }

    private static BacktestConfig parse(DatasetCatalog c, String yaml) {
        return BacktestConfig.fromTree(readYaml(yaml), "t", c);
    }

    private static com.fasterxml.jackson.databind.JsonNode readYaml(String yaml) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(
                            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(yaml);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
