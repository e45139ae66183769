package io.alphaweave.platform.backtest;

import io.alphaweave.api.MarketView;
import io.alphaweave.platform.evaluation.Fill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fills of one portfolio backtest, stored column by column (no object per fill) in fill order.
 * Read-only once the run is over; use {@link #trades()} or {@link #fills()} for records.
 *
 * <p>Memory: 32 bytes per fill with three strategies, in chunks of {@value #CHUNK} fills (growing
 * never copies what is stored). The fill price and the commission are not stored: they are
 * recomputed from the symbol's open and the costs with the engine's own expressions, so they are
 * the very same doubles. The strategy attribution shares are stored as {@code float} (shares in
 * [0, 1], relative precision 6e-8); everything computed from them inside the engine (the daily
 * strategy contributions) uses the full {@code double} shares.
 */
public final class PortfolioTradeLog {
    /** Fills per chunk: a chunk's columns stay below half a G1 region (no humongous objects). */
    static final int CHUNK = 1 << 15;

    private final MarketView data;
    private final List<String> strategyIds;
    private final int k;
    private final double commissionRate;
    private final double slippageRate;
    private int size;
    private int[][] day = new int[0][];
    private int[][] decisionDay = new int[0][];
    private int[][] symbol = new int[0][];
    private double[][] quantity = new double[0][];
    private float[][] attribution = new float[0][];

    PortfolioTradeLog(MarketView data, List<String> strategyIds, TradingCosts costs) {
        this.data = data;
        this.strategyIds = List.copyOf(strategyIds);
        this.k = strategyIds.size();
        this.commissionRate = costs.commissionBps() / 10_000.0;
        this.slippageRate = costs.slippageBps() / 10_000.0;
    }

    /** The fill price of an order of {@code delta} shares at open {@code o}: slippage against the order. */
    static double fillPrice(double open, double delta, double slippage) {
        return open * (1 + Math.signum(delta) * slippage);
    }

    /** Appends a fill; its strategy shares are {@code attr[at] … attr[at + k − 1]}. */
    void add(int fillDay, int decision, int sym, double qty, double[] attr, int at) {
        int c = size >>> 15, i = size & (CHUNK - 1);
        if (c == day.length) {
            int chunks = c + 1;
            day = Arrays.copyOf(day, chunks);
            decisionDay = Arrays.copyOf(decisionDay, chunks);
            symbol = Arrays.copyOf(symbol, chunks);
            quantity = Arrays.copyOf(quantity, chunks);
            attribution = Arrays.copyOf(attribution, chunks);
            // the first chunk starts small: most runs have few fills
            int len = c == 0 ? 1024 : CHUNK;
            day[c] = new int[len];
            decisionDay[c] = new int[len];
            symbol[c] = new int[len];
            quantity[c] = new double[len];
            attribution[c] = new float[len * k];
        } else if (i == day[c].length) {
            int len = Math.min(CHUNK, i * 4);
            day[c] = Arrays.copyOf(day[c], len);
            decisionDay[c] = Arrays.copyOf(decisionDay[c], len);
            symbol[c] = Arrays.copyOf(symbol[c], len);
            quantity[c] = Arrays.copyOf(quantity[c], len);
            attribution[c] = Arrays.copyOf(attribution[c], len * k);
        }
        day[c][i] = fillDay;
        decisionDay[c][i] = decision;
        symbol[c][i] = sym;
        quantity[c][i] = qty;
        float[] a = attribution[c];
        for (int j = 0; j < k; j++) {
            a[i * k + j] = (float) attr[at + j];
        }
        size++;
    }

    /** @return number of fills */
    public int size() {
        return size;
    }

    /**
     * @param i fill index
     * @return its calendar day index
     */
    public int day(int i) {
        check(i);
        return day[i >>> 15][i & (CHUNK - 1)];
    }

    /**
     * @param i fill index
     * @return its symbol's column index
     */
    public int symbol(int i) {
        check(i);
        return symbol[i >>> 15][i & (CHUNK - 1)];
    }

    /**
     * @param i fill index
     * @return signed shares
     */
    public double quantity(int i) {
        check(i);
        return quantity[i >>> 15][i & (CHUNK - 1)];
    }

    /**
     * @param i fill index
     * @return fill price including slippage
     */
    public double price(int i) {
        return priceAt(check(i));
    }

    /**
     * @param i fill index
     * @return commission paid
     */
    public double commission(int i) {
        return commissionAt(check(i));
    }

    /**
     * @param i fill index
     * @param strategy strategy row
     * @return that strategy's share of the fill, in [0, 1], at float precision (see the class)
     */
    public double attribution(int i, int strategy) {
        check(i);
        return attribution[i >>> 15][(i & (CHUNK - 1)) * k + strategy];
    }

    /**
     * @return every fill as a record, in fill order; attribution shares as the shortest decimal of
     *     their stored float
     */
    public List<PortfolioTrade> trades() {
        List<PortfolioTrade> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Double> attr = new LinkedHashMap<>();
            for (int j = 0; j < k; j++) {
                // the float's shortest decimal (0.33333334), not its widened binary value (0.3333333432674408)
                attr.put(strategyIds.get(j), Double.parseDouble(Float.toString((float) attribution(i, j))));
            }
            out.add(new PortfolioTrade(
                    data.date(day(i)),
                    data.date(decisionDay[i >>> 15][i & (CHUNK - 1)]),
                    data.symbols().get(symbol(i)),
                    quantity(i),
                    priceAt(i),
                    commissionAt(i),
                    attr));
        }
        return out;
    }

    /** @return every fill in the evaluation framework's form, for round trips and trade metrics */
    public List<Fill> fills() {
        List<Fill> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int d = day(i);
            out.add(new Fill(data.date(d), d, data.symbols().get(symbol(i)), quantity(i), priceAt(i), commissionAt(i)));
        }
        return out;
    }

    private double priceAt(int i) {
        int c = i >>> 15, j = i & (CHUNK - 1);
        return fillPrice(data.open(symbol[c][j])[day[c][j]], quantity[c][j], slippageRate);
    }

    private double commissionAt(int i) {
        // the engine's fee: |quantity × fill price| × commission rate
        return Math.abs(quantity(i) * priceAt(i)) * commissionRate;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("fill index " + i + " not in [0, " + size + ")");
        }
        return i;
    }
}
