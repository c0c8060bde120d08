/**
 * Benchmarks (README: `pnpm bench`; CI runs `pnpm bench --quick`).
 *
 * One process run, contenders interleaved (their order alternates every
 * repetition) so machine noise hits both; for each figure the median and p95
 * of its repetitions and the ratio to its baseline, measured in the same run.
 * Everything talks to the local Mem0 server on 127.0.0.1, run as its own
 * process. Quick mode runs every benchmark small and asserts no timing.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import axios from "axios"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Mem0Client, Memory, MemoryFilter, Organization, Project } from "effect-mem0"
import * as esbuild from "esbuild"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { bundleOptions } from "mem0-organizations/build"
import {
  ApiKey,
  exportTo,
  KeyClients,
  Mem0Data,
  makeFakeVsCode,
  MEMBER_CONCURRENCY,
  memoriesOf,
  memoryLine,
  OrganizationsTree,
  SECRET_KEY,
  type TreeNode
} from "mem0-organizations/testing"

const quick = process.argv.includes("--quick")
const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const OUT = join(ROOT, "test-results/bench")
mkdirSync(OUT, { recursive: true })

interface Figure {
  readonly bench: string
  readonly name: string
  readonly unit: "ms" | "bytes" | "MB" | "count"
  readonly samples: ReadonlyArray<number>
  /** The figure this one is divided by. */
  readonly baseline?: string
  /** Highest acceptable ratio to the baseline. */
  readonly target?: number
}
const figures: Array<Figure> = []

const sorted = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)
const quantile = (xs: ReadonlyArray<number>, q: number) => {
  const s = sorted(xs)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN
}
const median = (xs: ReadonlyArray<number>) => {
  const s = sorted(xs)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Runs each contender `reps` times, alternating their order, after `warmup` untimed rounds. */
const interleave = async (
  contenders: Record<string, () => Promise<unknown>>,
  reps: number,
  warmup: number
): Promise<Record<string, Array<number>>> => {
  const names = Object.keys(contenders)
  const samples: Record<string, Array<number>> = Object.fromEntries(names.map((n) => [n, []]))
  for (let i = 0; i < warmup + reps; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const started = performance.now()
      await contenders[name]!()
      if (i >= warmup) samples[name]!.push(performance.now() - started)
    }
  }
  return samples
}

