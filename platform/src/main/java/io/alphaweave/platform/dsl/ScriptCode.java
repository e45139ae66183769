package io.alphaweave.platform.dsl;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;

/**
 * Turns a definition's code into callable functions inside one sandbox. A YAML expression becomes
 * {@code function(i, series, params)} with each series value it mentions bound to a local of the
 * same name (its value at bar {@code i}); the generated prologue sits on the source's first line and
 * the expression's own text on the following lines, and {@link #positions} maps every error back to
 * the expression's line and column in the YAML file. A module's exported functions are used as they
 * are.
 */
final class ScriptCode {
    /** Shared helpers every script sees. */
    static final String PRELUDE = "globalThis.clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));";

    /**
     * The allocation meter: wraps every built-in that can create many values in one statement
     * (array and typed-array constructors, copying array and string methods, iterator steps, which
     * spread syntax and {@code Array.from} go through) so each call charges the bytes it creates as
     * the script sees them — 8 per array element or iterated value, 2 per string character, a typed
     * array's byte length — before the work where the size is known up front, after it otherwise.
     * Evaluates to {@code install(over)}, which returns {@code reset(budgetBytes)}; the host calls
     * reset before every call and {@code over(used, budget)} cancels the call. Runs before any other
     * code and before {@link #LOCKDOWN} freezes the wrappers in place. Loops that build values one
     * statement at a time are bounded by the statement budget instead.
     */
    static final String METER = """
            (function(over) {
              'use strict';
              let used = 0, budget = Infinity;
              const apply = Reflect.apply, construct = Reflect.construct, E = 8, C = 2;
              const charge = (bytes) => {
                if (bytes > 0) {
                  used += bytes;
                  if (used > budget) over(used, budget);
                }
              };
              const len = (x) => {
                if (typeof x === 'string') return x.length;
                if ((typeof x === 'object' || typeof x === 'function') && x !== null) {
                  const n = x.length;
                  return typeof n === 'number' && n > 0 ? n : 0;
                }
                return 0;
              };
              const num = (x) => { const n = Number(x); return n > 0 ? n : 0; };
              const sameLength = (w, f) => Object.defineProperty(w, 'length', {value: f.length});
              const before = (o, name, cost) => {
                const f = o[name];
                if (typeof f !== 'function') return;
                o[name] = sameLength({[name]() { charge(cost(this, arguments)); return apply(f, this, arguments); }}[name], f);
              };
              const after = (o, name, cost) => {
                const f = o[name];
                if (typeof f !== 'function') return;
                o[name] = sameLength({[name]() { const r = apply(f, this, arguments); charge(cost(r)); return r; }}[name], f);
              };
              const ctor = (name, cost) => {
                const f = globalThis[name];
                if (typeof f !== 'function') return;
                globalThis[name] = new Proxy(f, {
                  apply(t, self, args) { charge(cost(args)); return apply(t, self, args); },
                  construct(t, args, nt) { charge(cost(args)); return construct(t, args, nt); },
                });
              };
              const A = Array.prototype, S = String.prototype, T = Object.getPrototypeOf(Int8Array.prototype);
              const all = (t) => E * len(t);
              const each = (t, a) => E * a.length;
              ['slice', 'map', 'filter', 'fill', 'toSorted', 'toReversed', 'with'].forEach((m) => before(A, m, all));
              before(A, 'concat', (t, a) => { let n = len(t); for (let k = 0; k < a.length; k++) n += len(a[k]) || 1; return E * n; });
              before(A, 'toSpliced', (t, a) => E * (len(t) + a.length));
              before(A, 'splice', (t, a) => E * (a.length - 2));
              before(A, 'push', each);
              before(A, 'unshift', each);
              after(A, 'flat', (r) => E * len(r));
              after(A, 'flatMap', (r) => E * len(r));
              after(A, 'join', (r) => C * len(r));
              before(Array, 'from', (t, a) => E * len(a[0]));
              before(Array, 'of', each);
              ctor('Array', (a) => E * (a.length === 1 && typeof a[0] === 'number' ? a[0] : a.length));
              before(S, 'repeat', (t, a) => C * len(String(t)) * num(a[0]));
              before(S, 'padStart', (t, a) => C * num(a[0]));
              before(S, 'padEnd', (t, a) => C * num(a[0]));
              ['concat', 'replace', 'replaceAll', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase',
               'toLocaleLowerCase', 'normalize'].forEach((m) => after(S, m, (r) => C * len(r)));
              after(S, 'split', (r) => E * len(r));
              before(String, 'fromCharCode', each);
              before(String, 'fromCodePoint', each);
              ['keys', 'values', 'entries', 'getOwnPropertyNames'].forEach((m) => after(Object, m, (r) => E * len(r)));
              after(JSON, 'stringify', (r) => C * len(r));
              before(JSON, 'parse', (t, a) => E * len(a[0]));
              const step = (it) => { if (it) before(it, 'next', () => E); };
              const proto = Object.getPrototypeOf;
              step(proto([][Symbol.iterator]()));
              step(proto(''[Symbol.iterator]()));
              step(proto(new Map()[Symbol.iterator]()));
              step(proto(new Set()[Symbol.iterator]()));
              step(proto(/x/[Symbol.matchAll]('')));
              ['slice', 'map', 'filter'].forEach((m) => before(T, m, (t) => E * len(t)));
              ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
               'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array']
                .forEach((name) => {
                  const f = globalThis[name];
                  if (typeof f === 'function') ctor(name, (a) => f.BYTES_PER_ELEMENT * (typeof a[0] === 'number' ? a[0] : len(a[0])));
                });
              ctor('ArrayBuffer', (a) => Math.max(num(a[0]), a[1] && typeof a[1] === 'object' ? num(a[1].maxByteLength) : 0));
              return (b) => { used = 0; budget = b; };
            })""";

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
                String[] fileLines = x.text().split("\r?\n", -1);
                for (Map.Entry<String, Definition.Expr> e : x.roles().entrySet()) {
                    String role = e.getKey();
                    Definition.Expr expr = e.getValue();
                    String src = function(role, expr, seriesNames);
                    out.put(role, sandbox.eval(def.file() + "#" + role, src, false, positions(expr, fileLines)));
                }
            }
        }
        return out;
    }

    /**
     * Where a position in {@link #function}'s output is in the YAML file: the expression's own lines
     * start on generated line 2 and keep their columns (found again in the file's line, whatever its
     * indentation); a position in the generated wrapper maps to the end of the expression's last line.
     */
    static Sandbox.Positions positions(Definition.Expr expr, String[] fileLines) {
        String[] codeLines = expr.code().split("\r?\n", -1);
        int last = codeLines.length;
        while (last > 1 && codeLines[last - 1].isBlank()) {
            last--;
        }
        int lastLine = last;
        return new Sandbox.Positions() {
            @Override
            public int[] map(int line, int column) {
                int r = line - 2;
                if (!isUserLine(line)) {
                    int fl = expr.line() + lastLine - 1;
                    return new int[] {fl, Math.max(1, lineLength(fileLines, fl))};
                }
                int fl = expr.line() + r;
                int length = lineLength(fileLines, fl);
                int offset = fl >= 1 && fl <= fileLines.length && !codeLines[r].isEmpty()
                        ? fileLines[fl - 1].indexOf(codeLines[r])
                        : -1;
                int col = offset >= 0 ? offset + column : column;
                return new int[] {fl, Math.max(1, Math.min(col, Math.max(1, length)))};
            }

            @Override
            public boolean isUserLine(int line) {
                return line >= 2 && line - 2 < lastLine;
            }
        };
    }

    private static int lineLength(String[] fileLines, int line) {
        return line >= 1 && line <= fileLines.length ? fileLines[line - 1].length() : 0;
    }

    /**
     * The source of one expression's function: the generated prologue on line 1, the expression's
     * own text from line 2 on ({@link #positions} maps errors back into the YAML file).
     */
    static String function(String role, Definition.Expr expr, Collection<String> seriesNames) {
        StringBuilder b = new StringBuilder();
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
            b.append('\n').append(expr.code()).append("\n})");
        } else {
            b.append("return (\n").append(expr.code()).append("\n);})");
        }
        return b.toString();
    }
}
