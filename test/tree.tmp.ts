import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import { Mem0Client } from "effect-mem0"
import { spawn } from "node:child_process"
const child = spawn(process.execPath, ["--import", "tsx", "../packages/mem0-local-server/src/bin.ts", "--quiet", "--port", "18557", "--generate", "500x50", "--latency", "20"], { stdio: "ignore" })
await new Promise((r) => setTimeout(r, 3000))
const base = "http://127.0.0.1:18557", key = "m0-generated-owner-key"
const headers = { authorization: `Token ${key}`, accept: "application/json" }
const ids = Array.from({ length: 500 }, (_, i) => `org_gen_${String(i + 1).padStart(5, "0")}`)
const client = await Effect.runPromise(Mem0Client.make({ apiKey: key, baseUrl: base }).pipe(Effect.provide(FetchHttpClient.layer)))
const pool = async (n: number, f: (id: string) => Promise<unknown>) => { let i = 0; await Promise.all(Array.from({ length: n }, async () => { while (i < ids.length) await f(ids[i++]!) })) }
const t0 = performance.now(); await fetch(base + "/api/v1/orgs/organizations/", { headers }).then((r) => r.text()); console.log("raw list", (performance.now() - t0).toFixed(0))
const t1 = performance.now(); await Effect.runPromise(client.listOrganizations()); console.log("core list", (performance.now() - t1).toFixed(0))
let t = performance.now(); await pool(4, async (id) => JSON.parse(await (await fetch(`${base}/api/v1/orgs/organizations/${id}/members/`, { headers })).text())); console.log("raw members x4", (performance.now() - t).toFixed(0))
t = performance.now(); await Effect.runPromise(Effect.forEach(ids, (id) => client.listMembers(id), { concurrency: 4 })); console.log("core members x4", (performance.now() - t).toFixed(0))
t = performance.now(); await pool(1, async (id) => JSON.parse(await (await fetch(`${base}/api/v1/orgs/organizations/${id}/members/`, { headers })).text())); console.log("raw members x1", (performance.now() - t).toFixed(0))
child.kill()
