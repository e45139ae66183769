package com.example.volume;

import io.alphaweave.api.Strategy;
import io.alphaweave.platform.contract.StrategyContract;

/** The SPI contract kit every strategy must pass, run on the kit's real 12 × 400 panel. */
class VolumeBreakoutContractTest extends StrategyContract {
    @Override
    protected Strategy createStrategy() {
        return new VolumeBreakoutStrategy();
    }
}
