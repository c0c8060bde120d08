/**
 * The packages as a user gets them: `pnpm pack` of effect-mem0 and
 * mem0-local-server, installed with npm into a fresh temporary project next
 * to `effect` and `@effect/platform`. A consumer file typechecks under
 * `--strict --module nodenext` (namespaces from the root, subpaths, and no
 * `internal/*`), then runs against the server started with `npx mem0-local-server`.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const TSC = join(ROOT, "node_modules/.bin/tsc")
// The versions the workspace is built and tested with.
const PEERS = ["effect@3.22.4", "@effect/platform@0.97.2", "@types/node@20"]
/** A fresh machine fetches every package from the registry: a slow or dropped answer is tried again, up to 5 times. */
const REGISTRY_RETRIES = ["--fetch-retries=5", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=30000"]

let dir: string
let server: ChildProcess | undefined

const run = (command: string, args: ReadonlyArray<string>, cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 240_000 })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mem0-packed-"))
  const packs = join(dir, "packs")
  mkdirSync(packs)
  for (const pkg of ["effect-mem0", "mem0-local-server"]) {
    run("pnpm", ["--filter", pkg, "run", "build"], ROOT)
    run("pnpm", ["pack", "--pack-destination", packs], join(ROOT, "packages", pkg))
  }
  const tarballs = readdirSync(packs).map((f) => join(packs, f))
  const app = join(dir, "app")
  mkdirSync(app)
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }))
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...REGISTRY_RETRIES, ...tarballs, ...PEERS], app)
}, 300_000)

afterAll(() => {
  // npx runs the server as its child: end the whole process group
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const CONSUMER = `
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { Mem0Client, Mem0Error, Organization } from "effect-mem0"
import * as Client from "effect-mem0/Mem0Client"
import * as Errors from "effect-mem0/Mem0Error"
import * as Models from "effect-mem0/Organization"
// @ts-expect-error internal modules are not part of the package's API
import * as Internal from "effect-mem0/internal/retry"

const sameModule: typeof Mem0Client.layer = Client.layer
const role: Models.MemberRole = "OWNER"
const tags: ReadonlyArray<Mem0Error.Mem0Error["_tag"]> = Errors.Mem0ErrorTags

const program = Effect.gen(function* () {
  const orgs = yield* Mem0Client.listOrganizations()
  const members = yield* Mem0Client.listMembers(orgs[0]!.org_id)
  return { names: orgs.map((o) => o.name), members: members.map(Organization.memberLabel) }
}).pipe(Effect.catchTag("Mem0Unauthorized", () => Effect.succeed({ names: [], members: [] })))

const Live = Mem0Client.layerConfig({
  apiKey: Config.redacted("CONSUMER_KEY"),
  baseUrl: Config.string("CONSUMER_URL"),
  retry: { schedule: Mem0Client.defaultRetrySchedule.pipe(Schedule.intersect(Schedule.recurs(1))) }
}).pipe(Layer.provide(FetchHttpClient.layer))

Effect.runPromise(Effect.provide(program, Live)).then(
  (result) => console.log(JSON.stringify({ ...result, sameModule: typeof sameModule, role, tags: tags.length, internal: typeof Internal })),
  (error: unknown) => {
    console.error(String(error))
    process.exitCode = 1
  }
)
`

describe("the packed packages in a fresh project", () => {
  it("typecheck under --strict --module nodenext and run against npx mem0-local-server", async () => {
    const app = join(dir, "app")
    writeFileSync(join(app, "consumer.ts"), CONSUMER)
    run(TSC, ["--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "false", "--outDir", "out", "consumer.ts"], app)

    server = spawn("npx", ["--no-install", "mem0-local-server", "--port", "0"], { cwd: app, stdio: ["ignore", "pipe", "pipe"], detached: true })
    let banner = ""
    server.stdout?.on("data", (chunk: Buffer) => (banner += chunk.toString()))
    const deadline = Date.now() + 30_000
    while (!/API key: (\S+)/.test(banner) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1]
    const key = /API key: (\S+)/.exec(banner)?.[1]
    expect(url).toBeDefined()

    // the consumer imports effect-mem0/internal/retry at run time too: node refuses it before anything runs
    let refused = ""
    try {
      run("node", ["out/consumer.js"], app)
    } catch (error) {
      refused = String((error as { stderr?: unknown }).stderr)
    }
    expect(refused).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED")
    writeFileSync(join(app, "consumer.ts"), CONSUMER.replace(/\/\/ @ts-expect-error.*\n.*\n/, "").replace(", internal: typeof Internal", ""))
    run(TSC, ["--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--outDir", "out", "consumer.ts"], app)
    const result = JSON.parse(
      execFileSync("node", ["out/consumer.js"], { cwd: app, encoding: "utf8", env: { ...process.env, CONSUMER_KEY: key!, CONSUMER_URL: url! }, timeout: 30_000 })
    ) as { names: Array<string>; members: Array<string>; sameModule: string; role: string; tags: number }
    expect(result.names).toHaveLength(4)
    expect(result.names[1]).toBe("Zürich Lab 研究所")
    expect(result.members).toEqual(["ana@example.com"])
    expect(result).toMatchObject({ sameModule: "function", role: "OWNER" })
    expect(result.tags).toBeGreaterThan(10)
  }, 120_000)
})
