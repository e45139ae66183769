package io.alphaweave.platform.dsl;

import io.alphaweave.api.ParameterSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A static proof that a YAML definition's alpha and confidence expressions are point-in-time, so the
 * run-based {@link LookaheadCheck} has nothing to find: the expressions read market data only as
 * {@code series.NAME[i]} or {@code series.NAME[i - K]} (K a non-negative integer literal, or an
 * integer parameter declared with a minimum ≥ 0) or through
 * the bound locals (each {@code series.NAME[i]}), never change {@code i}, and can keep no state from one
 * call to the next (no member access but on {@code series}, {@code params}, {@code Math} and {@code
 * Number}, no brackets but those reads, no assignment but to their own {@code let/const/var} locals, no
 * functions, objects, strings or {@code this}/{@code arguments}). The series themselves come from the
 * host's causal kernels (bars, and indicators computed from bars up to each bar). Whatever the proof
 * does not recognise is left to the run-based check: it may fail to prove a point-in-time expression,
 * never prove one that is not. Stateless; thread-safe.
 */
final class PointInTimeProof {
    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "else",
            "return",
            "const",
            "let",
            "var",
            "for",
            "while",
            "do",
            "break",
            "continue",
            "true",
            "false",
            "null",
            "undefined",
            "typeof",
            "NaN",
            "Infinity");
    private static final Set<String> DECLARE = Set.of("const", "let", "var");
    private static final Set<String> CALLABLE = Set.of("clamp", "isNaN", "isFinite");
    private static final Set<String> MATH = Set.of(
            "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh",
            "exp", "expm1", "floor", "fround", "hypot", "imul", "log", "log10", "log1p", "log2", "max", "min", "pow",
            "round", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "E", "LN10", "LN2", "LOG10E", "LOG2E", "PI",
            "SQRT1_2", "SQRT2");
    private static final Set<String> NUMBER = Set.of(
            "isFinite",
            "isInteger",
            "isNaN",
            "isSafeInteger",
            "EPSILON",
            "MAX_SAFE_INTEGER",
            "MAX_VALUE",
            "MIN_SAFE_INTEGER",
            "MIN_VALUE",
            "NEGATIVE_INFINITY",
            "POSITIVE_INFINITY",
            "NaN");
    private static final Set<String> ASSIGN =
            Set.of("=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=");
    private static final List<String> PUNCTUATORS = List.of(
            ">>>=", "===", "!==", "**=", "<<=", ">>=", ">>>", "==", "!=", "<=", ">=", "&&", "||", "??", "++", "--",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "?.", "=>", "+", "-", "*", "/", "%", "<",
            ">", "=", "!", "&", "|", "^", "~", "?", ":", "(", ")", "{", "}", "[", "]", ";", ",", ".");
    private static final Set<String> NOT_ALLOWED = Set.of("?.", "=>", "??");

    private PointInTimeProof() {}

    /**
     * @param def a definition
     * @param seriesNames the series its expressions may use (bar fields and indicator outputs)
     * @return null when the definition is proved point-in-time, else what stops the proof (for people)
     */
    static String obstacle(Definition def, List<String> seriesNames) {
        if (!(def.code() instanceof Definition.Expressions x)) {
            return "a JavaScript module can keep state between calls";
        }
        Set<String> params = new HashSet<>(), lags = new HashSet<>();
        for (ParameterSpec p : def.info().parameters()) {
            params.add(p.name());
            if (p.type() == ParameterSpec.Type.INT && p.min() != null && p.min() >= 0) {
                lags.add(p.name());
            }
        }
        Set<String> series = Set.copyOf(seriesNames);
        for (Map.Entry<String, Definition.Expr> e : x.roles().entrySet()) {
            if (!e.getKey().equals("alpha") && !e.getKey().equals("confidence")) {
                continue;
            }
            String why = obstacle(e.getValue().code(), series, params, lags);
            if (why != null) {
                return e.getKey() + ": " + why;
            }
        }
        return x.roles().containsKey("alpha") ? null : "no alpha expression";
    }

    /**
     * @param code one expression's text (a body of statements or an expression)
     * @param series the series names bound as locals and readable as {@code series.NAME[…]}
     * @param params the declared parameter names
     * @param lags the integer parameters declared with a minimum ≥ 0 (values are checked against it), usable
     *     as K in {@code series.NAME[i - params.K]}
     * @return null when proved, else the first obstacle
     */
    static String obstacle(String code, Set<String> series, Set<String> params, Set<String> lags) {
        List<String> t = tokens(code);
        if (t == null) {
            return "a character the proof does not read (strings, escapes, regular expressions, comments are"
                    + " left to the run-based check)";
        }
        Set<String> locals = new HashSet<>();
        for (int k = 0; k + 1 < t.size(); k++) {
            if (DECLARE.contains(t.get(k))) {
                String name = t.get(k + 1);
                if (!identifier(name) || special(name, series) || KEYWORDS.contains(name)) {
                    return "declares " + name;
                }
                locals.add(name);
            }
        }
        int open = 0;
        for (int k = 0; k < t.size(); k++) {
            String tok = t.get(k);
            String prev = k > 0 ? t.get(k - 1) : "";
            String next = k + 1 < t.size() ? t.get(k + 1) : "";
            if (NOT_ALLOWED.contains(tok)) {
                return "uses " + tok;
            }
            if (tok.equals("?")) {
                open++;
            } else if (tok.equals(":")) {
                if (--open < 0) {
                    return "a ':' outside a conditional expression (an object, label or case)";
                }
            } else if (tok.equals("[") || tok.equals("]") || tok.equals(".")) {
                return "a '" + tok + "' that is not a read of series.NAME[i] or series.NAME[i - K]";
            } else if (ASSIGN.contains(tok)) {
                if (!locals.contains(prev) || (k >= 2 && t.get(k - 2).equals("."))) {
                    return "assigns to " + prev;
                }
            } else if (tok.equals("++") || tok.equals("--")) {
                if (!(locals.contains(prev) || locals.contains(next))) {
                    return "applies " + tok + " to something other than its own local";
                }
            } else if (tok.equals("series")) {
                // series . NAME [ i ] or series . NAME [ i - K ]
                int end = seriesRead(t, k, series, lags);
                if (end < 0) {
                    return "reads series other than as series.NAME[i] or series.NAME[i - K]";
                }
                k = end;
            } else if (tok.equals("params")) {
                if (!next.equals(".") || k + 2 >= t.size() || !params.contains(t.get(k + 2))) {
                    return "uses params other than as params.NAME of a declared parameter";
                }
                String after = k + 3 < t.size() ? t.get(k + 3) : "";
                if (changes(prev, after) || after.equals(".") || after.equals("[") || after.equals("(")) {
                    return "uses params." + t.get(k + 2) + " other than as a value";
                }
                k += 2;
            } else if (tok.equals("Math") || tok.equals("Number")) {
                Set<String> members = tok.equals("Math") ? MATH : NUMBER;
                if (!next.equals(".") || k + 2 >= t.size() || !members.contains(t.get(k + 2))) {
                    return "uses " + tok + " other than as one of its functions or constants";
                }
                String after = k + 3 < t.size() ? t.get(k + 3) : "";
                if (changes(prev, after) || after.equals(".") || after.equals("[")) {
                    return "uses " + tok + "." + t.get(k + 2) + " other than as a function or constant";
                }
                k += 2;
            } else if (tok.equals("i")) {
                if (changes(prev, next)) {
                    return "changes i";
                }
            } else if (identifier(tok)) {
                boolean known = KEYWORDS.contains(tok) || locals.contains(tok) || series.contains(tok);
                if (CALLABLE.contains(tok)) {
                    if (!next.equals("(")) {
                        return "uses " + tok + " other than by calling it";
                    }
                } else if (!known) {
                    return "uses " + tok;
                }
                if (series.contains(tok) && changes(prev, next)) {
                    return "changes " + tok;
                }
            } else if (Character.isDigit(tok.charAt(0))) {
                continue;
            }
        }
        return open == 0 ? null : "an unbalanced conditional expression";
    }

    /** @return the index of the closing bracket of a proved read starting at {@code k}, or −1 */
    private static int seriesRead(List<String> t, int k, Set<String> series, Set<String> lags) {
        if (k > 0
                && (t.get(k - 1).equals(".")
                        || t.get(k - 1).equals("++")
                        || t.get(k - 1).equals("--"))) {
            return -1;
        }
        if (k + 5 >= t.size()
                || !t.get(k + 1).equals(".")
                || !series.contains(t.get(k + 2))
                || !t.get(k + 3).equals("[")
                || !t.get(k + 4).equals("i")) {
            return -1;
        }
        int close;
        if (t.get(k + 5).equals("]")) {
            close = k + 5;
        } else if (k + 7 < t.size()
                && t.get(k + 5).equals("-")
                && t.get(k + 6).chars().allMatch(Character::isDigit)
                && t.get(k + 7).equals("]")) {
            close = k + 7;
        } else if (k + 9 < t.size()
                && t.get(k + 5).equals("-")
                && t.get(k + 6).equals("params")
                && t.get(k + 7).equals(".")
                && lags.contains(t.get(k + 8))
                && t.get(k + 9).equals("]")) {
            close = k + 9;
        } else {
            return -1;
        }
        String after = close + 1 < t.size() ? t.get(close + 1) : "";
        if (ASSIGN.contains(after)
                || after.equals("++")
                || after.equals("--")
                || after.equals("[")
                || after.equals(".")
                || after.equals("(")) {
            return -1;
        }
        return close;
    }

    private static boolean changes(String prev, String next) {
        return ASSIGN.contains(next)
                || next.equals("++")
                || next.equals("--")
                || prev.equals("++")
                || prev.equals("--");
    }

    private static boolean special(String name, Set<String> series) {
        return name.equals("i")
                || name.equals("series")
                || name.equals("params")
                || name.equals("Math")
                || name.equals("Number")
                || CALLABLE.contains(name)
                || series.contains(name);
    }

    private static boolean identifier(String tok) {
        if (tok.isEmpty() || !(Character.isLetter(tok.charAt(0)) || tok.charAt(0) == '_')) {
            return false;
        }
        return tok.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'));
    }

    /** ASCII identifiers, decimal numbers and punctuators; null on anything else. */
    static List<String> tokens(String code) {
        List<String> out = new ArrayList<>();
        int n = code.length();
        int k = 0;
        outer:
        while (k < n) {
            char c = code.charAt(k);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                k++;
                continue;
            }
            if (c < 128 && (Character.isLetter(c) || c == '_')) {
                int s = k;
                while (k < n
                        && code.charAt(k) < 128
                        && (Character.isLetterOrDigit(code.charAt(k)) || code.charAt(k) == '_')) {
                    k++;
                }
                out.add(code.substring(s, k));
                continue;
            }
            if (c >= '0' && c <= '9') {
                int s = k;
                while (k < n && Character.isDigit(code.charAt(k)) && code.charAt(k) < 128) {
                    k++;
                }
                if (k + 1 < n && code.charAt(k) == '.' && Character.isDigit(code.charAt(k + 1))) {
                    k++;
                    while (k < n && code.charAt(k) >= '0' && code.charAt(k) <= '9') {
                        k++;
                    }
                }
                if (k < n && (code.charAt(k) == 'e' || code.charAt(k) == 'E')) {
                    int e = k + 1;
                    if (e < n && (code.charAt(e) == '+' || code.charAt(e) == '-')) {
                        e++;
                    }
                    if (e < n && code.charAt(e) >= '0' && code.charAt(e) <= '9') {
                        k = e;
                        while (k < n && code.charAt(k) >= '0' && code.charAt(k) <= '9') {
                            k++;
                        }
                    }
                }
                if (k < n && (Character.isLetter(code.charAt(k)) || code.charAt(k) == '_' || code.charAt(k) == '.')) {
                    return null; // 0x1, 1n, 1.e5, 5.toString…
                }
                out.add(code.substring(s, k));
                continue;
            }
            if (c == '/' && k + 1 < n && (code.charAt(k + 1) == '/' || code.charAt(k + 1) == '*')) {
                return null;
            }
            for (String p : PUNCTUATORS) {
                if (code.startsWith(p, k)) {
                    out.add(p);
                    k += p.length();
                    continue outer;
                }
            }
            return null;
        }
        return out;
    }
}
