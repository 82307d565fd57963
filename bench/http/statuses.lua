-- Warm-up run: counts every response by status code, per wrk thread, and prints the totals.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  statuses = {}
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, status .. "=" .. count)
  end
  table.sort(parts)
  io.write("LDA_STATUSES " .. table.concat(parts, " ") .. "\n")
end
