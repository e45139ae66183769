package io.alphaweave.platform.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One recoverable defect found while loading market data, and how it was handled. Immutable.
 *
 * @param kind what is wrong; {@link Kind#handling()} says what the loader did about it
 * @param symbol the affected symbol; never null
 * @param date the affected trading day; never null
 * @param file the file the row came from, as given to the loader; never null
 * @param line the 1-based line of the row in {@code file} (for {@link Kind#MISSING_DAY} the line of
 *     the symbol's next bar after the gap), ≥ 1
 * @param reason the values involved, one line; never null
 */
public record DataDefect(Kind kind, String symbol, LocalDate date, String file, int line, String reason) {

    /** Checks nulls and the line number. */
    public DataDefect {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be ≥ 1, was " + line);
        }
    }

    /** The defects the loaders recognise, each with its fixed handling rule. */
    public enum Kind {
        /**
         * {@code open}, {@code high} or {@code low} is empty (or {@code null}): repaired — an empty
         * open becomes the row's close; an empty high becomes max(open, close), an empty low
         * min(open, close).
         */
        EMPTY_PRICE("repaired: open := close, empty high/low := max/min(open, close)"),
        /** {@code close} is empty: the row is dropped (the day has no bar). */
        EMPTY_CLOSE("row dropped"),
        /** A price is zero or negative: the row is dropped (the day has no bar). */
        NON_POSITIVE_PRICE("row dropped"),
        /** {@code volume} is empty: the bar is kept with volume {@code NaN}. */
        EMPTY_VOLUME("kept, volume NaN"),
        /** {@code volume} is negative: the row is dropped. */
        NEGATIVE_VOLUME("row dropped"),
        /** {@code volume} is 0: kept as is. */
        ZERO_VOLUME("kept"),
        /**
         * high/low do not contain open and close (or high &lt; low): repaired — high := max(open,
         * high, low, close), low := min(open, high, low, close).
         */
        HIGH_LOW_INCONSISTENT("repaired: high/low widened to contain open and close"),
        /**
         * A calendar day (a day some other symbol traded) between the symbol's first and last bar
         * has no bar: left as no bar ({@code NaN}).
         */
        MISSING_DAY("left as no bar (NaN)"),
        /**
         * A bad print: the close moves ≥ 15% and the next close moves ≥ 15% back, ending within 10%
         * of the close before the spike. Kept as is.
         */
        SPIKE_REVERSAL("kept (suspected bad print)"),
        /**
         * |close / previous close − 1| &gt; 40% that is not part of a spike reversal (e.g. an
         * unadjusted split or spin-off). Kept as is.
         */
        SUSPICIOUS_JUMP("kept (check for an unadjusted corporate action)"),
        /** The sector file has no entry for the symbol: kept, sector unknown ({@code null}). */
        MISSING_SECTOR("kept, sector unknown");

        private final String handling;

        Kind(String handling) {
            this.handling = handling;
        }

        /** @return what the loader did about a defect of this kind, one short phrase */
        public String handling() {
            return handling;
        }
    }
}
