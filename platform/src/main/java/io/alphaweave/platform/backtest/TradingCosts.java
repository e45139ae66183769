package io.alphaweave.platform.backtest;

/**
 * Execution costs and sizing of a portfolio backtest. Slippage moves the fill price against the
 * order: a buy fills at open × (1 + slippage), a sell at open × (1 − slippage); commission is
 * charged on the traded value at the fill price. Immutable.
 *
 * @param commissionBps commission in basis points of traded value, finite, ≥ 0
 * @param slippageBps slippage in basis points of the open, finite, in [0, 10 000)
 * @param fractional whether fractional shares may be held; when false target quantities are
 *     truncated toward zero to whole shares
 */
public record TradingCosts(double commissionBps, double slippageBps, boolean fractional) {

    /** No costs, fractional shares. */
    public static final TradingCosts NONE = new TradingCosts(0, 0, true);

    /** Validates the costs, naming the config field. */
    public TradingCosts {
        if (!(commissionBps >= 0) || Double.isInfinite(commissionBps)) {
            throw new BacktestConfigException(
                    "execution.commission_bps must be a finite number ≥ 0, was " + commissionBps);
        }
        if (!(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new BacktestConfigException("execution.slippage_bps must be in [0, 10000), was " + slippageBps);
        }
    }
}
