#!/usr/bin/env python3
"""Latency of `alphaweave mcp` as an agent sees it: JSON-RPC over the server's stdin/stdout.

Each run starts a fresh server process, then times: start -> initialize answered, tools/list,
list_components, validate_definition (a small YAML strategy), run_backtest (one strategy, sample
dataset, six months, waiting for COMPLETE), get_report (full), and submit_strategy with a verdict
(a distinct content per run, so a new trial; the first submission also starts the worker JVM).
Prints each run and the median of every step.

usage: python3 benchmarks/mcp_latency.py RUNS -- COMMAND...
  e.g. python3 benchmarks/mcp_latency.py 5 -- java -cp "$CP" io.alphaweave.web.Main mcp --plugins /tmp/none --db jdbc:h2:file:/tmp/mcpbench/db
"""
import json
import statistics
import subprocess
import sys
import time

STRATEGY = """id: bench_roc_{n}
kind: strategy
description: "rate of change, scale {n}"
horizon_days: 10
indicators:
  change: {{fn: roc, window: 10}}
alpha: clamp(change * {scale}, -1, 1)
"""

CONFIG = {
    "name": "mcp-bench",
    "data": {"dataset": "sample"},
    "period": {"start": "2017-01-03", "end": "2017-06-30"},
    "strategies": [{"id": "momentum_rank_yaml"}],
    "combiner": "agreement_weighted_js",
    "allocator": "inverse_vol_alpha_js",
}


class Server:
    def __init__(self, command):
        self.p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.next_id = 0

    def request(self, method, params):
        self.next_id += 1
        self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                       "params": params}) + "\n")
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise SystemExit("the server closed stdout")
            msg = json.loads(line)
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise SystemExit(f"{method} failed: {msg['error']}")
                return msg["result"]

    def notify(self, method):
        self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": method}) + "\n")
        self.p.stdin.flush()

    def tool(self, name, arguments):
        result = self.request("tools/call", {"name": name, "arguments": arguments})
        if result.get("isError"):
            raise SystemExit(f"{name} answered an error: {result['content'][0]['text']}")
        return json.loads(result["content"][0]["text"])

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=60)


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - t) * 1000


def one_run(command, n):
    steps = {}
    t0 = time.perf_counter()
    s = Server(command)
    s.request("initialize", {"protocolVersion": "2024-11-05", "capabilities": {},
                             "clientInfo": {"name": "bench", "version": "1"}})
    steps["start+initialize"] = (time.perf_counter() - t0) * 1000
    s.notify("notifications/initialized")
    _, steps["tools/list"] = timed(lambda: s.request("tools/list", {}))
    _, steps["list_components"] = timed(lambda: s.tool("list_components", {}))
    source = STRATEGY.format(n=n, scale=5 + n)
    v, steps["validate_definition"] = timed(
        lambda: s.tool("validate_definition", {"filename": f"bench_roc_{n}.yaml", "source": source}))
    assert v["ok"], v
    run, steps["run_backtest"] = timed(lambda: s.tool("run_backtest", {"config": CONFIG, "wait_seconds": 240}))
    assert run["run"]["status"] == "COMPLETE", run
    _, steps["get_report"] = timed(lambda: s.tool("get_report", {"run_id": run["run"]["id"]}))
    sub, steps["submit_strategy (verdict)"] = timed(lambda: s.tool(
        "submit_strategy", {"filename": f"bench_roc_{n}.yaml", "source": source, "family": "bench",
                            "wait_seconds": 240}))
    assert sub["final"], sub
    steps["verdict status"] = sub["submission"]["status"]
    s.close()
    return steps


def main():
    runs = int(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    results = []
    for i in range(runs):
        steps = one_run(command, int(time.time()) % 100000 * 10 + i)
        results.append(steps)
        print(f"run {i + 1}: " + ", ".join(
            f"{k} {v:.0f} ms" if isinstance(v, float) else f"{k} {v}" for k, v in steps.items()), flush=True)
    print("median over", runs, "runs:")
    for k in results[0]:
        if isinstance(results[0][k], float):
            print(f"  {k}: {statistics.median(r[k] for r in results):.0f} ms")


if __name__ == "__main__":
    main()
