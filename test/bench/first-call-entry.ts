// Benchmark 1c: the first call of a fresh process (as the extension's first request after VS Code starts),
// through effect-mem0 or through the bare platform client: the client CPU and wall time of that one call,
// modules already loaded, printed as JSON.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import { Mem0Client } from "effect-mem0"

const [url, key, orgId, which] = process.argv.slice(2) as [string, string, string, "core" | "platform"]
const path = `/api/v1/orgs/organizations/${encodeURIComponent(orgId)}/members/`
const call: Effect.Effect<unknown, unknown, HttpClient.HttpClient> = which === "core"
  ? Effect.flatMap(Mem0Client.make({ apiKey: key, baseUrl: url }), (client) => client.listMembers(orgId))
  : Effect.flatMap(HttpClient.get(`${url}${path}`, { headers: { authorization: `Token ${key}`, accept: "application/json" } }), (res) => res.text).pipe(
    Effect.map(JSON.parse)
  )
const cpu = process.cpuUsage()
const started = performance.now()
void Effect.runPromise(call.pipe(Effect.provide(FetchHttpClient.layer))).then(() => {
  const used = process.cpuUsage(cpu)
  process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, ms: performance.now() - started }))
})
