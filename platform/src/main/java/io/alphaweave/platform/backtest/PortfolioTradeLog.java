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
 */
public final class PortfolioTradeLog {
    private final MarketView data;
    private final List<String> strategyIds;
    private final int k;
    private int size;
    private int[] day = new int[256];
    private int[] decisionDay = new int[256];
    private int[] symbol = new int[256];
    private double[] quantity = new double[256];
    private double[] price = new double[256];
    private double[] commission = new double[256];
    private double[] attribution;

    PortfolioTradeLog(MarketView data, List<String> strategyIds) {
        this.data = data;
        this.strategyIds = List.copyOf(strategyIds);
        this.k = strategyIds.size();
        this.attribution = new double[256 * k];
    }

    void add(int fillDay, int decision, int sym, double qty, double px, double comm, double[][] attr, int attrColumn) {
        if (size == day.length) {
            int n = size * 2;
            day = Arrays.copyOf(day, n);
            decisionDay = Arrays.copyOf(decisionDay, n);
            symbol = Arrays.copyOf(symbol, n);
            quantity = Arrays.copyOf(quantity, n);
            price = Arrays.copyOf(price, n);
            commission = Arrays.copyOf(commission, n);
            attribution = Arrays.copyOf(attribution, n * k);
        }
        day[size] = fillDay;
        decisionDay[size] = decision;
        symbol[size] = sym;
        quantity[size] = qty;
        price[size] = px;
        commission[size] = comm;
        for (int j = 0; j < k; j++) {
            attribution[size * k + j] = attr[j][attrColumn];
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
        return day[check(i)];
    }

    /**
     * @param i fill index
     * @return its symbol's column index
     */
    public int symbol(int i) {
        return symbol[check(i)];
    }

    /**
     * @param i fill index
     * @return signed shares
     */
    public double quantity(int i) {
        return quantity[check(i)];
    }

    /**
     * @param i fill index
     * @return fill price including slippage
     */
    public double price(int i) {
        return price[check(i)];
    }

    /**
     * @param i fill index
     * @return commission paid
     */
    public double commission(int i) {
        return commission[check(i)];
    }

    /**
     * @param i fill index
     * @param strategy strategy row
     * @return that strategy's share of the fill
     */
    public double attribution(int i, int strategy) {
        return attribution[check(i) * k + strategy];
    }

    /** @return every fill as a record, in fill order */
    public List<PortfolioTrade> trades() {
        List<PortfolioTrade> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Double> attr = new LinkedHashMap<>();
            for (int j = 0; j < k; j++) {
                attr.put(strategyIds.get(j), attribution[i * k + j]);
            }
            out.add(new PortfolioTrade(
                    data.date(day[i]),
                    data.date(decisionDay[i]),
                    data.symbols().get(symbol[i]),
                    quantity[i],
                    price[i],
                    commission[i],
                    attr));
        }
        return out;
    }

    /** @return every fill in the evaluation framework's form, for round trips and trade metrics */
    public List<Fill> fills() {
        List<Fill> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Fill(
                    data.date(day[i]), day[i], data.symbols().get(symbol[i]), quantity[i], price[i], commission[i]));
        }
        return out;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("fill index " + i + " not in [0, " + size + ")");
        }
        return i;
    }
}
