package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AlphaDecay} gives bit for bit what {@link StrategyEvaluator#alphaDecay(io.alphaweave.api.MarketView,
 * double[][])} gives, on the real sample panel (50 S&P symbols, some listed late, so some days have
 * fewer forward returns), for every shipped definition's alpha and for alphas with gaps, ties and
 * constant days.
 */
class AlphaDecayTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final MarketData SAMPLE = MarketData.load(ROOT.resolve("data/sample/sp500_sample.csv.gz"));
    static final AlphaDecay DECAY = new AlphaDecay(SAMPLE);

    static Stream<Arguments> alphas() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("strategies-yaml/strategies"))) {
            for (Path f : files.sorted().toList()) {
                if (DefinitionLoader.shared().load(f).component() instanceof Strategy s) {
                    AlphaMatrix m = new AlphaMatrix(SAMPLE.symbolCount(), SAMPLE.dayCount());
                    s.generateAlphaSignals(SAMPLE, m);
                    double[][] alpha = new double[SAMPLE.symbolCount()][];
                    for (int i = 0; i < alpha.length; i++) {
                        alpha[i] = m.alpha(i).clone();
                    }
                    out.add(Arguments.of(f.getFileName().toString(), alpha));
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(20261203L);
        int symbols = SAMPLE.symbolCount(), days = SAMPLE.dayCount();
        double[][] holes = new double[symbols][days];
        double[][] ties = new double[symbols][days];
        double[][] constantDays = new double[symbols][days];
        for (int s = 0; s < symbols; s++) {
            for (int t = 0; t < days; t++) {
                // a view on about 70 % of (symbol, day): each day's sample is a part of the panel's
                holes[s][t] = rnd.nextInt(10) < 7 ? rnd.nextGaussian() : Double.NaN;
                // three levels and signed zeros: many ties in every day's ranks
                ties[s][t] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : rnd.nextInt(3) - 1;
                // every third day the same alpha for every symbol (no IC), one symbol never has a view
                constantDays[s][t] = s == 7 ? Double.NaN : t % 3 == 0 ? 0.5 : rnd.nextDouble() * 2 - 1;
            }
        }
        out.add(Arguments.of("gaps on 30 % of the cells", holes));
        out.add(Arguments.of("ties and signed zeros", ties));
        out.add(Arguments.of("constant days and a symbol without views", constantDays));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alphas")
    void theDecayEqualsTheOneHorizonAtATimeComputationBitForBit(String name, double[][] alpha) {
        List<InformationCoefficient> expected = StrategyEvaluator.alphaDecay(SAMPLE, alpha);

        List<InformationCoefficient> actual = DECAY.of(alpha);

        // record equality compares every double as Double.compare does: bit for bit, NaN equal to NaN
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).extracting(InformationCoefficient::days).allSatisfy(d -> assertThat(d)
                .isPositive());
    }

    @Test
    void aMatrixOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> DECAY.of(new double[3][SAMPLE.dayCount()]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must have one row per symbol (" + SAMPLE.symbolCount() + "), had 3");
    }
}
