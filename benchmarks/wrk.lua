-- Counts every answer that is not 2xx (wrk itself counts only 4xx and 5xx)
-- and prints the figures as one JSON line for benchmarks/load.py.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local not_2xx_total = 0
  for _, thread in ipairs(threads) do
    not_2xx_total = not_2xx_total + thread:get("not_2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, "p50_us": %.0f, "p95_us": %.0f, ' ..
    '"p99_us": %.0f, "max_us": %.0f, "not_2xx": %.0f, "connect": %.0f, "read": %.0f, "write": %.0f, ' ..
    '"timeout": %.0f, "status": %.0f}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    not_2xx_total, errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
