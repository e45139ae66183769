package io.alphaweave.platform.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Small panels and stand-in components for the portfolio tests. */
final class TestPanels {
    private TestPanels() {}

    static LocalDate[] calendar(int days) {
        LocalDate[] calendar = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            calendar[d] = LocalDate.of(2020, 1, 1).plusDays(d);
        }
        return calendar;
    }

    /** A panel from closes [symbol][day] (open = high = low = close), symbols A, B, C, … */
    static MarketData fromCloses(double[][] closes, String... sectors) {
        int n = closes.length;
        List<String> names = new ArrayList<>();
        double[][] volume = new double[n][];
        for (int s = 0; s < n; s++) {
            names.add(name(s));
            volume[s] = new double[closes[s].length];
            java.util.Arrays.fill(volume[s], 1000);
        }
        return new MarketData(
                calendar(closes[0].length),
                names,
                closes,
                closes,
                closes,
                closes,
                volume,
                sectors.length == 0 ? null : sectors);
    }

    static String name(int s) {
        return s < 26 ? String.valueOf((char) ('A' + s)) : "S" + s;
    }

    /** A random-walk panel with occasional missing bars and sectors Sector0..Sector{sectors−1}. */
    static MarketData random(int symbols, int days, int sectors, double missing, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] close = new double[symbols][days];
        String[] sector = new String[symbols];
        for (int s = 0; s < symbols; s++) {
            double price = 50 + 100 * rnd.nextDouble();
            double vol = 0.005 + 0.03 * rnd.nextDouble();
            for (int d = 0; d < days; d++) {
                price *= 1 + vol * rnd.nextGaussian();
                close[s][d] = rnd.nextDouble() < missing ? Double.NaN : price;
            }
            sector[s] = "Sector" + (s % sectors);
        }
        return fromCloses(close, sector);
    }

    static SignalCombiner combiner(String id, BiConsumer<CombinerInput, CombinerOutput> body) {
        return new SignalCombiner() {
            @Override
            public ComponentInfo describe() {
                return new ComponentInfo(id, ComponentKind.COMBINER, "1.0.0", 0, "test", "", List.of());
            }

            @Override
            public SignalCombiner configure(Map<String, ?> params) {
                return this;
            }

            @Override
            public void combine(CombinerInput input, CombinerOutput output) {
                body.accept(input, output);
            }
        };
    }

    /** The first strategy's alpha, all of it contributed by that strategy. */
    static SignalCombiner firstStrategy() {
        return combiner("first", (in, out) -> {
            for (int j = 0; j < in.symbolCount(); j++) {
                double a = in.alpha()[0][j];
                if (!Double.isNaN(a)) {
                    out.combined()[j] = a;
                    out.contribution(0)[j] = a;
                }
            }
        });
    }

    static CapitalAllocator allocator(String id, BiConsumer<AllocationContext, double[]> body) {
        return new CapitalAllocator() {
            @Override
            public ComponentInfo describe() {
                return new ComponentInfo(id, ComponentKind.ALLOCATOR, "1.0.0", 0, "test", "", List.of());
            }

            @Override
            public CapitalAllocator configure(Map<String, ?> params) {
                return this;
            }

            @Override
            public void allocate(AllocationContext context, double[] weights) {
                body.accept(context, weights);
            }
        };
    }

    /** Weights equal to the combined alpha (0 where NaN). */
    static CapitalAllocator alphaAsWeight() {
        return allocator("alpha_as_weight", (ctx, w) -> {
            double[] a = ctx.combinedAlpha();
            for (int i = 0; i < a.length; i++) {
                w[i] = Double.isNaN(a[i]) ? 0.0 : a[i];
            }
        });
    }

    static CombinerInput oneStrategy(MarketData data, int day, double... alpha) {
        double[] confidence = new double[alpha.length];
        java.util.Arrays.fill(confidence, 1.0);
        return new CombinerInput(
                data.date(day),
                data.symbols(),
                List.of("s1"),
                new double[] {1.0},
                new double[][] {alpha.clone()},
                new double[][] {confidence});
    }
}
