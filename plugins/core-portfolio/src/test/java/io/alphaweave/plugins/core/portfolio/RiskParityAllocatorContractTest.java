package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.platform.contract.CapitalAllocatorContract;

class RiskParityAllocatorContractTest extends CapitalAllocatorContract {
    @Override
    protected CapitalAllocator createAllocator() {
        return new RiskParityAllocator();
    }
}
