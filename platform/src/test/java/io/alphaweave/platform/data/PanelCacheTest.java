package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelCacheTest {
    private static void assertSamePanel(MarketData actual, MarketData expected) {
        assertThat(actual.symbols()).isEqualTo(expected.symbols());
        assertThat(actual.calendar()).isEqualTo(expected.calendar());
        for (int s = 0; s < expected.symbolCount(); s++) {
            assertThat(actual.open(s)).containsExactly(expected.open(s));
            assertThat(actual.high(s)).containsExactly(expected.high(s));
            assertThat(actual.low(s)).containsExactly(expected.low(s));
            assertThat(actual.close(s)).containsExactly(expected.close(s));
            assertThat(actual.volume(s)).containsExactly(expected.volume(s));
            assertThat(actual.sector(s)).isEqualTo(expected.sector(s));
        }
        assertThat(actual.quality()).isEqualTo(expected.quality());
    }

    private static List<Path> entries(Path cache) throws Exception {
        try (var s = Files.list(cache.resolve("panels"))) {
            return s.toList();
        }
    }

    @Test
    void theSecondLoadOfAFileComesFromTheCacheBitForBit(@TempDir Path dir) throws Exception {
        MarketData parsed = MarketData.load(TestData.sample());
        assertThat(parsed.quality().defects())
                .as("the sample has defects to carry")
                .isNotEmpty();
        PanelCache cache = new PanelCache(dir);

        assertSamePanel(cache.load(TestData.sample()), parsed);
        assertThat(entries(dir)).hasSize(1);
        // the cached copy, not a second parse: overwrite it with a panel of another file and see that come back
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "date,open,high,low,close,volume,Name\n2020-01-02,1,2,0.5,1.5,100,ZZZ\n");
        PanelCache.write(MarketData.load(other), entries(dir).get(0));

        assertThat(cache.load(TestData.sample()).symbols()).containsExactly("ZZZ");
    }

    @Test
    void aChangedFileIsParsedAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, "date,open,high,low,close,volume,Name\n2020-01-02,1,2,0.5,1.5,100,AAA\n");
        PanelCache cache = new PanelCache(dir.resolve("cache"));
        assertThat(cache.load(file).close(0)).containsExactly(1.5);

        Files.writeString(file, "date,open,high,low,close,volume,Name\n2020-01-02,1,2,0.5,1.75,100,AAA\n");

        assertThat(cache.load(file).close(0)).containsExactly(1.75);
        assertThat(entries(dir.resolve("cache"))).hasSize(2);
    }

    @Test
    void aCorruptCacheEntryFallsBackToParsing(@TempDir Path dir) throws Exception {
        PanelCache cache = new PanelCache(dir);
        cache.load(TestData.sample());
        Path entry = entries(dir).get(0);
        Files.write(entry, new byte[] {1, 2, 3});

        assertSamePanel(cache.load(TestData.sample()), MarketData.load(TestData.sample()));
    }
}
