package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaweaveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aCreatedTokenAuthenticatesWithItsRoleAndNothingElseDoes(@TempDir Path dir) {
        AccessTokens tokens = new AccessTokens(dir.resolve("tokens.json"), CLOCK);
        assertThat(tokens.isEmpty()).isTrue();
        AccessTokens.Created c = tokens.create(Role.ADMIN);
        assertThat(c.entry().created()).isEqualTo(CLOCK.instant());
        assertThat(tokens.authenticate(c.token()).map(AccessTokens.Entry::role)).contains(Role.ADMIN);
        assertThat(tokens.authenticate(c.token() + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void anotherInstanceOnTheSameFileSeesCreationsAndRevocations(@TempDir Path dir) {
        Path file = dir.resolve("tokens.json");
        AccessTokens service = new AccessTokens(file, CLOCK);
        AccessTokens cli = new AccessTokens(file, CLOCK);
        assertThat(service.isEmpty()).isTrue();
        AccessTokens.Created c = cli.create(Role.READ);
        assertThat(service.authenticate(c.token())).isPresent();
        assertThat(cli.revoke(c.entry().id())).isTrue();
        assertThat(service.authenticate(c.token())).isEmpty();
        assertThat(cli.revoke(c.entry().id())).isFalse();
    }

    @Test
    void rolesIncludeTheWeakerOnes() {
        assertThat(Role.ADMIN.covers(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.covers(Role.READ)).isTrue();
        assertThat(Role.READ.covers(Role.WRITE)).isFalse();
        assertThat(Role.WRITE.covers(Role.ADMIN)).isFalse();
        assertThat(Role.parse(" Write ")).isEqualTo(Role.WRITE);
    }

    @Test
    void aDamagedFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"tokens\": 3}");
        assertThatThrownBy(() -> new AccessTokens(file, CLOCK).list())
                .isInstanceOf(AlphaweaveException.class)
                .hasMessageContaining("tokens.json")
                .hasMessageContaining("\"tokens\" array");
    }
}
