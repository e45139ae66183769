package io.alphaweave.platform.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON lines a parent and a worker JVM exchange (one request, one reply, in turn). */
final class WorkerProtocol {
    private WorkerProtocol() {}

    static final String READY = "ready";
    static final String EVALUATE = "evaluate";
    static final String HOLDOUT = "holdout";

    /**
     * @param op {@value #EVALUATE} or {@value #HOLDOUT}
     * @param filename the definition's file name
     * @param source its text
     * @param peers the registered strategies' definition files
     */
    record Request(String op, String filename, String source, List<String> peers) {
        Request {
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    /**
     * @param op the request's op, or {@value #READY} once the worker is warm
     * @param evaluation the evaluation, for {@value #EVALUATE}
     * @param holdoutSharpe the holdout's Sharpe ratio, for {@value #HOLDOUT}
     * @param failure a status when the request failed in the worker (e.g. SANDBOX_VIOLATION), else null
     * @param detail what went wrong, for people
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String op, Evaluation evaluation, Double holdoutSharpe, String failure, String detail) {}
}
