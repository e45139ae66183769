package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxTest {
    /** 1 M statements, 64 MiB of built-in allocation and 1 KiB of console per call; a deadline far away. */
    private static final ScriptRuntime.Limits LIMITS =
            ScriptRuntime.Limits.perCall(1_000_000L, Duration.ofMinutes(10), 64L << 20, 1024);

    private static ScriptRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new ScriptRuntime(LIMITS);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Value run(String code) {
        try (Sandbox s = runtime.open("hostile.js")) {
            return s.eval("hostile.js", code, false);
        }
    }

    private static SandboxViolationException.Limit limitHit(String code) {
        try {
            run(code);
        } catch (SandboxViolationException e) {
            return e.limit();
        }
        throw new AssertionError("the script was not stopped: " + code);
    }

    /** After every hostile script the host still evaluates ordinary code. */
    private static void assertHostHealthy() {
        try (Sandbox s = runtime.open("ok.js")) {
            assertThat(s.eval("ok.js", "[1,2,3].map(x => x * 2).reduce((a, b) => a + b)", false)
                            .asInt())
                    .isEqualTo(12);
        }
    }

    @Test
    void evaluatesOrdinaryCode() {
        assertHostHealthy();
    }

    @Test
    void stopsAnEndlessLoopWithTheStatementLimit() {
        assertThatThrownBy(() -> run("let i = 0;\nwhile (true) { i++; }"))
                .isInstanceOf(SandboxViolationException.class)
                .hasMessageContaining("hostile.js:2")
                .hasMessageContaining("more than 1000000 statements")
                .extracting(e -> ((SandboxViolationException) e).limit())
                .isEqualTo(SandboxViolationException.Limit.STATEMENTS);
        assertHostHealthy();
    }

    @Test
    void stopsAnEmptyEndlessLoop() {
        assertThat(limitHit("while(true){}")).isEqualTo(SandboxViolationException.Limit.STATEMENTS);
        assertHostHealthy();
    }

    @Test
    void givesACallOverMoreItemsProportionallyMoreStatements() {
        ScriptRuntime.Limits scaled = new ScriptRuntime.Limits(1_000, 1_000, 1L << 20, 0, 0, Duration.ofMinutes(10));
        String loop = "let n = 0; for (let k = 0; k < 5000; k++) { n += k; } n";
        try (Sandbox one = runtime.open("scaled.js", scaled, 1)) {
            assertThatThrownBy(() -> one.eval("scaled.js", loop, false))
                    .isInstanceOf(SandboxViolationException.class)
                    .hasMessageContaining("more than 2000 statements");
        }
        try (Sandbox many = runtime.open("scaled.js", scaled, 60)) {
            // 60 items round up to 64: 1 000 + 64 × 1 000 statements
            assertThat(many.budget().statements()).isEqualTo(65_000);
            assertThat(many.eval("scaled.js", loop, false).asLong()).isEqualTo(5000L * 4999 / 2);
        }
    }

    @Test
    void runsTheClassicCatastrophicRegularExpressionInLinearTime() {
        // TRegex matches backreference-free patterns with an automaton: no exponential backtracking
        assertThat(run("/(a+)+$/.test('a'.repeat(5000) + '!')").asBoolean()).isFalse();
        assertHostHealthy();
    }

    @Test
    void stopsABacktrackingRegularExpressionAtTheDeadline() {
        // the watchdog reads a clock that moves one second per reading: the deadline passes within a few
        // polls however loaded the machine, and the match (2^40 steps) could not end on its own
        AtomicLong now = new AtomicLong();
        try (ScriptRuntime clocked = new ScriptRuntime(
                        ScriptRuntime.Limits.perCall(1_000_000L, Duration.ofSeconds(5), 64L << 20, 1024),
                        ScriptRuntime.Limits.perCall(1_000_000L, Duration.ofSeconds(5), 64L << 20, 1024),
                        () -> now.addAndGet(1_000_000_000L));
                Sandbox s = clocked.open("hostile.js")) {
            assertThatThrownBy(() -> s.eval("hostile.js", "/^(a+)+\\1$/.test('a'.repeat(40) + '!')", false))
                    .isInstanceOf(SandboxViolationException.class)
                    .hasMessageContaining("longer than 6000 ms")
                    .extracting(e -> ((SandboxViolationException) e).limit())
                    .isEqualTo(SandboxViolationException.Limit.DEADLINE);
        }
        assertHostHealthy();
    }

    @Test
    void stopsAMemoryBombAtTheAllocationBudget() {
        assertThatThrownBy(() -> run("const a = [];\nfor (;;) a.push(new Array(1e5).fill(1));"))
                .isInstanceOf(SandboxViolationException.class)
                .hasMessageContaining("hostile.js:2")
                .hasMessageContaining("over its budget of 64.0 MiB")
                .extracting(e -> ((SandboxViolationException) e).limit())
                .isEqualTo(SandboxViolationException.Limit.ALLOCATION);
        assertHostHealthy();
    }

    @Test
    void stopsEveryKindOfBulkAllocationTheSameWay() {
        Map<String, String> bombs = Map.of(
                "string doubling", "let s = 'x';\nfor (;;) { s = s.repeat(2); }",
                "array doubling by spread", "let a = [1];\nfor (;;) { a = [...a, ...a]; }",
                "array doubling by concat", "let a = [1];\nfor (;;) { a = a.concat(a); }",
                "a huge array at once", "const a = new Array(2 ** 30);",
                "typed arrays", "const keep = [];\nfor (;;) keep.push(new Float64Array(1 << 20));",
                "strings padded at once", "const s = ''.padStart(1 << 28, 'x');",
                "a spread of a long string", "let s = 'ab';\nfor (let k = 0; k < 22; k++) s += s;\nconst a = [...s];",
                "push with spread arguments", "const a = [1];\nfor (;;) a.push(...a.slice(0, 1000));");
        // a 4 MiB budget: each bomb is stopped early
        ScriptRuntime.Limits small = ScriptRuntime.Limits.perCall(1_000_000L, Duration.ofMinutes(10), 4L << 20, 0);
        bombs.forEach((name, code) -> {
            try (Sandbox s = runtime.open("bomb.js", small, 0)) {
                assertThatThrownBy(() -> s.eval("bomb.js", code, false))
                        .as(name)
                        .isInstanceOf(SandboxViolationException.class)
                        .extracting(e -> ((SandboxViolationException) e).limit())
                        .isEqualTo(SandboxViolationException.Limit.ALLOCATION);
            }
        });
        assertHostHealthy();
    }

    @Test
    void aGuestCatchBlockCannotSwallowAViolation() {
        assertThat(limitHit("try { const a = []; for (;;) a.push(new Array(1e5).fill(1)); } catch (e) {}\n1"))
                .isEqualTo(SandboxViolationException.Limit.ALLOCATION);
        assertThat(limitHit("for (;;) { try { while (true) {} } catch (e) {} }"))
                .isEqualTo(SandboxViolationException.Limit.STATEMENTS);
    }

    @Test
    void chargesExactlyTheBytesTheScriptCreates() {
        ScriptRuntime.Limits oneMiB = ScriptRuntime.Limits.perCall(1_000_000L, Duration.ofMinutes(10), 1L << 20, 0);
        // new Array(65536) is 512 KiB and fill() writes 512 KiB more: exactly the budget, not over it
        String exact = "(() => { const a = new Array(65536).fill(0); return a.length; })()";
        try (Sandbox s = runtime.open("exact.js", oneMiB, 0)) {
            assertThat(s.eval("exact.js", exact, false).asInt()).isEqualTo(65536);
            // the budget is per call: the next call starts from zero again
            assertThat(s.eval("exact.js", exact, false).asInt()).isEqualTo(65536);
        }
        try (Sandbox s = runtime.open("exact.js", oneMiB, 0)) {
            // one element more is over
            assertThatThrownBy(() -> s.eval("exact.js", exact + "; [].push(1)", false))
                    .isInstanceOf(SandboxViolationException.class)
                    .hasMessageContaining("created 1.0 MiB");
        }
    }

    @Test
    void givesTheSameVerdictAndLocationForTheSameHostileScriptEveryTime() {
        List<String> verdicts = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            try {
                run(
                        "const a = [];\nlet s = 'x';\nfor (let k = 0; ; k++) { a.push(k); if (k % 1000 == 0) s = s + 'y'; }");
                verdicts.add("ok");
            } catch (SandboxViolationException e) {
                verdicts.add(e.limit() + " " + e.getMessage());
            } catch (ScriptException e) {
                verdicts.add("error " + e.getMessage());
            }
        }
        assertThat(verdicts).hasSize(5).allMatch(v -> v.equals(verdicts.get(0)));
        assertThat(verdicts.get(0)).startsWith("STATEMENTS hostile.js:3:");
    }

    @Test
    void stopsUnboundedRecursion() {
        assertThatThrownBy(() -> run("function f(n) { return f(n + 1) + 1; }\nf(0);"))
                .isInstanceOf(SandboxViolationException.class)
                .hasMessageContaining("hostile.js:1")
                .extracting(e -> ((SandboxViolationException) e).limit())
                .isEqualTo(SandboxViolationException.Limit.STACK);
        assertHostHealthy();
    }

    @Test
    void deniesJavaTypeLookup() {
        assertThatThrownBy(() -> run("\nJava.type('java.lang.Runtime').getRuntime().exec('id')"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("hostile.js:2");
        assertHostHealthy();
    }

    @Test
    void deniesLoadingFiles() {
        assertThatThrownBy(() -> run("load('/etc/passwd')"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("hostile.js:1")
                .hasMessageNotContaining("root:");
        assertHostHealthy();
    }

    @Test
    void deniesPolyglotEval() {
        assertThatThrownBy(() -> run("Polyglot.eval('python', 'print(1)')"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("hostile.js:1");
        assertHostHealthy();
    }

    @Test
    void capsAFloodOfConsoleOutput() {
        try (Sandbox s = runtime.open("flood.js")) {
            s.eval("flood.js", "for (let i = 0; i < 5000; i++) console.log('spam spam spam ' + i);", false);
            String out = s.console();
            assertThat(out).startsWith("spam spam spam 0\n").contains("[console output truncated: ");
            assertThat(out.length()).isLessThan(1024 + 100);
        }
        assertHostHealthy();
    }

    @Test
    void sharesNoGlobalsBetweenSandboxes() {
        try (Sandbox a = runtime.open("a.js");
                Sandbox b = runtime.open("b.js")) {
            a.eval("a.js", "globalThis.leak = 42; var leak2 = 43; Object.prototype.polluted = 1;", false);
            assertThat(b.eval("b.js", "typeof leak + ',' + typeof leak2 + ',' + ({}).polluted", false)
                            .asString())
                    .isEqualTo("undefined,undefined,undefined");
        }
    }

    @Test
    void keepsTheMeteredBuiltInsBehavingAsTheStandardSays() {
        Value v = run("""
                const a = new Array(3).fill(1);
                const b = Array.from({length: 2}, (_, k) => k);
                const c = [...'ab', ...new Set([1, 1, 2])];
                [a instanceof Array, Array.isArray(b), a.concat(b).length, c.join(''), 'x'.repeat(3),
                 new Float64Array([1, 2]).length, Array.prototype.push.length, [1, 2].slice(1)[0],
                 Array(2).length, Array.of(7, 8).length].join(',')""");
        assertThat(v.asString()).isEqualTo("true,true,5,ab12,xxx,2,1,2,2,2");
    }

    @Test
    void reportsAThrownErrorWithFileAndLine() {
        assertThatThrownBy(() -> run("const x = 1;\n\nthrow new Error('boom');"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("hostile.js:3:7: Error: boom");
    }

    @Test
    void reportsASyntaxErrorWithFileAndLineAndNoEmbeddedSource() {
        assertThatThrownBy(() -> run("const x = ;"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("hostile.js:1:")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((ScriptException) e).column()).isBetween(1, "const x = ;".length()));
    }
}
