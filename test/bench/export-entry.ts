// Benchmark 6b's stand-in for the extension host: a fresh Node process holding only the extension's export
// (its own module, bundled with the extension's esbuild settings) and the core's client. It exports one
// user's memories to JSONL and prints the count, the time and its peak RSS (sampled every 10 ms) as JSON.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import { Mem0Client } from "effect-mem0"
import { exportTo, memoriesOf } from "mem0-organizations/testing"

const [url, key, target, user] = process.argv.slice(2) as [string, string, string, string]
let peak = process.memoryUsage().rss
const startRss = peak
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
const started = performance.now()
void Effect.runPromise(
  Effect.flatMap(Mem0Client.make({ apiKey: key, baseUrl: url }), (client) =>
    exportTo(memoriesOf(client, { _tag: "List", scope: { _tag: "Entity", type: "user", id: user }, filter: undefined }), target, "jsonl", () => Effect.void)).pipe(
      Effect.provide(FetchHttpClient.layer)
    )
).then((count) => {
  const ms = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(JSON.stringify({ count, ms, peakRss: peak, startRss }))
})
