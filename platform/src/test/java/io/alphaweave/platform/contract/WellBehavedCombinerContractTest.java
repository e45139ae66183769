package io.alphaweave.platform.contract;

import io.alphaweave.api.SignalCombiner;

/** The kit passes a well-behaved confidence-weighted combiner. */
class WellBehavedCombinerContractTest extends SignalCombinerContract {
    @Override
    protected SignalCombiner createCombiner() {
        return new KitSamples.WeightedCombiner();
    }
}
