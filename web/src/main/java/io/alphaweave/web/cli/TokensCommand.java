package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphaweave tokens create|list|revoke}: the bearer tokens of {@code alphaweave serve}. */
@Command(
        name = "tokens",
        description = "Manage the bearer tokens of `alphaweave serve` (stored hashed; roles read, write, admin).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable {
    /** The token file's name in the workspace home. */
    static final String TOKENS_FILE = "tokens.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code --tokens-file} option shared by the token commands and {@code serve}. */
    static final class FileOption {
        @Option(
                names = "--tokens-file",
                paramLabel = "FILE",
                description = "The token file (default: <workspace home>/" + TOKENS_FILE + ", e.g. ~/.alphaweave/"
                        + TOKENS_FILE + ").")
        Path file;

        AccessTokens open(Workspace workspace) {
            return new AccessTokens(file != null ? file : workspace.home().resolve(TOKENS_FILE), Clock.systemUTC());
        }

        AccessTokens open() {
            return open(Workspace.fromSystem(Workspace.Overrides.none()));
        }
    }

    /** {@code tokens create --role R}: prints the new token on its last line. */
    @Command(name = "create", description = "Create a token; it is printed once, on the last line, and stored hashed.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FileOption tokens = new FileOption();

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "read (look), write (also validate and run) or admin (also install plugins).")
        String role;

        @Override
        public Integer call() {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new AlphaweaveException("--role: " + e.getMessage());
            }
            AccessTokens store = tokens.open();
            AccessTokens.Created c = store.create(r);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created token " + c.entry().id() + " with role " + r.label() + " (stored as its SHA-256 in "
                    + store.file() + ")");
            out.println("it is shown only now; send it as `Authorization: Bearer <token>`:");
            out.println(c.token());
            return 0;
        }
    }

    /** {@code tokens list}. */
    @Command(name = "list", description = "List the tokens: id, role and creation time (never the token).")
    static final class ListTokens implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FileOption tokens = new FileOption();

        @Override
        public Integer call() {
            AccessTokens store = tokens.open();
            List<AccessTokens.Entry> all = store.list();
            PrintWriter out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println(
                        "no tokens in " + store.file() + "; create one with `alphaweave tokens create --role read`");
                return 0;
            }
            TextTable t = new TextTable("ID", "ROLE", "CREATED");
            for (AccessTokens.Entry e : all) {
                t.add(e.id(), e.role().label(), e.created().toString());
            }
            t.print(out);
            return 0;
        }
    }

    /** {@code tokens revoke ID}. */
    @Command(name = "revoke", description = "Revoke a token by its id; a running service refuses it from then on.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        FileOption tokens = new FileOption();

        @Parameters(index = "0", paramLabel = "ID", description = "The token id (see `alphaweave tokens list`).")
        String id;

        @Override
        public Integer call() {
            AccessTokens store = tokens.open();
            if (!store.revoke(id)) {
                throw new AlphaweaveException("no token with id \"" + id + "\" in " + store.file()
                        + "; `alphaweave tokens list` shows the ids");
            }
            spec.commandLine().getOut().println("revoked token " + id);
            return 0;
        }
    }
}
