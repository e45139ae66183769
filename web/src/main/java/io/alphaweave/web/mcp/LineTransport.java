package io.alphaweave.web.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over stdio, one JSON-RPC message per line: a reader thread hands each line to the session on its
 * own, and every answer is written whole under one lock. Unlike the SDK's stdio transport, a message
 * whose handling fails (or a line that is not JSON-RPC) is logged and the next one is read — the SDK's
 * version stops reading for good after the first such error and the client then waits forever for its
 * answer, which the MCP test met at random tool calls.
 */
final class LineTransport implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LineTransport.class);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private volatile McpServerSession session;
    private volatile boolean closing;

    LineTransport(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        McpServerSession s = factory.create(new Session());
        session = s;
        Thread reader = new Thread(() -> read(s), "alphaweave-mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(McpServerSession s) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; !closing && (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("a line on stdin is not a JSON-RPC message, skipped: {}", e.getMessage());
                    continue;
                }
                s.handle(message).subscribe(null, e -> LOG.warn("handling an MCP message failed: {}", e.getMessage()));
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.warn("reading stdin failed: {}", e.getMessage());
            }
        } finally {
            closing = true;
            s.close();
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null
                ? Mono.error(new IllegalStateException("no MCP session yet"))
                : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        closing = true;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    /** The one session's side: writes whole lines. */
    private final class Session implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromCallable(() -> {
                        // a JSON text has no raw line breaks but in strings, where they are escaped; none may split a
                        // message
                        String json = mapper.writeValueAsString(message)
                                .replace("\r", "\\r")
                                .replace("\n", "\\n");
                        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
                        synchronized (out) {
                            out.write(bytes);
                            out.flush();
                        }
                        return bytes.length;
                    })
                    .then();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> closing = true);
        }
    }
}
