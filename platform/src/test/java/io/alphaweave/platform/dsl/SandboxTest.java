package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxTest {
    private static ScriptRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new ScriptRuntime(new ScriptRuntime.Limits(1_000_000L, Duration.ofSeconds(5), 64L << 20, 1024));
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
        System.out.println("runtime: " + runtime.implementationName() + " optimizing=" + runtime.optimizing());
    }

    @Test
    void stopsAnEndlessLoopWithTheStatementLimit() {
        assertThatThrownBy(() -> run("let i = 0;\nwhile (true) { i++; }"))
                .isInstanceOf(SandboxViolationException.class)
                .hasMessageContaining("hostile.js")
                .hasMessageContaining("statements")
                .extracting(e -> ((SandboxViolationException) e).limit())
                .isEqualTo(SandboxViolationException.Limit.STATEMENTS);
        assertHostHealthy();
    }

    @Test
    void stopsAnEmptyEndlessLoop() {
        assertThatThrownBy(() -> run("while(true){}")).isInstanceOf(SandboxViolationException.class);
        assertHostHealthy();
    }

    @Test
    void runsTheClassicCatastrophicRegularExpressionInLinearTime() {
        // TRegex matches backreference-free patterns with an automaton: no exponential backtracking
        assertThat(run("/(a+)+$/.test('a'.repeat(5000) + '!')").asBoolean()).isFalse();
        assertHostHealthy();
    }

    @Test
    void stopsABacktrackingRegularExpressionAtTheDeadline() {
        long t0 = System.nanoTime();
        // a backreference forces the backtracking matcher: exponential in the number of a's; the
        // matcher allocates as it backtracks, so the budget is large enough for the deadline to act
        try (ScriptRuntime roomy = new ScriptRuntime(
                        new ScriptRuntime.Limits(1_000_000L, Duration.ofSeconds(5), 16L << 30, 1024));
                Sandbox s = roomy.open("hostile.js")) {
            assertThatThrownBy(() -> s.eval("hostile.js", "/^(a+)+\\1$/.test('a'.repeat(40) + '!')", false))
                    .isInstanceOf(SandboxViolationException.class)
                    .hasMessageContaining("longer than 5000 ms")
                    .extracting(e -> ((SandboxViolationException) e).limit())
                    .isEqualTo(SandboxViolationException.Limit.DEADLINE);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertHostHealthy();
    }

    @Test
    void stopsAMemoryBombAtTheAllocationBudget() {
        // a generous deadline, so on a loaded machine it is the allocation budget that stops the bomb
        long t0 = System.nanoTime();
        try (ScriptRuntime patient = new ScriptRuntime(
                        new ScriptRuntime.Limits(1_000_000L, Duration.ofSeconds(120), 64L << 20, 1024));
                Sandbox s = patient.open("bomb.js")) {
            assertThatThrownBy(
                            () -> s.eval("bomb.js", "const a = [];\nfor (;;) a.push(new Array(1e5).fill(1));", false))
                    .isInstanceOf(SandboxViolationException.class)
                    .extracting(e -> ((SandboxViolationException) e).limit())
                    .isEqualTo(SandboxViolationException.Limit.ALLOCATION);
        }
        System.out.println("memory bomb stopped after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertHostHealthy();
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
    void reportsAThrownErrorWithFileAndLine() {
        assertThatThrownBy(() -> run("const x = 1;\n\nthrow new Error('boom');"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("hostile.js:3:7: Error: boom");
    }

    @Test
    void reportsASyntaxErrorWithFileAndLine() {
        assertThatThrownBy(() -> run("const x = ;"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("hostile.js:1");
    }
}