/** Starts the local server as its own process; resolves with its URL and key. */
const startServer = async (args: ReadonlyArray<string>) => {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "packages/mem0-local-server/src/bin.ts"), "--quiet", "--port", "0", ...args],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  let out = ""
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()))
  const deadline = Date.now() + 30_000
  while (!/API key: \S+/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`local server did not start: ${out}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const url = /listening on (\S+)/.exec(out)![1]!
  const key = /API key: (\S+)/.exec(out)![1]!
  return {
    url,
    key,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
  }
}

/** The extension's tree and the model under it, on a fake VS Code holding the server's key. */
const treeRuntime = (server: { readonly url: string; readonly key: string }, timeoutSeconds: number) => {
  const fake = makeFakeVsCode({
    secrets: { [SECRET_KEY]: server.key },
    settings: { apiBaseUrl: server.url, requestTimeoutSeconds: timeoutSeconds, maxRetries: 2 }
  })
  return ManagedRuntime.make(
    OrganizationsTree.layer.pipe(
      Layer.provideMerge(Mem0Data.layer),
      Layer.provideMerge(KeyClients.layer),
      Layer.provideMerge(ApiKey.layer),
      Layer.provide(FetchHttpClient.layer),
      Layer.provideMerge(fake.layer)
    )
  )
}

/**
 * The transport effect-mem0 must use, alone: a request through the bare `@effect/platform` fetch client, its body
 * parsed, nothing else (no decoding, retries, timeout or span). Benchmarks 2, 5 and 6 run it beside their bare
 * `fetch` floor: what the required transport costs before effect-mem0 adds anything.
 */
const platformJson = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(HttpClient.execute(request), (res) => res.text).pipe(Effect.map((text) => JSON.parse(text) as unknown))

/** Calls a round, in benchmarks 1 and 1b. */
const CALLS = quick ? 40 : 400

/** A server of 20 organizations × 20 members, with the key's headers and its organizations' ids. */
const membersServer = async () => {
  const server = await startServer(["--generate", "20x20"])
  const headers = { authorization: `Token ${server.key}`, accept: "application/json" }
  const ids = (JSON.parse(await (await fetch(`${server.url}/api/v1/orgs/organizations/`, { headers })).text()) as Array<{
    org_id: string
  }>).map((o) => o.org_id)
  return {
    server,
    headers,
    ids,
    /** The members path of the i-th organization (round robin). */
    path: (i: number) => `/api/v1/orgs/organizations/${encodeURIComponent(ids[i % ids.length]!)}/members/`
  }
}

/**
 * Client CPU (`process.cpuUsage`) and wall time per call of each contender, in ms: interleaved rounds of
 * `CALLS` sequential calls, the order alternating; the first round warms up and is not counted.
 */
const perCall = async (contenders: Record<string, (i: number) => Promise<unknown>>, rounds: number, calls = CALLS) => {
  const names = Object.keys(contenders)
  const cpu: Record<string, Array<number>> = Object.fromEntries(names.map((n) => [n, []]))
  const wall: Record<string, Array<number>> = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = 0; round <= rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const cpuStart = process.cpuUsage()
      const wallStart = performance.now()
      for (let i = 0; i < calls; i++) await contenders[name]!(i)
      const used = process.cpuUsage(cpuStart)
      if (round === 0) continue
      cpu[name]!.push((used.user + used.system) / 1000 / calls)
      wall[name]!.push((performance.now() - wallStart) / calls)
    }
  }
  return { names, cpu, wall }
}

// 1. The cost of a call: client CPU and wall time per call, sequential, the server in its own process.
const costOfACall = async () => {
  const { headers, ids, path, server } = await membersServer()
  const rtFetch = ManagedRuntime.make(FetchHttpClient.layer)
  const rtNode = ManagedRuntime.make(NodeHttpClient.layer)
  try {
    const coreFetch = await rtFetch.runPromise(Mem0Client.make({ apiKey: server.key, baseUrl: server.url }))
    const coreNode = await rtNode.runPromise(Mem0Client.make({ apiKey: server.key, baseUrl: server.url }))
    const ax = axios.create({ baseURL: server.url, headers })
    /** One call each: `GET .../members/` of an organization, its body parsed (and, for effect-mem0, decoded). */
    const contenders: Record<string, (i: number) => Promise<unknown>> = {
      "raw fetch + JSON.parse": async (i) => JSON.parse(await (await fetch(`${server.url}${path(i)}`, { headers })).text()),
      "axios (the HTTP stack of Mem0's own SDK)": async (i) => (await ax.get(path(i))).data,
      "@effect/platform fetch client + JSON.parse": (i) =>
        rtFetch.runPromise(
          Effect.flatMap(HttpClient.get(`${server.url}${path(i)}`, { headers }), (res) => res.text).pipe(Effect.map(JSON.parse))
        ),
      "effect-mem0 over fetch": (i) => rtFetch.runPromise(coreFetch.listMembers(ids[i % ids.length]!)),
      "effect-mem0 over Node http": (i) => rtNode.runPromise(coreNode.listMembers(ids[i % ids.length]!))
    }
    const { cpu, names, wall } = await perCall(contenders, quick ? 2 : 15)
    const bench = `1. the cost of a call: GET members (20), sequential, ${CALLS} calls a round`
    const axiosName = "axios (the HTTP stack of Mem0's own SDK)"
    for (const [what, samples] of [["client CPU", cpu], ["wall", wall]] as const) {
      for (const name of names) {
        const ours = name.startsWith("effect-mem0")
        figures.push({
          bench,
          name: `${what} per call: ${name}`,
          unit: "ms",
          samples: samples[name]!,
          ...(name === axiosName ? {} : { baseline: `${what} per call: ${axiosName}` }),
          ...(ours ? { target: 1.0 } : {})
        })
      }
    }
    // 1c. The first call of a fresh process (the extension's first request after VS Code starts): client CPU
    const entry = join(OUT, "first-call-entry.cjs")
    await esbuild.build({ ...bundleOptions, entryPoints: [join(ROOT, "test/bench/first-call-entry.ts")], outfile: entry })
    const platformName = "@effect/platform fetch client + JSON.parse"
    const coreName = "effect-mem0: Mem0Client.make, then listMembers"
    const firstCall = (which: "core" | "platform") =>
      (JSON.parse(execFileSync(process.execPath, [entry, server.url, server.key, ids[0]!, which], { encoding: "utf8" })) as { cpuMs: number }).cpuMs
    const firstCpu: Record<string, Array<number>> = { [platformName]: [], [coreName]: [] }
    await interleave({
      [platformName]: async () => firstCpu[platformName]!.push(firstCall("platform")),
      [coreName]: async () => firstCpu[coreName]!.push(firstCall("core"))
    }, quick ? 1 : 10, 0)
    const firstBench = "1c. the first call of a fresh process: client CPU (GET members, modules loaded)"
    figures.push({ bench: firstBench, name: platformName, unit: "ms", samples: firstCpu[platformName]! })
    figures.push({ bench: firstBench, name: coreName, unit: "ms", samples: firstCpu[coreName]!, baseline: platformName })
  } finally {
    await rtFetch.dispose()
    await rtNode.dispose()
    await server.stop()
  }
}

// 1b. Where the time of a call goes: the platform client with one of effect-mem0's pieces added at a time
// (built here from public Effect APIs, the way the client uses them), against effect-mem0 itself.
const whereTheTimeGoes = async () => {
  const { headers, ids, path, server } = await membersServer()
  const rt = ManagedRuntime.make(FetchHttpClient.layer)
  try {
    const url = (i: number) => `${server.url}${path(i)}`
    const core = await rt.runPromise(Mem0Client.make({ apiKey: server.key, baseUrl: server.url }))
    const decodeMembers = Schema.decodeUnknownSync(Organization.MembersResponse)
    /** The platform client (its own tracer off, as effect-mem0 has it), body parsed; `piece` wraps the request. */
    type Call = Effect.Effect<unknown, unknown, HttpClient.HttpClient>
    const platform = (
      piece: (self: Call) => Call = (self) => self,
      parse: (text: string) => unknown = JSON.parse
    ) =>
    (i: number) =>
      rt.runPromise(
        piece(Effect.flatMap(HttpClient.get(url(i), { headers }), (res) => res.text).pipe(Effect.map(parse))).pipe(
          Effect.locally(HttpClient.currentTracerDisabledWhen, () => true)
        )
      )
    const contenders: Record<string, (i: number) => Promise<unknown>> = {
      "platform client + JSON.parse": platform(),
      "+ Effect.timeoutFail (a race of two fibers)": platform((self) =>
        Effect.timeoutFail(self, { duration: "30 seconds", onTimeout: () => "timeout" })),
      "+ the attempt in a forked fiber (the cost left in effect-mem0's bound)": platform((self) =>
        Effect.flatMap(Effect.fork(self), (fiber) => fiber.await).pipe(Effect.flatten)),
      "+ Effect.withSpan": platform((self) => Effect.withSpan(self, "Mem0Client.listMembers", { kind: "client" })),
      "+ Schema decode of the members": platform(undefined, (text) => decodeMembers(JSON.parse(text))),
      "+ redirect: manual provided to fetch": platform((self) =>
        Effect.provideService(self, FetchHttpClient.RequestInit, { redirect: "manual" })),
      "effect-mem0 over fetch (all of it)": (i) => rt.runPromise(core.listMembers(ids[i % ids.length]!))
    }
    const { cpu, names } = await perCall(contenders, quick ? 2 : 15)
    const bench = "1b. where the time of a call goes: client CPU per call, the platform client plus one piece at a time"
    for (const name of names) {
      figures.push({
        bench,
        name,
        unit: "ms",
        samples: cpu[name]!,
        ...(name === "platform client + JSON.parse" ? {} : { baseline: "platform client + JSON.parse" })
      })
    }
  } finally {
    await rt.dispose()
    await server.stop()
  }
}

// 2. Whole tree at scale, through the extension's tree service (bounded member concurrency).
const wholeTree = async () => {
  // The main size with every figure, then the growth rows (the tree path against the floor only).
  await treeAt(quick ? [40, 5, 5] : [500, 50, 20], quick ? 2 : 5, true)
  for (const size of quick ? [[10, 2, 5], [80, 5, 5]] as const : [[50, 10, 20], [200, 10, 5], [2000, 50, 20]] as const) {
    await treeAt(size, quick ? 1 : size[0] >= 2000 ? 2 : 5, false)
  }
}

const treeAt = async ([orgCount, memberCount, latency]: readonly [number, number, number], reps: number, full: boolean) => {
  const server = await startServer(["--generate", `${orgCount}x${memberCount}`, "--latency", String(latency)])
  try {
    const runtime = treeRuntime(server, 30)
    const tree = await runtime.runPromise(OrganizationsTree)
    const client = await Effect.runPromise(
      Mem0Client.make({ apiKey: server.key, baseUrl: server.url }).pipe(Effect.provide(FetchHttpClient.layer))
    )
    let peakHeap = 0
    let peakRss = 0
    const sampler = setInterval(() => {
      const m = process.memoryUsage()
      peakHeap = Math.max(peakHeap, m.heapUsed)
      peakRss = Math.max(peakRss, m.rss)
    }, 10)
    const viaTree = () =>
      runtime.runPromise(
        Effect.zipRight(
          tree.refresh,
          Effect.flatMap(tree.organizations, (orgs) =>
            Effect.forEach(orgs, (org) => tree.members(org.org_id), { concurrency: "unbounded", discard: true }))
        )
      )
    const headers = { authorization: `Token ${server.key}`, accept: "application/json" }
    /** The same requests with bare fetch, the same number in flight: the server and transport floor. */
    const rawSameConcurrency = async () => {
      const res = await fetch(`${server.url}/api/v1/orgs/organizations/`, { headers })
      const ids = (JSON.parse(await res.text()) as Array<{ org_id: string }>).map((o) => o.org_id)
      let next = 0
      await Promise.all(
        Array.from({ length: MEMBER_CONCURRENCY }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!
            const members = await fetch(`${server.url}/api/v1/orgs/organizations/${encodeURIComponent(id)}/members/`, { headers })
            JSON.parse(await members.text())
          }
        })
      )
    }
    const platformRuntime = ManagedRuntime.make(FetchHttpClient.layer)
    /** The same requests through the bare platform client (the required transport), the same number in flight. */
    const platformSameConcurrency = () =>
      platformRuntime.runPromise(
        Effect.flatMap(platformJson(HttpClientRequest.get(`${server.url}/api/v1/orgs/organizations/`, { headers })), (orgs) =>
          Effect.forEach(
            (orgs as Array<{ org_id: string }>).map((o) => o.org_id),
            (id) => platformJson(HttpClientRequest.get(`${server.url}/api/v1/orgs/organizations/${encodeURIComponent(id)}/members/`, { headers })),
            { concurrency: MEMBER_CONCURRENCY, discard: true }
          ))
      )
    const oneAtATime = () =>
      Effect.runPromise(
        Effect.flatMap(client.listOrganizations(), (orgs) => Effect.forEach(orgs, (org) => client.listMembers(org.org_id)))
      )
    const s = await interleave(
      full ? { viaTree, rawSameConcurrency, platformSameConcurrency, oneAtATime } : { viaTree, rawSameConcurrency, platformSameConcurrency },
      reps,
      1
    )
    clearInterval(sampler)
    await platformRuntime.dispose()
    // What a loaded tree keeps: load it once more, collect garbage, and compare with the heap after disposal.
    const gc = (globalThis as { gc?: () => void }).gc
    await viaTree()
    gc?.()
    const loadedHeap = process.memoryUsage().heapUsed
    await runtime.dispose()
    gc?.()
    const retained = loadedHeap - process.memoryUsage().heapUsed
    const ideal = latency * (1 + Math.ceil(orgCount / MEMBER_CONCURRENCY))
    const bench = `2. whole tree: ${orgCount} orgs × ${memberCount} members, ${latency} ms latency, ${MEMBER_CONCURRENCY} at a time`
    const floorName = `bare fetch, ${MEMBER_CONCURRENCY} at a time (server + transport floor)`
    figures.push({ bench, name: `ideal (requests × latency ÷ ${MEMBER_CONCURRENCY})`, unit: "ms", samples: [ideal] })
    figures.push({ bench, name: "extension tree path", unit: "ms", samples: s["viaTree"]!, baseline: `ideal (requests × latency ÷ ${MEMBER_CONCURRENCY})`, ...(full ? { target: 1.2 } : {}) })
    figures.push({ bench, name: floorName, unit: "ms", samples: s["rawSameConcurrency"]!, baseline: `ideal (requests × latency ÷ ${MEMBER_CONCURRENCY})` })
    figures.push({ bench, name: "bare @effect/platform client, the same (the required transport alone)", unit: "ms", samples: s["platformSameConcurrency"]!, baseline: floorName })
    figures.push({ bench, name: "extension tree path vs the floor", unit: "ms", samples: s["viaTree"]!, baseline: floorName, target: 1.1 })
    if (!full) {
      await runtime.dispose()
      return
    }
    figures.push({ bench, name: "one at a time", unit: "ms", samples: s["oneAtATime"]!, baseline: "extension tree path" })
    if (gc !== undefined) figures.push({ bench, name: "heap retained by the loaded tree (after GC)", unit: "MB", samples: [retained / 2 ** 20] })
    figures.push({ bench, name: "peak heap used, garbage included (process)", unit: "MB", samples: [peakHeap / 2 ** 20] })
    figures.push({ bench, name: "peak RSS (process)", unit: "MB", samples: [peakRss / 2 ** 20] })
  } finally {
    await server.stop()
  }
}

/** `count` organizations of the current shape, three embedded members each, as the API sends them. */
const organizationsJson = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    org_id: `org_${i.toString(16).padStart(12, "0")}`,
    name: `Organization ${i}`,
    created_at: "2025-03-01T12:00:00Z",
    updated_at: "2025-04-01T12:00:00.123456Z",
    members: [
      { username: "ana", role: "OWNER", email: "ana@example.com" },
      { username: "bo", role: "READER", email: "bo@example.com" },
      { username: "cy", role: "READER", email: null }
    ],
    is_default: i === 0,
    byok_enabled: false,
    invitations: [],
    owner_pricing_plan: "pro",
    is_owner: true,
    user_role: "OWNER"
  }))

// 3. Decoding: 10,000 organizations (Schema against JSON.parse alone, and what costs most), how it grows
// from 10 to 50,000 organizations (time and retained heap), and a members list.
const decoding = async () => {
  const count = quick ? 1000 : 10_000
  const orgs = organizationsJson(count)
  const text = JSON.stringify(orgs)
  const strip = (drop: ReadonlyArray<string>) =>
    JSON.stringify(orgs.map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(k)))))
  const noTimestamps = strip(["created_at", "updated_at"])
  const noMembers = strip(["members"])
  const decode = Schema.decodeUnknownSync(Organization.OrganizationList)
  const s = await interleave(
    {
      parse: async () => JSON.parse(text),
      decode: async () => decode(JSON.parse(text)),
      decodeNoTimestamps: async () => decode(JSON.parse(noTimestamps)),
      decodeNoMembers: async () => decode(JSON.parse(noMembers))
    },
    quick ? 3 : 15,
    quick ? 1 : 3
  )
  const bench = `3. decoding ${count} organizations (${(text.length / 2 ** 20).toFixed(1)} MB of JSON)`
  figures.push({ bench, name: "JSON.parse alone", unit: "ms", samples: s["parse"]! })
  figures.push({ bench, name: "JSON.parse + Schema decode", unit: "ms", samples: s["decode"]!, baseline: "JSON.parse alone", target: 6 })
  figures.push({ bench, name: "… without the two timestamps", unit: "ms", samples: s["decodeNoTimestamps"]!, baseline: "JSON.parse alone" })
  figures.push({ bench, name: "… without the embedded members", unit: "ms", samples: s["decodeNoMembers"]!, baseline: "JSON.parse alone" })

  const gc = (globalThis as { gc?: () => void }).gc
  const growth = "3b. decoding as it grows: organizations, time and retained heap"
  for (const n of quick ? [10, 100, 1000] : [10, 100, 1000, 10_000, 50_000]) {
    const json = JSON.stringify(organizationsJson(n))
    const reps = n >= 10_000 ? 5 : n >= 1000 ? 15 : 50
    const t = await interleave({ parse: async () => JSON.parse(json), decode: async () => decode(JSON.parse(json)) }, quick ? 3 : reps, 2)
    figures.push({ bench: growth, name: `${n} orgs: JSON.parse`, unit: "ms", samples: t["parse"]! })
    figures.push({ bench: growth, name: `${n} orgs: decode`, unit: "ms", samples: t["decode"]!, baseline: `${n} orgs: JSON.parse` })
    if (gc !== undefined) {
      gc()
      const before = process.memoryUsage().heapUsed
      const kept = decode(JSON.parse(json))
      gc()
      const retained = process.memoryUsage().heapUsed - before
      figures.push({ bench: growth, name: `${n} orgs: heap retained by the decoded list (${kept.length})`, unit: "MB", samples: [retained / 2 ** 20] })
    }
  }

  const memberCount = quick ? 100 : 1000
  const members = JSON.stringify({
    members: Array.from({ length: memberCount }, (_, i) => ({ user_id: `user_${i}`, role: i === 0 ? "OWNER" : "READER", email: `u${i}@example.com`, username: `u${i}` }))
  })
  const decodeMembers = Schema.decodeUnknownSync(Organization.MembersResponse)
  const m = await interleave({ parse: async () => JSON.parse(members), decode: async () => decodeMembers(JSON.parse(members)) }, quick ? 3 : 30, 3)
  const mbench = `3c. decoding a members list (${memberCount} members)`
  figures.push({ bench: mbench, name: "JSON.parse alone", unit: "ms", samples: m["parse"]! })
  figures.push({ bench: mbench, name: "JSON.parse + Schema decode", unit: "ms", samples: m["decode"]!, baseline: "JSON.parse alone" })

  const projectCount = quick ? 100 : 1000
  const projects = JSON.stringify(
    Array.from({ length: projectCount }, (_, i) => ({
      project_id: `proj_${i}`,
      name: `Project ${i}`,
      description: "A project",
      created_at: "2025-03-01T12:00:00Z",
      updated_at: "2025-04-01T12:00:00Z",
      members: [{ username: "ana", role: "OWNER", email: "ana@example.com" }, { username: "bo", role: "READER", email: "bo@example.com" }],
      custom_instructions: "Remember each customer's product and plan.",
      custom_categories: [{ support_history: "Previous support interactions" }],
      enable_graph: i % 2 === 0,
      multilingual: false,
      decay: true,
      memory_depth: "high",
      version: "v2",
      is_default: i === 0,
      usecase: null,
      user_role: "OWNER"
    }))
  )
  const decodeProjects = Schema.decodeUnknownSync(Project.ProjectList)
  const pr = await interleave({ parse: async () => JSON.parse(projects), decode: async () => decodeProjects(JSON.parse(projects)) }, quick ? 3 : 30, 3)
  const pbench = `3d. decoding a projects list (${projectCount} projects)`
  figures.push({ bench: pbench, name: "JSON.parse alone", unit: "ms", samples: pr["parse"]! })
  figures.push({ bench: pbench, name: "JSON.parse + Schema decode", unit: "ms", samples: pr["decode"]!, baseline: "JSON.parse alone" })
}

// 4. Extension weight: bundle size and load-and-activate time against a floor bundle; the extension's loader keeps
// V8's code cache in its global storage, so its first start (no cache yet) and later starts are measured apart, and
// the floor is measured through the same loader too.
const weight = async () => {
  execFileSync(process.execPath, [join(ROOT, "extension/scripts/build.mjs")], { stdio: "ignore" })
  const extension = join(ROOT, "extension/dist/extension.cjs")
  const floorDir = join(OUT, "floor")
  const floor = join(floorDir, "main.cjs")
  const floorLoader = join(floorDir, "extension.cjs")
  await esbuild.build({ ...bundleOptions, entryPoints: [join(ROOT, "test/bench/floor-entry.ts")], outfile: floor })
  await esbuild.build({ ...bundleOptions, entryPoints: [join(ROOT, "extension/src/boot.ts")], outfile: floorLoader })
  const bench = "4. extension weight"
  const bundleBytes = [
    ["floor bundle", [floor]],
    ["extension bundles (loader and extension)", [extension, join(ROOT, "extension/dist/main.cjs")]]
  ] as const
  for (const [name, files] of bundleBytes) {
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)))
    const ours = name !== "floor bundle"
    figures.push({ bench, name: `${name} (bytes)`, unit: "bytes", samples: [bytes.length], ...(ours ? { baseline: "floor bundle (bytes)", target: 1.25 } : {}) })
    figures.push({ bench, name: `${name} (gzip bytes)`, unit: "bytes", samples: [gzipSync(bytes).length], ...(ours ? { baseline: "floor bundle (gzip bytes)", target: 1.25 } : {}) })
  }
  const probe = join(ROOT, "test/bench/load-activate.cjs")
  let network = 0
  let commands = 0
  const storage = join(OUT, "storage")
  /** Load + activate() on the probe's own clock, by contender: no process start, no deactivate, no code cache write. */
  const inProcess: Record<string, Array<number>> = {}
  /** One fresh process loading `file`; `cache`: none, an empty storage folder (a first start), or the folder kept. */
  const runOnce = (file: string, cache: "none" | "first" | "kept", folder = join(storage, file === extension ? "extension" : "floor"), name?: string) => async () => {
    if (cache === "first") rmSync(folder, { recursive: true, force: true })
    const out = execFileSync(process.execPath, [probe, file, ...(cache === "none" ? [] : [folder])], { encoding: "utf8" })
    const result = JSON.parse(out) as { loadMs: number; activateMs: number; network: number; stub: { commands: number } }
    if (name !== undefined) (inProcess[name] ??= []).push(result.loadMs + result.activateMs)
    if (file === extension) {
      network += result.network
      commands = result.stub.commands
    }
  }
  rmSync(storage, { recursive: true, force: true })
  const floorName = "floor: fresh node, load + activate()"
  const floorCached = "floor through the extension's loader, a later start: load + activate()"
  const firstName = "extension, first start (no code cache yet): load + activate()"
  const laterName = "extension, a later start (its code cache): load + activate()"
  const reps = quick ? 3 : 20
  const s = await interleave({
    [floorName]: runOnce(floor, "none", undefined, floorName),
    [firstName]: runOnce(extension, "first", join(storage, "first"), firstName),
    [laterName]: runOnce(extension, "kept", undefined, laterName),
    [floorCached]: runOnce(floorLoader, "kept", undefined, floorCached)
  }, reps, quick ? 1 : 2)
  for (const [name, samples] of Object.entries(s)) {
    const baseline = name === floorName ? {} : { baseline: floorName }
    const target = name.startsWith("extension, a later") ? { target: 1.15 } : name.startsWith("extension, first") ? { target: 1.25 } : {}
    figures.push({ bench, name, unit: "ms", samples, ...baseline, ...target })
  }
  // The same starts on the probe's own clock: the process's start, the probe's wait and deactivate (with the
  // first start's code cache write) left out, so the difference is not diluted by what both processes share.
  const clock = (name: string) => `${name}, on the probe's clock`
  for (const name of [floorName, firstName, laterName]) {
    // the last `reps` of each: the warm-up runs came first
    const samples = (inProcess[name] ?? []).slice(-reps)
    figures.push({ bench, name: clock(name), unit: "ms", samples, ...(name === floorName ? {} : { baseline: clock(floorName) }) })
  }
  figures.push({ bench, name: "extension, a later start, against the floor's later start", unit: "ms", samples: s[laterName]!, baseline: floorCached })
  // the later starts used the cache: one more start leaves it as it was (a cache V8 refused would be written again)
  const cacheDir = join(storage, "extension", "code-cache")
  const cacheFiles = () => readdirSync(cacheDir).map((name) => `${name} ${statSync(join(cacheDir, name)).mtimeMs}`)
  const kept = cacheFiles()
  await runOnce(extension, "kept")()
  if (kept.length !== 1 || cacheFiles().join() !== kept.join()) throw new Error(`the extension's code cache was not used: ${kept.join()} then ${cacheFiles().join()}`)
  figures.push({ bench, name: "network calls during activate() (all runs)", unit: "count", samples: [network] })
  figures.push({ bench, name: "commands registered by activate()", unit: "count", samples: [commands] })
  if (network !== 0) throw new Error(`activate() made ${network} network calls; it must make none`)
  if (commands === 0) throw new Error("activate() registered no command: the stubbed activation did not run")
}

