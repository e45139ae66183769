package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    @Test
    void saysWhichJavaScriptRuntimeIsActive() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(new String[] {"doctor"}, List.of(), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        // the platform's surefire runs with the Graal compiler on the upgrade module path on JDK 25
        boolean jvmci = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        assertThat(out.toString())
                .contains(
                        jvmci
                                ? "javascript: GraalVM CE (optimizing runtime active"
                                : "javascript: Interpreted (interpreter only");
    }
}
