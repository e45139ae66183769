package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void aPathBecomesItsFileName() {
        assertThat(Redact.paths("cannot read /home/ann/.alphaweave/data/x.csv: denied"))
                .isEqualTo("cannot read x.csv: denied");
        assertThat(Redact.paths("file C:\\Users\\ann\\x.yaml is broken")).isEqualTo("file x.yaml is broken");
        assertThat(Redact.paths("see ~/a/b.txt")).isEqualTo("see b.txt");
    }

    @Test
    void textWithoutPathsIsKept() {
        assertThat(Redact.paths("window must be ≥ 2, was 1; use 2..1000 and/or a rank"))
                .isEqualTo("window must be ≥ 2, was 1; use 2..1000 and/or a rank");
        assertThat(Redact.paths(null)).isNull();
    }
}
