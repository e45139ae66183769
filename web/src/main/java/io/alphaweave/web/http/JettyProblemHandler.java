package io.alphaweave.web.http;

import io.alphaweave.platform.app.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers — requests it refuses before Javalin sees them (an undecodable path, a
 * malformed request line) — as the same RFC 9457 problems and with the same security headers as
 * the rest of the API, instead of Jetty's HTML page.
 */
final class JettyProblemHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String instance =
                request.getHttpURI() == null ? "/" : request.getHttpURI().getPath();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON);
        securityHeaders(headers);
        response.write(true, ByteBuffer.wrap(body(code, instance)), callback);
    }

    static void securityHeaders(HttpFields.Mutable headers) {
        headers.put(new HttpField("Content-Security-Policy", ApiServer.CSP));
        headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
        headers.put(new HttpField("X-Frame-Options", "DENY"));
    }

    private static byte[] body(int status, String instance) {
        ApiProblem.Kind kind = Arrays.stream(ApiProblem.Kind.values())
                .filter(k -> k.status() == status)
                .findFirst()
                .orElse(null);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", kind == null ? "urn:alphaweave:problem:http-" + status : kind.type());
        p.put("title", kind == null ? "HTTP " + status : kind.title());
        p.put("status", status);
        p.put(
                "detail",
                status == 400
                        ? "the request cannot be decoded (a malformed path, percent-encoding or request line)"
                        : "the server refused the request before reading it (HTTP " + status + ")");
        p.put("instance", instance == null || instance.isEmpty() ? "/" : instance);
        return JsonMapper.write(p).getBytes(StandardCharsets.UTF_8);
    }
}