const format = (value: number, unit: Figure["unit"]) =>
  unit === "bytes"
    ? `${Math.round(value)} B`
    : unit === "count"
    ? String(value)
    : unit === "MB"
    ? `${value.toFixed(1)} MB`
    : value < 10
    ? `${(value * 1000).toFixed(0)} µs`
    : `${value.toFixed(1)} ms`

const report = () => {
  const lines = [
    `Benchmarks${quick ? " (QUICK MODE: small inputs, timings not meaningful)" : ""}`,
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}`,
    "",
    "| benchmark | figure | median | p95 | n | ratio to baseline (median) | target | met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |"
  ]
  for (const f of figures) {
    const base = f.baseline === undefined ? undefined : figures.find((g) => g.bench === f.bench && g.name === f.baseline)
    const ratio = base === undefined ? undefined : median(f.samples) / median(base.samples)
    const met = ratio === undefined || f.target === undefined ? "" : ratio <= f.target ? "yes" : "NO"
    lines.push(
      `| ${f.bench} | ${f.name} | ${format(median(f.samples), f.unit)} | ${format(quantile(f.samples, 0.95), f.unit)} | ${f.samples.length} | ${
        ratio === undefined ? "" : `${ratio.toFixed(2)}× ${base!.name}`
      } | ${f.target === undefined ? "" : `≤ ${f.target}×`} | ${met} |`
    )
  }
  const text = lines.join("\n")
  console.log(text)
  writeFileSync(join(OUT, quick ? "quick.md" : "full.md"), `${text}\n`)
}


// 5. Memories: a whole project streamed page by page (Memory.stream, 200 a page) against a hand-written fetch +
// JSON.parse pager on the same server, the client's RSS as it grows; one page of 200 against the platform client.
const memories = async () => {
  const sizes = quick ? [2_000] : [10_000, 50_000, 100_000]
  for (const size of sizes) {
    const server = await startServer(["--generate", `1x1x1x${size / 10}`])
    const rt = ManagedRuntime.make(FetchHttpClient.layer)
    try {
      const client = Mem0Client.layer({ apiKey: server.key, baseUrl: server.url })
      const filter = MemoryFilter.all
      const headers = { authorization: `Token ${server.key}`, "content-type": "application/json", accept: "application/json" }
      const body = JSON.stringify({ filters: filter.json })
      let counted = 0
      const viaStream = async () => {
        counted = await rt.runPromise(Stream.runCount(Memory.stream(filter, { pageSize: 200 })).pipe(Effect.provide(client)))
      }
      /** Pages by number too (a fair floor: following `next` would send the key wherever it points). */
      const handWritten = async () => {
        let n = 0
        for (let page = 1; page < 10_000; page++) {
          const response = await fetch(`${server.url}/v3/memories/?page=${page}&page_size=200`, { method: "POST", headers, body })
          const parsed = JSON.parse(await response.text()) as { results: Array<unknown>; next: string | null }
          n += parsed.results.length
          if (parsed.next === null) break
        }
        return n
      }
      let platformCounted = 0
      /** The same pages through the bare platform client (the required transport), parsed, not decoded. */
      const viaPlatform = async () => {
        platformCounted = await rt.runPromise(Effect.gen(function*() {
          let n = 0
          for (let page = 1; page < 10_000; page++) {
            const request = HttpClientRequest.post(`${server.url}/v3/memories/?page=${page}&page_size=200`, { headers }).pipe(
              HttpClientRequest.bodyText(body, "application/json")
            )
            const parsed = (yield* platformJson(request)) as { results: Array<unknown>; next: string | null }
            n += parsed.results.length
            if (parsed.next === null) break
          }
          return n
        }))
      }
      const s = await interleave({ viaStream, handWritten, viaPlatform }, quick ? 1 : 3, 1)
      // memory while streaming, the stream alone: RSS sampled every 10 ms, and the live heap after a GC at each
      // page, both against their values just before (what the stream keeps, not the garbage it makes)
      const gc = (globalThis as { gc?: () => void }).gc
      gc?.()
      const before = process.memoryUsage()
      let rssPeak = before.rss
      let livePeak = before.heapUsed
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10)
      await rt.runPromise(
        Stream.runForEachChunk(Memory.stream(filter, { pageSize: 200 }), () =>
          Effect.sync(() => {
            gc?.()
            livePeak = Math.max(livePeak, process.memoryUsage().heapUsed)
          })).pipe(Effect.provide(client))
      )
      clearInterval(sampler)
      if (counted !== size) throw new Error(`the stream counted ${counted} memories of ${size}`)
      if (platformCounted !== size) throw new Error(`the platform client's pager counted ${platformCounted} memories of ${size}`)
      const bench = `5. streaming ${size} memories (200 a page)`
      figures.push({ bench, name: "hand-written fetch + JSON.parse pager", unit: "ms", samples: s["handWritten"]! })
      figures.push({ bench, name: "the same pager on the bare @effect/platform client (the required transport alone)", unit: "ms", samples: s["viaPlatform"]!, baseline: "hand-written fetch + JSON.parse pager" })
      figures.push({ bench, name: "Memory.stream (decoded, typed)", unit: "ms", samples: s["viaStream"]!, baseline: "hand-written fetch + JSON.parse pager", target: 1.25 })
      figures.push({ bench, name: "client RSS growth while streaming", unit: "MB", samples: [(rssPeak - before.rss) / 2 ** 20] })
      figures.push({ bench, name: "client live heap growth while streaming (after GC, each page)", unit: "MB", samples: [(livePeak - before.heapUsed) / 2 ** 20] })
      if (size !== sizes[sizes.length - 1]) continue
      // one page of 200: client CPU per call
      const first = `${server.url}/v3/memories/?page=1&page_size=200`
      const core = await rt.runPromise(Mem0Client.make({ apiKey: server.key, baseUrl: server.url }))
      const decodePage = Schema.decodeUnknownSync(Memory.MemoryPageFromWire)
      /** The first page through the platform client (its span off, as effect-mem0 turns it off), parsed, then `then`. */
      const platformPage = (then: (parsed: unknown) => unknown) => () =>
        rt.runPromise(
          Effect.flatMap(HttpClient.execute(HttpClientRequest.post(first, { headers }).pipe(HttpClientRequest.bodyText(body, "application/json"))), (res) => res.text).pipe(
            Effect.map((text) => then(JSON.parse(text))),
            Effect.locally(HttpClient.currentTracerDisabledWhen, () => true)
          )
        )
      const { cpu, names } = await perCall({
        "@effect/platform fetch client + JSON.parse": platformPage((parsed) => parsed),
        // the decoding the issue asks for, alone on the platform client's page: what no pipeline can go under
        "@effect/platform fetch client + JSON.parse + the page's Schema decode (no pipeline)": platformPage(decodePage),
        "effect-mem0 listMemories (decoded)": () => rt.runPromise(core.listMemories(filter, { pageSize: 200 }))
      }, quick ? 1 : 10, quick ? 5 : 50)
      const pageBench = "5b. one page of 200 memories: client CPU per call"
      for (const name of names) {
        figures.push({
          bench: pageBench,
          name,
          unit: "ms",
          samples: cpu[name]!,
          ...(name.startsWith("effect-mem0")
            ? { baseline: "@effect/platform fetch client + JSON.parse", target: 1.3 }
            : name.includes("decode")
            ? { baseline: "@effect/platform fetch client + JSON.parse" }
            : {})
        })
      }
    } finally {
      await rt.dispose()
      await server.stop()
    }
  }
}

