package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.Strategy;
import io.alphaweave.platform.contract.StrategyContract;
import org.junit.jupiter.api.Nested;

/** Every strategy of the plugin keeps the SPI contract (platform's contract kit, on real data). */
class CoreStrategiesContractTest {

    @Nested
    class RsiReversion extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new RsiReversionStrategy();
        }
    }

    @Nested
    class BollingerReversion extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new BollingerReversionStrategy();
        }
    }

    @Nested
    class SmaCross extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new SmaCrossStrategy();
        }
    }

    @Nested
    class BollingerMeanReversion extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new BollingerMeanReversionStrategy();
        }
    }

    @Nested
    class MacdRsiConfluence extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new MacdRsiConfluenceStrategy();
        }
    }

    @Nested
    class MomentumRank extends StrategyContract {
        @Override
        protected Strategy createStrategy() {
            return new MomentumRankStrategy().configure(java.util.Map.of("lookback", 60));
        }
    }
}
