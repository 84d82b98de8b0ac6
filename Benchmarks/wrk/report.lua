-- Shared by the wrk scripts of scripts/bench.sh (loaded with dofile): per-thread random seeds and,
-- when the run ends, one machine-readable line that bench.sh reads:
--   BENCH_RESULT requests=<n> duration_us=<n> rps=<x> p50_us=<n> p99_us=<n> non2xx=<n> socket_errors=<n>
-- (wrk's own report, with --latency, is printed above it.)

local next_thread = 0

-- Runs in the main state, once per thread before it starts: gives each thread its own number.
function setup(thread)
    next_thread = next_thread + 1
    thread:set("thread_number", next_thread)
end

-- Seeds this thread's generator from the time and its number (each thread has its own Lua state).
function seed_thread()
    local number = thread_number or 0
    math.randomseed(os.time() * 1000 + number * 7919)
    for _ = 1, 10 do math.random() end
    return number
end

function done(summary, latency, requests)
    local errors = summary.errors
    local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "BENCH_RESULT requests=%d duration_us=%d rps=%.2f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
        summary.requests, summary.duration, summary.requests / seconds,
        latency:percentile(50.0), latency:percentile(99.0), errors.status, socket_errors))
end