// 6. The memory browser: a user of 100,000 memories expanded in the extension's tree (its first 100 rows)
// against a hand-written fetch of the same page; Load more ×10 and the heap it keeps per 1,000 rows; the
// whole user exported to JSONL by the extension's export against the core's stream written straight to a
// file, with the process's peak RSS.
/** Walks a tree down as a person expands it: the organization, its projects, the project, Memories, Users, the user. */
const walkToUser = async (runtime: ReturnType<typeof treeRuntime>) => {
  const tree = await runtime.runPromise(OrganizationsTree)
  const rowsOf = (node: TreeNode | undefined) => runtime.runPromise(tree.source.getChildren(node))
  const under = async (node: TreeNode | undefined, test: (row: TreeNode) => boolean) => {
    const row = (await rowsOf(node)).find(test)
    if (row === undefined) throw new Error("the memory browser's rows are not where expected")
    return row
  }
  const org = await under(undefined, (r) => r._tag === "Organization")
  const projects = await under(org, (r) => r._tag === "Group" && r.group === "projects")
  const project = await under(projects, (r) => r._tag === "Project")
  const memoriesRow = await under(project, (r) => r._tag === "Memories")
  const users = await under(memoriesRow, (r) => r._tag === "EntityGroup" && r.type === "user")
  const user = await under(users, (r) => r._tag === "MemoryList")
  return { tree, rowsOf, user }
}

