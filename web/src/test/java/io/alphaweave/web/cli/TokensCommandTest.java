package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {
    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createPrintsTheTokenOnItsLastLineAndStoresOnlyItsHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("home/tokens.json");
        Run r = run("tokens", "create", "--role", "write", "--tokens-file", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String token = r.lastLine();
        assertThat(token).startsWith("aw_");
        // 256 bits in unpadded base64url: 43 characters
        assertThat(token.substring(3)).matches("[A-Za-z0-9_-]{43}");
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(token).doesNotContain(token.substring(3));
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).contains(sha).contains("\"write\"");
    }

    @Test
    void twoTokensDiffer(@TempDir Path dir) {
        String f = dir.resolve("tokens.json").toString();
        String a = run("tokens", "create", "--role", "read", "--tokens-file", f).lastLine();
        String b = run("tokens", "create", "--role", "read", "--tokens-file", f).lastLine();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void listShowsIdsAndRolesButNeverTokens(@TempDir Path dir) {
        String f = dir.resolve("tokens.json").toString();
        assertThat(run("tokens", "list", "--tokens-file", f).out()).contains("no tokens");
        String token =
                run("tokens", "create", "--role", "admin", "--tokens-file", f).lastLine();
        Run list = run("tokens", "list", "--tokens-file", f);
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("ID").contains("ROLE").contains("admin").doesNotContain(token);
    }

    @Test
    void revokeRemovesATokenAndAnUnknownIdIsAOneLineError(@TempDir Path dir) {
        String f = dir.resolve("tokens.json").toString();
        Run created = run("tokens", "create", "--role", "read", "--tokens-file", f);
        String id = created.out().replaceAll("(?s).*created token ([0-9a-f]+) .*", "$1");
        assertThat(id).matches("[0-9a-f]{12}");
        Run revoked = run("tokens", "revoke", id, "--tokens-file", f);
        assertThat(revoked.code()).isZero();
        assertThat(run("tokens", "list", "--tokens-file", f).out()).doesNotContain(id);
        Run again = run("tokens", "revoke", id, "--tokens-file", f);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip())
                .startsWith("error: no token with id \"" + id + "\"")
                .doesNotContain("\n");
    }

    @Test
    void anUnknownRoleIsAOneLineError(@TempDir Path dir) {
        Run r = run(
                "tokens",
                "create",
                "--role",
                "root",
                "--tokens-file",
                dir.resolve("t.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .contains("--role")
                .contains("root")
                .contains("read")
                .doesNotContain("\n");
    }
}
