// Benchmark 6b's floor for memory: a fresh Node process with nothing loaded but this file pages one user's
// memories with global fetch + JSON.parse (200 a page, by number) and writes each page as JSON lines to a file,
// no Effect, no decoding. Prints the count and its RSS before and at its peak (sampled every 10 ms) as JSON.
// Usage: node pager-entry.mjs URL KEY FILE USER
import { createWriteStream } from "node:fs"

const [url, key, target, user] = process.argv.slice(2)
const startRss = process.memoryUsage().rss
let peak = startRss
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
const headers = { authorization: `Token ${key}`, "content-type": "application/json", accept: "application/json" }
const body = JSON.stringify({ filters: { user_id: user } })
const out = createWriteStream(target)
let count = 0
for (let page = 1; page <= 10_000; page++) {
  const response = await fetch(`${url}/v3/memories/?page=${page}&page_size=200`, { method: "POST", headers, body })
  const parsed = JSON.parse(await response.text())
  count += parsed.results.length
  await new Promise((resolve) => out.write(`${parsed.results.map((m) => JSON.stringify(m)).join("\n")}\n`, resolve))
  if (parsed.next === null) break
}
await new Promise((resolve) => out.end(resolve))
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
process.stdout.write(JSON.stringify({ count, peakRss: peak, startRss }))
