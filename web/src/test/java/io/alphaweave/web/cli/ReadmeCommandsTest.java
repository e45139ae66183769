package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./alphaweave} line of the README's bash blocks runs, in the README's order, as from
 * the repository root of a fresh clone, and exits 0: files the README names must exist in the
 * repository or be written by an earlier command. In-process through {@link AlphaweaveCli#run}, with
 * {@code alphaweave.home} set to the root as the launcher sets it; input paths resolve against the
 * root and {@code out/} against a temporary folder, so the test leaves the checkout untouched.
 */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    static List<List<String>> readmeCommands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<List<String>> out = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(readme);
        while (m.find()) {
            for (String line : m.group(1).split("\n")) {
                String code = line.replaceFirst("\\s+#.*$", "").strip();
                if (code.startsWith("./alphaweave")) {
                    String args = code.substring("./alphaweave".length()).strip();
                    out.add(args.isEmpty() ? List.of() : List.of(args.split("\\s+")));
                }
            }
        }
        return out;
    }

    @Test
    void theReadmeShowsEveryCommandOfTheCli() throws IOException {
        assertThat(readmeCommands())
                .extracting(c -> c.isEmpty() ? "" : c.get(0))
                .contains(
                        "demo", "--help", "data", "strategies", "backtest", "signals", "metrics", "validate", "doctor");
    }

    @Test
    void everyReadmeCommandRunsFromAFreshCloneAndExitsZero() throws IOException {
        String before = System.getProperty("alphaweave.home");
        System.setProperty("alphaweave.home", ROOT.toString());
        try {
            for (List<String> command : readmeCommands()) {
                if (!command.isEmpty() && command.get(0).equals("serve")) {
                    // a server runs until it is stopped: ServeCommandTest starts it on a free port and stops it
                    continue;
                }
                List<String> args = new ArrayList<>();
                for (String a : command) {
                    args.add(resolve(a));
                }
                if (command.equals(List.of("demo"))) {
                    // demo writes out/demo.json by default; keep it out of the checkout
                    args.addAll(List.of("--json", tmp.resolve("out/demo.json").toString()));
                }
                StringWriter out = new StringWriter(), err = new StringWriter();
                int code = AlphaweaveCli.run(
                        args.toArray(String[]::new), List.of(), new PrintWriter(out), new PrintWriter(err));
                assertThat(code)
                        .as("./alphaweave %s exited %d: %s", String.join(" ", command), code, err)
                        .isZero();
            }
        } finally {
            if (before == null) {
                System.clearProperty("alphaweave.home");
            } else {
                System.setProperty("alphaweave.home", before);
            }
        }
        assertThat(tmp.resolve("out/returns.csv"))
                .as("written by the backtest for metrics")
                .isRegularFile();
    }

    @Test
    void theExampleConfigsOfTheConfigDocRun() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/config.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(m.group(1));
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        // the first is the shipped demo config, key for key
        assertThat(examples.get(0).lines().toList())
                .isEqualTo(Files.readString(ROOT.resolve("strategies-yaml/configs/demo.yaml"))
                        .lines()
                        .filter(l -> !l.startsWith("#"))
                        .map(l -> l.replaceFirst("\\s+#.*$", ""))
                        .toList());
        String before = System.getProperty("alphaweave.home");
        System.setProperty("alphaweave.home", ROOT.toString());
        try {
            // the smallest config: every field but data and strategies left to its default
            Path minimal = Files.writeString(tmp.resolve("minimal.yaml"), examples.get(1));
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = AlphaweaveCli.run(
                    new String[] {"backtest", minimal.toString()},
                    List.of(),
                    new PrintWriter(out),
                    new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("minimal: 50 symbols").contains("weekly rebalance");
        } finally {
            if (before == null) {
                System.clearProperty("alphaweave.home");
            } else {
                System.setProperty("alphaweave.home", before);
            }
        }
    }

    private String resolve(String arg) {
        if (arg.startsWith("out/")) {
            return tmp.resolve(arg).toString();
        }
        if (!arg.startsWith("-") && arg.contains("/") && Files.exists(ROOT.resolve(arg))) {
            return ROOT.resolve(arg).toString();
        }
        return arg;
    }
}
