-- Measured run: no per-response hook (it would slow wrk itself); the summary is printed as one line the
-- driver parses. errors.status counts responses with status >= 400, the bytes show every response had the
-- size of the 200 probed before (docs/benchmarks.md).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LDA_RESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
