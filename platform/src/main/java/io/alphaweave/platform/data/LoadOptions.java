package io.alphaweave.platform.data;

/**
 * How a market-data load treats what the file itself does not say. Immutable.
 *
 * @param symbol the symbol of a per-symbol file (one without a {@code Name} column), overriding the
 *     one taken from the file name (see {@link MarketData#symbolFromFileName}); null to take it from
 *     the file name. Giving one for a file with a {@code Name} column, or for a directory, is an
 *     error.
 * @param dropBadRows false (the default): any unreadable row stops the load with a {@link
 *     BadRowsException} that lists every such row; true: unreadable rows are dropped and listed in
 *     {@link DataQualityReport#badRows()} (see {@link BadRow} for what counts as one)
 * @param maxListed how many bad rows a {@link BadRowsException} message lists before it only
 *     counts the rest, ≥ 1
 */
public record LoadOptions(String symbol, boolean dropBadRows, int maxListed) {
    /** Symbol from the file name, bad rows stop the load, up to 20 listed. */
    public static final LoadOptions DEFAULT = new LoadOptions(null, false, 20);

    /** Checks the symbol and the cap. */
    public LoadOptions {
        if (symbol != null && (symbol.isBlank() || symbol.contains(","))) {
            throw new IllegalArgumentException(
                    "symbol must be a ticker such as AAPL (not blank, no comma), was \"" + symbol + "\"");
        }
        if (maxListed < 1) {
            throw new IllegalArgumentException("maxListed must be ≥ 1, was " + maxListed);
        }
    }

    /**
     * @param symbol the symbol of a per-symbol file, or null for the one from the file name
     * @return these options with that symbol
     */
    public LoadOptions withSymbol(String symbol) {
        return new LoadOptions(symbol, dropBadRows, maxListed);
    }

    /**
     * @param drop whether unreadable rows are dropped (and reported) instead of stopping the load
     * @return these options with that choice
     */
    public LoadOptions withDropBadRows(boolean drop) {
        return new LoadOptions(symbol, drop, maxListed);
    }
}
