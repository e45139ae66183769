package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.contract.SignalCombinerContract;

class ConfidenceWeightedCombinerContractTest extends SignalCombinerContract {
    @Override
    protected SignalCombiner createCombiner() {
        return new ConfidenceWeightedCombiner();
    }
}