const memoryBrowser = async () => {
  const size = quick ? 5_000 : 100_000
  const server = await startServer(["--generate", `1x1x1x${size}x1`])
  const runtime = treeRuntime(server, 60)
  const dir = join(OUT, "export")
  mkdirSync(dir, { recursive: true })
  try {
    const { rowsOf, tree, user } = await walkToUser(runtime)
    const firstPage = async () => {
      await runtime.runPromise(tree.forgetWhere((key) => key._tag === "Memories"))
      const rows = await rowsOf(user)
      if (rows.length !== 101) throw new Error(`expected 100 rows and Load more, got ${rows.length}`)
    }
    const headers = { authorization: `Token ${server.key}`, "content-type": "application/json", accept: "application/json" }
    const body = JSON.stringify({ filters: MemoryFilter.user("user01").json })
    const handWritten = async () => {
      const response = await fetch(`${server.url}/v3/memories/?page=1&page_size=100`, { method: "POST", headers, body })
      const parsed = JSON.parse(await response.text()) as { results: Array<unknown> }
      if (parsed.results.length !== 100) throw new Error("the hand-written page is not 100 rows")
    }
    const core = await runtime.runPromise(Effect.flatMap(KeyClients, (k) => k.client))
    /** The core's call alone (what the tree adds is the rest). */
    const coreCall = async () => {
      const page = await Effect.runPromise(core.listMemories(MemoryFilter.user("user01"), { page: 1, pageSize: 100 }))
      if (page.results.length !== 100) throw new Error("the core's page is not 100 rows")
    }
    // The first expansion, as a person does it: a fresh tree walked down untimed, then the user expanded
    const firstExpansion: Array<number> = []
    for (let i = 0; i < (quick ? 3 : 20); i++) {
      const fresh = treeRuntime(server, 60)
      const walked = await walkToUser(fresh)
      const started = performance.now()
      const rows = await walked.rowsOf(walked.user)
      firstExpansion.push(performance.now() - started)
      if (rows.length !== 101) throw new Error(`expected 100 rows and Load more, got ${rows.length}`)
      await fresh.dispose()
    }
    const platformRuntime = ManagedRuntime.make(FetchHttpClient.layer)
    const firstRequest = HttpClientRequest.post(`${server.url}/v3/memories/?page=1&page_size=100`, { headers }).pipe(
      HttpClientRequest.bodyText(body, "application/json")
    )
    /** The same request through the bare platform client (the required transport), parsed. */
    const platformCall = async () => {
      const parsed = (await platformRuntime.runPromise(platformJson(firstRequest))) as { results: Array<unknown> }
      if (parsed.results.length !== 100) throw new Error("the platform client's page is not 100 rows")
    }
    const s = await interleave({ firstPage, handWritten, coreCall, platformCall }, quick ? 3 : 30, 2)
    await platformRuntime.dispose()
    const bench = `6. memory browser: a user of ${size} memories`
    figures.push({ bench, name: "hand-written fetch + JSON.parse of the first 100", unit: "ms", samples: s["handWritten"]! })
    figures.push({ bench, name: "the bare @effect/platform client + JSON.parse (the required transport alone)", unit: "ms", samples: s["platformCall"]!, baseline: "hand-written fetch + JSON.parse of the first 100" })
    figures.push({ bench, name: "effect-mem0 listMemories alone (decoded)", unit: "ms", samples: s["coreCall"]!, baseline: "hand-written fetch + JSON.parse of the first 100" })
    figures.push({ bench, name: "expand the user in a fresh tree: first 100 rows", unit: "ms", samples: firstExpansion, baseline: "hand-written fetch + JSON.parse of the first 100", target: 1.15 })
    figures.push({ bench, name: "expand it again after its pages were let go (rows known, compared)", unit: "ms", samples: s["firstPage"]!, baseline: "hand-written fetch + JSON.parse of the first 100" })
    // Load more ×10: what the tree keeps per 1,000 rows loaded (live heap after GC)
    const gc = (globalThis as { gc?: () => void }).gc
    await firstPage()
    gc?.()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < 10; i++) {
      tree.browse.more(user._tag === "MemoryList" ? user.key : "")
      await rowsOf(user)
    }
    const shown = (await rowsOf(user)).length
    if (shown !== 1101) throw new Error(`expected 1,100 rows and Load more after ten, got ${shown}`)
    gc?.()
    if (gc !== undefined) {
      figures.push({ bench, name: "Load more ×10: live heap kept per 1,000 rows (after GC)", unit: "MB", samples: [(process.memoryUsage().heapUsed - before) / 2 ** 20] })
    }
    // Export: the extension's (JSONL, temporary file renamed) against the core's stream written straight to a file
    const client = core
    const source = { _tag: "List" as const, scope: { _tag: "Entity" as const, type: "user" as const, id: "user01" }, filter: undefined }
    let written = 0
    const extensionExport = async () => {
      written = await runtime.runPromise(exportTo(memoriesOf(client, source), join(dir, "extension.jsonl"), "jsonl", () => Effect.void))
    }
    const straight = async () => {
      const out = createWriteStream(join(dir, "straight.jsonl"))
      await runtime.runPromise(
        Stream.runForEachChunk(memoriesOf(client, source), (chunk) =>
          Effect.async<void>((resume) => {
            out.write(`${[...chunk].map(memoryLine).join("\n")}\n`, () => resume(Effect.void))
          }))
      )
      await new Promise<void>((resolve) => out.end(resolve))
    }
    gc?.()
    const rssBefore = process.memoryUsage().rss
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10)
    const e = await interleave({ extensionExport, straight }, quick ? 1 : 7, 1)
    clearInterval(sampler)
    if (written !== size) throw new Error(`exported ${written} memories of ${size}`)
    if (statSync(join(dir, "extension.jsonl")).size !== statSync(join(dir, "straight.jsonl")).size) throw new Error("the two exports differ")
    const exportBench = `6b. exporting a user of ${size} memories to JSONL`
    figures.push({ bench: exportBench, name: "core Memory.stream written straight to a file", unit: "ms", samples: e["straight"]! })
    // throughput ≥ 0.9× the straight write: time ≤ 1/0.9 of it
    figures.push({ bench: exportBench, name: "extension Export… (temporary file, renamed)", unit: "ms", samples: e["extensionExport"]!, baseline: "core Memory.stream written straight to a file", target: 1.11 })
    figures.push({ bench: exportBench, name: "this process's RSS growth while exporting", unit: "MB", samples: [(rssPeak - rssBefore) / 2 ** 20] })
    // the extension host's share: a fresh process holding only the extension's export and the core's client
    const entry = join(OUT, "export-entry.cjs")
    await esbuild.build({ ...bundleOptions, entryPoints: [join(ROOT, "test/bench/export-entry.ts")], outfile: entry })
    const child = JSON.parse(execFileSync(process.execPath, [entry, server.url, server.key, join(dir, "child.jsonl"), "user01"], { encoding: "utf8" })) as {
      count: number
      ms: number
      peakRss: number
      startRss: number
    }
    if (child.count !== size) throw new Error(`the separate process exported ${child.count} memories of ${size}`)
    figures.push({ bench: exportBench, name: "a fresh process with only the export: peak RSS (goal < 128 MB)", unit: "MB", samples: [child.peakRss / 2 ** 20] })
    figures.push({ bench: exportBench, name: "a fresh process with only the export: RSS before exporting", unit: "MB", samples: [child.startRss / 2 ** 20] })
    // the floor of that growth: a bare Node process paging the same memories with fetch + JSON.parse
    const pager = JSON.parse(execFileSync(process.execPath, [join(ROOT, "test/bench/pager-entry.mjs"), server.url, server.key, join(dir, "pager.jsonl"), "user01"], { encoding: "utf8" })) as {
      count: number
      peakRss: number
      startRss: number
    }
    if (pager.count !== size) throw new Error(`the hand-written pager read ${pager.count} memories of ${size}`)
    figures.push({ bench: exportBench, name: "a fresh bare Node process paging them with fetch + JSON.parse: RSS growth", unit: "MB", samples: [(pager.peakRss - pager.startRss) / 2 ** 20] })
    figures.push({ bench: exportBench, name: "a fresh process with only the export: RSS growth", unit: "MB", samples: [(child.peakRss - child.startRss) / 2 ** 20], baseline: "a fresh bare Node process paging them with fetch + JSON.parse: RSS growth" })
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await runtime.dispose()
    await server.stop()
  }
}

// `--only 1,3` runs some of the benchmarks (for quick comparisons while working).
const onlyArg = process.argv.indexOf("--only")
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? "").split(",")) : undefined
const benches: ReadonlyArray<[string, () => Promise<void>]> = [
  // first: its peak RSS is measured in a process that has run nothing bigger before
  ["6", memoryBrowser],
  ["1", costOfACall],
  ["1b", whereTheTimeGoes],
  ["2", wholeTree],
  ["3", decoding],
  ["4", weight],
  ["5", memories]
]
for (const [id, run] of benches) if (only === undefined || only.has(id)) await run()
report()
process.exit(0)
