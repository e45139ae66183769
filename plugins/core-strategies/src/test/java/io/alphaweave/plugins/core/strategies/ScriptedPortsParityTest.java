package io.alphaweave.plugins.core.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionLoader;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The YAML and JavaScript ports in strategies-yaml/ produce the Java plugins' alphas on the sample data. */
class ScriptedPortsParityTest {
    private static final Path ROOT =
            Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static MarketData sample;

    @BeforeAll
    static void load() {
        sample = MarketData.load(ROOT.resolve("data/sample/sp500_sample.csv.gz"));
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                Arguments.of("bollinger_mean_reversion.yaml", new BollingerMeanReversionStrategy()),
                Arguments.of("bollinger_mean_reversion.js", new BollingerMeanReversionStrategy()),
                Arguments.of("macd_rsi_confluence.yaml", new MacdRsiConfluenceStrategy()),
                Arguments.of("momentum_rank.yaml", new MomentumRankStrategy()),
                Arguments.of("rsi_reversion.yaml", new RsiReversionStrategy()),
                Arguments.of("bollinger_reversion.yaml", new BollingerReversionStrategy()),
                Arguments.of("sma_cross.yaml", new SmaCrossStrategy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void producesTheJavaPluginsAlphasToOneInATrillion(String file, Strategy java) {
        DefinitionLoader.Loaded loaded =
                DefinitionLoader.shared().load(ROOT.resolve("strategies-yaml/strategies/" + file));
        Strategy script = (Strategy) loaded.component();
        assertThat(script.id()).isEqualTo(java.id() + (file.endsWith(".js") ? "_js" : "_yaml"));
        assertThat(script.describe().horizonDays()).isEqualTo(java.describe().horizonDays());
        AlphaMatrix expected = new AlphaMatrix(sample.symbolCount(), sample.dayCount());
        java.generateAlphaSignals(sample, expected);
        AlphaMatrix actual = new AlphaMatrix(sample.symbolCount(), sample.dayCount());
        script.generateAlphaSignals(sample, actual);
        long views = 0;
        for (int s = 0; s < sample.symbolCount(); s++) {
            for (int d = 0; d < sample.dayCount(); d++) {
                double e = expected.alpha(s)[d], a = actual.alpha(s)[d];
                String where = file + " " + sample.symbols().get(s) + " " + sample.date(d);
                if (Double.isNaN(e)) {
                    assertThat(a).as(where).isNaN();
                    continue;
                }
                views++;
                assertThat(Math.abs(a - e))
                        .as(where + " alpha " + a + " vs " + e)
                        .isLessThanOrEqualTo(1e-12);
                double ec = expected.confidence(s)[d], ac = actual.confidence(s)[d];
                assertThat(Math.abs(ac - ec))
                        .as(where + " confidence " + ac + " vs " + ec)
                        .isLessThanOrEqualTo(1e-12);
            }
        }
        assertThat(views).as("cells with a view").isGreaterThan(sample.symbolCount() * 100L);
    }

    static Stream<Arguments> rulePorts() {
        return Stream.of(
                Arguments.of("rsi_reversion.yaml", new RsiReversionStrategy()),
                Arguments.of("bollinger_reversion.yaml", new BollingerReversionStrategy()),
                Arguments.of("sma_cross.yaml", new SmaCrossStrategy()),
                Arguments.of("bollinger_mean_reversion.yaml", new BollingerMeanReversionStrategy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulePorts")
    void producesTheJavaPluginsLegacySignals(String file, Strategy java) {
        Strategy script = (Strategy) DefinitionLoader.shared()
                .load(ROOT.resolve("strategies-yaml/strategies/" + file))
                .component();
        long trades = 0;
        for (int s = 0; s < sample.symbolCount(); s++) {
            TradeSignal[] e = java.generateSignals(sample, s), a = script.generateSignals(sample, s);
            assertThat(a).as(file + " " + sample.symbols().get(s)).containsExactly(e);
            for (TradeSignal t : e) {
                trades += t == TradeSignal.HOLD ? 0 : 1;
            }
        }
        assertThat(trades).isGreaterThan(sample.symbolCount());
    }
}
