package io.alphaweave.platform.dsl;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;

/**
 * Turns a definition's code into callable functions inside one sandbox. A YAML expression becomes
 * {@code function(i, series, params)} with each series value it mentions bound to a local of the
 * same name (its value at bar {@code i}); the source is padded with blank lines so errors point at
 * the expression's line in the YAML file. A module's exported functions are used as they are.
 */
final class ScriptCode {
    /** Shared helpers every script sees. */
    static final String PRELUDE = "globalThis.clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));";

    /**
     * Freezes the global object, every global value (constructors, namespaces such as {@code Math})
     * with its prototype, and the iterator, generator and typed-array intrinsics: a definition's code
     * runs after this, so it cannot leave state behind in a global or a built-in for its next call
     * (in sloppy code such a write is silently ignored, in strict code it throws).
     */
    static final String LOCKDOWN = """
            (function() {
              'use strict';
              const freeze = Object.freeze, proto = Object.getPrototypeOf, seen = new Set();
              const harden = (o) => {
                if ((typeof o === 'object' || typeof o === 'function') && o !== null && !seen.has(o)) {
                  seen.add(o);
                  freeze(o);
                }
              };
              for (const k of Reflect.ownKeys(globalThis)) {
                const v = Reflect.getOwnPropertyDescriptor(globalThis, k).value;
                if ((typeof v === 'object' || typeof v === 'function') && v !== null) {
                  harden(v);
                  harden(proto(v));
                  if (typeof v === 'function') harden(v.prototype);
                }
              }
              const arrayIterator = proto([][Symbol.iterator]());
              [arrayIterator, proto(arrayIterator), proto(new Map().entries()), proto(new Set().values()),
               proto(''[Symbol.iterator]()), proto(/x/[Symbol.matchAll]('')), proto(function* () {}),
               proto(function* () {}).prototype, proto(async function () {}), proto(async function* () {}),
               proto(Int8Array), proto(Int8Array).prototype].forEach(harden);
              freeze(globalThis);
            })()""";

    /**
     * Runs a per-bar function over the bars of a batch of symbols in one guest call (so the loop is
     * compiled once and stays hot); returns null, or [role, symbol, index, text] for the first value
     * that is not a finite number ({@code null}/{@code undefined} mean "no view"). Each symbol gets
     * its own fresh {@code series} object.
     */
    static final String STRATEGY_DRIVER = """
            (function(alphaFn, confFn, m, counts, names, arrays, pnames, pvalues, outA, outC, ready) {
              /(?:)/.exec(''); // clears the RegExp.lastMatch statics an earlier call left
              const params = {};
              for (let k = 0; k < pnames.length; k++) params[pnames[k]] = pvalues[k];
              Object.freeze(params);
              const bad = (role, s, i, v) => [role, s, i, typeof v === 'number' ? String(v) : typeof v + ' ' + JSON.stringify(v)];
              for (let s = 0; s < m; s++) {
                const n = counts[s], rd = ready[s], oa = outA[s], oc = outC[s], arr = arrays[s];
                const series = {};
                for (let k = 0; k < names.length; k++) series[names[k]] = arr[k];
                for (let i = 0; i < n; i++) {
                  if (!rd[i]) continue;
                  const a = alphaFn(i, series, params);
                  if (a === null || a === undefined) continue;
                  if (typeof a !== 'number' || a !== a || a === Infinity || a === -Infinity) return bad('alpha', s, i, a);
                  let c = 1;
                  if (confFn !== null) {
                    c = confFn(i, series, params);
                    if (typeof c !== 'number' || c !== c || c === Infinity || c === -Infinity) return bad('confidence', s, i, c);
                  }
                  oa[i] = a;
                  oc[i] = c;
                }
              }
              return null;
            })""";

    /** Runs buy/sell rules: out[i] = 1 buy, -1 sell, 0 hold; returns null or [role, index, text]. */
    static final String RULES_DRIVER = """
            (function(buyFn, sellFn, n, names, arrays, pnames, pvalues, out, ready) {
              /(?:)/.exec(''); // clears the RegExp.lastMatch statics an earlier call left
              const series = {};
              for (let k = 0; k < names.length; k++) series[names[k]] = arrays[k];
              const params = {};
              for (let k = 0; k < pnames.length; k++) params[pnames[k]] = pvalues[k];
              Object.freeze(params);
              for (let i = 0; i < n; i++) {
                if (!ready[i]) continue;
                if (buyFn !== null) {
                  const b = buyFn(i, series, params);
                  if (typeof b !== 'boolean') return ['buy', i, typeof b + ' ' + JSON.stringify(b)];
                  if (b) { out[i] = 1; continue; }
                }
                if (sellFn !== null) {
                  const s = sellFn(i, series, params);
                  if (typeof s !== 'boolean') return ['sell', i, typeof s + ' ' + JSON.stringify(s)];
                  if (s) out[i] = -1;
                }
              }
              return null;
            })""";

    private static final Pattern RETURN = Pattern.compile("\\breturn\\b");

    private ScriptCode() {}

    /**
     * Evaluates the definition's code in {@code sandbox}.
     *
     * @param def the definition
     * @param sandbox where
     * @param seriesNames the names a strategy's expressions may use (ignored for modules)
     * @param lockdown whether to freeze the globals first ({@link #LOCKDOWN}); needed for a sandbox
     *     that is reused, not for a one-off compile check
     * @return role → function
     */
    static Map<String, Value> bind(Definition def, Sandbox sandbox, Collection<String> seriesNames, boolean lockdown) {
        sandbox.eval("<prelude>", PRELUDE, false);
        if (lockdown) {
            sandbox.eval("<lockdown>", LOCKDOWN, false);
        }
        Map<String, Value> out = new HashMap<>();
        switch (def.code()) {
            case Definition.Module m -> {
                Value ns = sandbox.eval(def.file(), m.text(), true);
                for (String role : DefinitionParser.ROLES) {
                    Value fn = sandbox.guard(() -> ns.hasMember(role) ? ns.getMember(role) : null);
                    if (fn != null && sandbox.guard(fn::canExecute)) {
                        out.put(role, fn);
                    }
                }
            }
            case Definition.Expressions x -> {
                for (Map.Entry<String, Definition.Expr> e : x.roles().entrySet()) {
                    String role = e.getKey();
                    String src = function(role, e.getValue(), seriesNames);
                    out.put(role, sandbox.eval(def.file(), src, false));
                }
            }
        }
        return out;
    }

    /** The source of one expression's function, padded so its first line is the YAML line. */
    static String function(String role, Definition.Expr expr, Collection<String> seriesNames) {
        StringBuilder b = new StringBuilder();
        b.append("\n".repeat(Math.max(0, expr.line() - 1)));
        String args =
                switch (role) {
                    case "combine" -> "input, out, params";
                    case "allocate" -> "ctx, weights, params";
                    default -> "i, series, params";
                };
        b.append("(function(").append(args).append(") {");
        if (!role.equals("combine") && !role.equals("allocate")) {
            for (String name : seriesNames) {
                if (Pattern.compile("\\b" + name + "\\b").matcher(expr.code()).find()) {
                    b.append("const ")
                            .append(name)
                            .append(" = series.")
                            .append(name)
                            .append("[i];");
                }
            }
        }
        if (RETURN.matcher(expr.code()).find()) {
            b.append(expr.code()).append("\n})");
        } else {
            b.append("return (").append(expr.code()).append("\n);})");
        }
        return b.toString();
    }
}
