#!/usr/bin/env node
/**
 * Starts the local Mem0 server standalone:
 *
 *   pnpm server [--port N] [--shape current|seed] [--generate ORGSxMEMBERS[xPROJECTS[xMEMORIES[xUSERS]]]] [--latency MS] [--quiet]
 *
 * Prints the URL and a demo key, logs one line per request (never the key),
 * and stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
 */
import { parseArgs } from "node:util"
import { DEMO_KEY, GENERATED_KEY, generate } from "./Fixture.js"
import { startLocalServer } from "./Server.js"

const usage = `Usage: mem0-local-server [--port N] [--shape current|seed] [--generate ORGSxMEMBERS[xPROJECTS[xMEMORIES[xUSERS]]]] [--latency MS] [--quiet]`

const fail = (message: string): never => {
  console.error(`mem0-local-server: ${message}\n${usage}`)
  process.exit(2)
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: process.env["MEM0_LOCAL_PORT"] ?? "0" },
        shape: { type: "string", default: "current" },
        generate: { type: "string" },
        latency: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false }
      }
    })
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e))
  }
})()

if (values.help) {
  console.log(usage)
  process.exit(0)
}
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0 to 65535, not ${values.port}`)
const shape = values.shape
if (shape !== "current" && shape !== "seed") fail(`--shape must be current or seed, not ${shape}`)
let fixture
if (values.generate !== undefined) {
  const m = /^(\d+)x(\d+)(?:x(\d+)(?:x(\d+)(?:x(\d+))?)?)?$/.exec(values.generate)
  if (m === null) {
    fail(`--generate takes ORGSxMEMBERS[xPROJECTS[xMEMORIES[xUSERS]]], e.g. 500x50x10, 1x1x1x10000 (10 users of 10,000 memories), or 1x1x1x100000x1 (one user of 100,000), not ${values.generate}`)
  }
  fixture = generate(Number(m![1]), Number(m![2]), Number(m![3] ?? 0), m![4] === undefined ? undefined : Number(m![4]), m![5] === undefined ? undefined : Number(m![5]))
}
const latency = values.latency === undefined ? 0 : Number(values.latency)
if (!Number.isFinite(latency) || latency < 0) fail(`--latency must be a number of milliseconds`)

const server = await startLocalServer({
  port,
  shape: shape as "current" | "seed",
  ...(fixture === undefined ? {} : { fixture }),
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) })
})
if (latency > 0) server.faults.add({ latencyMs: latency })
console.log(`Mem0 local server listening on ${server.url}`)
console.log(`API key: ${fixture === undefined ? DEMO_KEY : GENERATED_KEY}`)
console.log(`Faults and request log: ${server.url}/__admin/ (see packages/mem0-local-server/README.md)`)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping`)
  server.close().then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
process.on("SIGINT", () => stop("SIGINT"))
process.on("SIGTERM", () => stop("SIGTERM"))
