package io.alphaweave.platform.contract;

import io.alphaweave.api.CapitalAllocator;

/** The kit passes a well-behaved proportional allocator. */
class WellBehavedAllocatorContractTest extends CapitalAllocatorContract {
    @Override
    protected CapitalAllocator createAllocator() {
        return new KitSamples.ProportionalAllocator();
    }
}
