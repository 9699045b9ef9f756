-- wrk script for `python -m bench.load`: cycles through the paths given after `--` (the searches,
-- or the home page alone)
-- and prints one line "WRK_JSON {...}" with counts, errors and latency percentiles (ms).
local paths = {}
local next_path = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_s": %.3f, "errors": {"connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d}, "p50_ms": %.1f, "p95_ms": %.1f, '
      .. '"p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration / 1e6, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
