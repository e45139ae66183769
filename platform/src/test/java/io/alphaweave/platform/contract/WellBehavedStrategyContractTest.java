package io.alphaweave.platform.contract;

import io.alphaweave.api.Strategy;

/** The kit passes a well-behaved strategy (bulk path overridden, gaps and late listings in the data). */
class WellBehavedStrategyContractTest extends StrategyContract {
    @Override
    protected Strategy createStrategy() {
        return new KitSamples.MomentumStrategy();
    }
}
