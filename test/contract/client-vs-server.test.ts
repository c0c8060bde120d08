/**
 * The core client, with its real HTTP stacks (fetch and Node's http), against
 * the local server started in process on port 0: happy paths in both response
 * shapes, every injected fault, Retry-After timing, hangs, interruption,
 * concurrency, and the key kept out of every log line and error.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import { Mem0Client, Mem0Error, Organization } from "effect-mem0"
import { DEMO_KEY, type FaultRule, type LocalServer, startLocalServer } from "mem0-local-server"
import { inspect } from "node:util"
import { waitFor } from "@mem0-organizations/workbench/waitFor"

const API = "/api/v1/orgs/organizations/"
const LAB = "org_2b8d0f44a1c9e7b3"
const PERSONAL = "org_7f3a9c1e5d2b4a60"

let server: LocalServer
const serverLines: Array<string> = []
const clientLines: Array<string> = []

beforeAll(async () => {
  server = await startLocalServer({ port: 0, log: (line) => serverLines.push(line) })
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const captureLogs = Layer.mergeAll(
  Logger.replace(
    Logger.defaultLogger,
    Logger.make(({ annotations, message }) => {
      clientLines.push(`${String(message)} ${JSON.stringify(Object.fromEntries(annotations))}`)
    })
  ),
  Logger.minimumLogLevel(LogLevel.All)
)

const stacks: ReadonlyArray<[string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["fetch", FetchHttpClient.layer],
  ["node http", NodeHttpClient.layer]
]

/** Runs `use` with a real client against the server; fast retries so faults resolve quickly. */
const run = <A>(
  use: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>,
  options: Partial<Mem0Client.Mem0ClientOptions> = {},
  http: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
) =>
  Effect.runPromise(
    Effect.gen(function*() {
      const client = yield* Mem0Client.Mem0Client
      return yield* Effect.exit(use(client))
    }).pipe(
      Effect.provide(
        Mem0Client.layer({
          apiKey: Redacted.make(DEMO_KEY),
          baseUrl: server.url,
          retry: { baseDelay: "50 millis", jitter: 0 },
          timeout: { perAttempt: "2 seconds", total: "10 seconds" },
          ...options
        }).pipe(Layer.provide(http))
      ),
      Effect.provide(captureLogs)
    )
  )

const ok = <A>(exit: Exit.Exit<A, unknown>): A => {
  if (Exit.isFailure(exit)) throw new Error(`expected success, got ${String(exit.cause)}`)
  return exit.value
}
const err = (exit: Exit.Exit<unknown, unknown>): Mem0Error.Mem0Error => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const e = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (!Mem0Error.isMem0Error(e)) throw new Error(`expected a Mem0Error, got ${String(exit.cause)}`)
  return e
}
const fault = (rule: FaultRule) => server.faults.add(rule)
const seen = () => server.requests().filter((r) => r.path.startsWith(API))

describe.each(stacks)("happy paths over %s", (_name, http) => {
  it("lists organizations in the current shape, field by field", async () => {
    const orgs = ok(await run((c) => c.listOrganizations(), {}, http))
    expect(orgs.map((o) => o.org_id)).toEqual([PERSONAL, LAB, "org_c4e1a9f07b3d5e28", "org_0e9d8c7b6a5f4e3d"])
    const lab = orgs[1]!
    expect(lab.name).toBe("Zürich Lab 研究所")
    expect(lab.user_role).toBe("READER")
    expect(lab.is_default).toBe(false)
    expect(lab.is_owner).toBe(false)
    expect(lab.byok_enabled).toBe(true)
    expect(lab.owner_pricing_plan).toBe("pro")
    expect(lab.invitations).toHaveLength(1)
    expect(DateTime.formatIso(lab.created_at!)).toBe("2025-02-02T08:00:00.000Z")
    expect(lab.members?.map((m) => (m as Organization.OrganizationMember).email)).toEqual([
      "bo@zurich.example",
      "ana@example.com",
      "dee@zurich.example"
    ])
    expect(lab.members?.[0]).toBeInstanceOf(Organization.OrganizationMember)
    expect(orgs[0]?.is_default).toBe(true)
    expect(orgs[2]?.name.length).toBeGreaterThan(80)
    expect(orgs[3]?.members).toEqual([])
  })

  it("lists organizations in the seed shape, field by field", async () => {
    server.setShape("seed")
    const orgs = ok(await run((c) => c.listOrganizations(), {}, http))
    const lab = orgs[1]!
    expect(lab.id).toBe(102)
    expect(lab.owner).toBe(2)
    expect(lab.members).toEqual([2, 1, 4])
    expect(lab.on_paid_plan).toBe(true)
    expect(lab.website).toBe("https://zurich.example")
    expect(lab.address).toBeUndefined()
    expect(lab.user_role).toBeUndefined()
  })

  it("gets one organization in both shapes", async () => {
    const current = ok(await run((c) => c.getOrganization(LAB), {}, http))
    expect(current).toMatchObject({ org_id: LAB, user_role: "READER" })
    server.setShape("seed")
    const seed = ok(await run((c) => c.getOrganization(LAB), {}, http))
    expect(seed).toMatchObject({ org_id: LAB, id: 102, members: [2, 1, 4] })
  })

  it("lists members in both shapes", async () => {
    const current = ok(await run((c) => c.listMembers(LAB), {}, http))
    expect(current.map((m) => [m.user_id, m.role, m.email])).toEqual([
      ["bo", "OWNER", "bo@zurich.example"],
      ["ana", "READER", "ana@example.com"],
      ["dee", "READER", "dee@zurich.example"]
    ])
    server.setShape("seed")
    const seed = ok(await run((c) => c.listMembers(LAB), {}, http))
    expect(seed.map((m) => [m.user_id, m.role, m.email])).toEqual([
      ["bo", "OWNER", undefined],
      ["ana", "READER", undefined],
      ["dee", "READER", undefined]
    ])
    expect(ok(await run((c) => c.listMembers("org_0e9d8c7b6a5f4e3d"), {}, http))).toEqual([])
  })

  it("maps 404 and 401 from the real server", async () => {
    const missing = err(await run((c) => c.listMembers("org_5a6b7c8d9e0f1a2b"), {}, http))
    expect(missing).toMatchObject({ _tag: "Mem0NotFound", orgId: "org_5a6b7c8d9e0f1a2b", status: 404 })
    const denied = err(await run((c) => c.listOrganizations(), { apiKey: "m0-not-a-key" }, http))
    expect(denied).toMatchObject({ _tag: "Mem0Unauthorized", status: 401 })
    expect(seen()).toHaveLength(2)
  })

  it("sends a hostile org_id as one encoded segment", async () => {
    const exit = await run((c) => c.getOrganization(`${PERSONAL}/../x?y=1`), {}, http)
    expect(err(exit)._tag).toBe("Mem0NotFound")
    expect(seen()[0]?.path).toBe(`${API}${encodeURIComponent(`${PERSONAL}/../x?y=1`)}/`)
  })
})

describe("injected faults end in the expected typed outcome", () => {
  it("503, 503, then 200: success after two retries", async () => {
    fault({ path: API, faults: [{ kind: "status", status: 503 }, { kind: "status", status: 503 }] })
    expect(ok(await run((c) => c.listOrganizations()))).toHaveLength(4)
    expect(seen().map((r) => r.status)).toEqual([503, 503, 200])
  })

  it("503 three times: Mem0ServerError after 3 attempts", async () => {
    fault({ path: API, faults: [{ kind: "status", status: 503 }], times: 3 })
    expect(err(await run((c) => c.listOrganizations()))).toMatchObject({ _tag: "Mem0ServerError", status: 503 })
    expect(seen()).toHaveLength(3)
  })

  it("an HTML 502 page is retried, then a server error", async () => {
    fault({ faults: [{ kind: "html-502" }], times: 3 })
    const e = err(await run((c) => c.listOrganizations()))
    expect(e).toMatchObject({ _tag: "Mem0ServerError", status: 502 })
    expect(seen()).toHaveLength(3)
    fault({ faults: [{ kind: "html-502" }] })
    server.clearRequests()
    expect(ok(await run((c) => c.listOrganizations()))).toHaveLength(4)
    expect(seen()).toHaveLength(2)
  })

  it("a connection reset mid-body is a transport error, retried", async () => {
    fault({ faults: [{ kind: "reset" }] })
    expect(ok(await run((c) => c.listMembers(LAB)))).toHaveLength(3)
    expect(seen().map((r) => r.status)).toEqual(["reset", 200])
    server.clearRequests()
    fault({ faults: [{ kind: "reset" }], times: 3 })
    expect(err(await run((c) => c.listMembers(LAB)))._tag).toBe("Mem0TransportError")
    expect(seen()).toHaveLength(3)
  })

  it("a refused connection is a transport error", async () => {
    const closed = await startLocalServer({ port: 0 })
    const url = closed.url
    await closed.close()
    const e = err(await run((c) => c.listOrganizations(), { baseUrl: url, retry: false }))
    expect(e._tag).toBe("Mem0TransportError")
    expect(e.message).toContain("Could not reach Mem0")
  })

  it("malformed JSON is a decode error, not retried", async () => {
    fault({ faults: [{ kind: "malformed" }] })
    const e = err(await run((c) => c.listOrganizations()))
    expect(e).toMatchObject({ _tag: "Mem0DecodeError", issuePath: "$", status: 200 })
    expect(seen()).toHaveLength(1)
  })

  it("drifted bodies: missing and extra fields decode, wrong types and lost ids fail with the path", async () => {
    fault({ faults: [{ kind: "drift", variant: "missing-fields" }, { kind: "drift", variant: "extra-fields" }] })
    const lean = ok(await run((c) => c.listOrganizations()))
    expect(lean[1]).toMatchObject({ org_id: LAB, name: "Zürich Lab 研究所" })
    expect(lean[1]?.user_role).toBeUndefined()
    expect(ok(await run((c) => c.listOrganizations()))).toHaveLength(4)

    const cases: ReadonlyArray<[FaultRule, string]> = [
      [{ faults: [{ kind: "drift", variant: "wrong-types" }] }, "[0].name"],
      [{ faults: [{ kind: "drift", variant: "missing-id" }] }, "[0].org_id"],
      [{ faults: [{ kind: "drift", variant: "wrong-container" }] }, "$"]
    ]
    for (const [rule, path] of cases) {
      fault(rule)
      expect(err(await run((c) => c.listOrganizations()))).toMatchObject({ _tag: "Mem0DecodeError", issuePath: path })
    }
    fault({ faults: [{ kind: "drift", variant: "wrong-types" }] })
    expect(err(await run((c) => c.listMembers(LAB)))).toMatchObject({ issuePath: "members[0].role" })
  })

  it("fixed latency delays the answer but it arrives", async () => {
    fault({ latencyMs: 150 })
    const started = Date.now()
    expect(ok(await run((c) => c.listOrganizations()))).toHaveLength(4)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("429 with Retry-After in seconds delays the retry by about that long", async () => {
    fault({ faults: [{ kind: "rate-limit", retryAfterSeconds: 1 }] })
    expect(ok(await run((c) => c.listOrganizations()))).toHaveLength(4)
    const [first, second] = seen()
    expect(first?.status).toBe(429)
    const gap = second!.at - first!.at
    expect(gap).toBeGreaterThanOrEqual(950)
    expect(gap).toBeLessThan(3000)
  })

  it("429 with retry-after-ms delays the retry by about that long", async () => {
    fault({ faults: [{ kind: "rate-limit", retryAfterMs: 400 }] })
    ok(await run((c) => c.listOrganizations()))
    const [first, second] = seen()
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(380)
    expect(second!.at - first!.at).toBeLessThan(2000)
  })

  it("429 with Retry-After as an HTTP-date delays the retry until about then", async () => {
    fault({ faults: [{ kind: "rate-limit", retryAfterDateSeconds: 2 }] })
    ok(await run((c) => c.listOrganizations()))
    const [first, second] = seen()
    // HTTP-dates have whole seconds: the wait is between 1 and 2 s
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
    expect(second!.at - first!.at).toBeLessThan(3000)
  })

  it("429 asking for more than the cap fails at once with the wait", async () => {
    fault({ faults: [{ kind: "rate-limit", retryAfterSeconds: 90 }] })
    const e = err(await run((c) => c.listOrganizations()))
    expect(e._tag).toBe("Mem0RateLimited")
    expect(e._tag === "Mem0RateLimited" && Duration.toSeconds(e.retryAfter!)).toBe(90)
    expect(seen()).toHaveLength(1)
  })

  it("a hung response is cut by the per-attempt timeout, and the retry succeeds", async () => {
    const abortsBefore = server.clientAborts()
    fault({ faults: [{ kind: "hang" }] })
    const started = Date.now()
    expect(ok(await run((c) => c.listOrganizations(), { timeout: { perAttempt: "300 millis" } }))).toHaveLength(4)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(seen().map((r) => r.status)).toEqual(["hang", 200])
    await waitFor(() => server.clientAborts() === abortsBefore + 1)
  })

  it("a stalled body is cut by the per-attempt timeout; with no retries left it is Mem0Timeout", async () => {
    fault({ faults: [{ kind: "stall" }] })
    const e = err(await run((c) => c.listOrganizations(), { retry: false, timeout: { perAttempt: "300 millis" } }))
    expect(e).toMatchObject({ _tag: "Mem0Timeout", scope: "attempt" })
  })

  it("the overall deadline stops a call that keeps hanging", async () => {
    fault({ faults: [{ kind: "hang" }], times: 10 })
    const started = Date.now()
    const e = err(
      await run((c) => c.listOrganizations(), {
        // 300 ms attempts with 100 ms waits (the floor): the third attempt gets only what remains of the second
        retry: { maxRetries: 5, baseDelay: "10 millis" },
        timeout: { perAttempt: "300 millis", total: "1 second" }
      })
    )
    expect(e).toMatchObject({ _tag: "Mem0Timeout", scope: "deadline" })
    expect(Date.now() - started).toBeLessThan(2500)
    expect(seen().length).toBeGreaterThanOrEqual(2)
  })
})

describe("changes against the real server", () => {
  it("creates an organization, manages its members, and deletes it", async () => {
    const created = ok(await run((c) => c.createOrganization("Contract test org")))
    expect(created.orgId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)
    const orgs = ok(await run((c) => c.listOrganizations()))
    expect(orgs.find((o) => o.org_id === created.orgId)).toMatchObject({ name: "Contract test org", user_role: "OWNER" })

    ok(await run((c) => c.addMember(created.orgId, { email: "eli@example.net", role: "READER" })))
    ok(await run((c) => c.updateMemberRole(created.orgId, { email: "eli@example.net", role: "OWNER" })))
    const members = ok(await run((c) => c.listMembers(created.orgId)))
    expect(members.map((m) => [m.user_id, m.role])).toEqual([["ana", "OWNER"], ["eli", "OWNER"]])
    ok(await run((c) => c.removeMember(created.orgId, "eli@example.net")))
    expect(ok(await run((c) => c.listMembers(created.orgId))).map((m) => m.user_id)).toEqual(["ana"])

    ok(await run((c) => c.deleteOrganization(created.orgId)))
    expect(err(await run((c) => c.getOrganization(created.orgId)))).toMatchObject({ _tag: "Mem0NotFound", orgId: created.orgId })
    expect(seen().map((r) => r.method)).toEqual(["POST", "GET", "POST", "PUT", "GET", "DELETE", "GET", "DELETE", "GET"])
  })

  it("a READER gets Mem0Forbidden on owner-only changes, and bad input gets the field errors", async () => {
    const forbidden = err(await run((c) => c.addMember(LAB, { email: "x@y.zz", role: "READER" })))
    expect(forbidden).toMatchObject({ _tag: "Mem0Forbidden", method: "POST", status: 403, detail: "Unauthorized" })
    const invalid = err(await run((c) => c.addMember(PERSONAL, { email: "x@y.zz", role: "ADMIN" })))
    expect(invalid).toMatchObject({ _tag: "Mem0BadRequest", fieldErrors: { role: ["\"ADMIN\" is not a valid choice. Use OWNER or READER."] } })
    expect(err(await run((c) => c.deleteOrganization(LAB)))._tag).toBe("Mem0Forbidden")
  })

  it("a change is not retried on 503 by default", async () => {
    fault({ method: "POST", path: API, faults: [{ kind: "status", status: 503 }] })
    expect(err(await run((c) => c.createOrganization("Not retried")))).toMatchObject({ _tag: "Mem0ServerError", method: "POST" })
    expect(seen()).toHaveLength(1)
    expect(ok(await run((c) => c.listOrganizations())).some((o) => o.name === "Not retried")).toBe(false)
  })
})

describe("interruption and concurrency", () => {
  it.each(stacks)("interrupting a call closes its socket (%s)", async (_name, http) => {
    const abortsBefore = server.clientAborts()
    fault({ faults: [{ kind: "hang" }] })
    await Effect.runPromise(
      Effect.gen(function*() {
        const client = yield* Mem0Client.Mem0Client
        const fiber = yield* Effect.fork(client.listOrganizations())
        yield* Effect.promise(() => waitFor(() => seen().length === 1))
        yield* Fiber.interrupt(fiber)
      }).pipe(
        Effect.provide(
          Mem0Client.layer({ apiKey: DEMO_KEY, baseUrl: server.url }).pipe(Layer.provide(http))
        )
      )
    )
    await waitFor(() => server.clientAborts() > abortsBefore)
    expect(server.clientAborts()).toBe(abortsBefore + 1)
    expect(seen()).toHaveLength(1)
  })

  it("50 concurrent listMembers calls all succeed and none is lost", async () => {
    fault({ latencyMs: 20 })
    const ids = [PERSONAL, LAB, "org_c4e1a9f07b3d5e28", "org_0e9d8c7b6a5f4e3d"]
    const calls = Array.from({ length: 50 }, (_, i) => ids[i % ids.length]!)
    const results = ok(
      await run((c) => Effect.forEach(calls, (id) => c.listMembers(id), { concurrency: "unbounded" }))
    )
    expect(results).toHaveLength(50)
    expect(results.map((r) => r.length)).toEqual(calls.map((id) => ({ [PERSONAL]: 1, [LAB]: 3 }[id] ?? (id === ids[2] ? 5 : 0))))
    expect(seen()).toHaveLength(50)
    expect(seen().every((r) => r.status === 200)).toBe(true)
  })
})

describe("the key stays secret", () => {
  it("appears in no client log line, server log line or error text", async () => {
    const errors: Array<unknown> = []
    fault({ faults: [{ kind: "status", status: 400, body: JSON.stringify({ errors: { key: [`Token ${DEMO_KEY}`] } }) }] })
    errors.push(err(await run((c) => c.listOrganizations())))
    fault({ faults: [{ kind: "status", status: 418, body: `echo: Token ${DEMO_KEY}` }] })
    errors.push(err(await run((c) => c.listOrganizations())))
    fault({ faults: [{ kind: "malformed" }] })
    errors.push(err(await run((c) => c.listOrganizations())))
    fault({ faults: [{ kind: "reset" }], times: 3 })
    errors.push(err(await run((c) => c.listOrganizations())))
    fault({ faults: [{ kind: "hang" }] })
    errors.push(err(await run((c) => c.listOrganizations(), { retry: false, timeout: { perAttempt: "200 millis" } })))
    errors.push(err(await run((c) => c.listMembers("org_nope"))))
    expect(errors.map((e) => (e as Mem0Error.Mem0Error)._tag)).toEqual([
      "Mem0BadRequest",
      "Mem0UnexpectedStatus",
      "Mem0DecodeError",
      "Mem0TransportError",
      "Mem0Timeout",
      "Mem0NotFound"
    ])
    for (const e of errors) {
      for (const text of [String(e), JSON.stringify(e), inspect(e, { depth: 10 }), (e as Error).message]) {
        expect(text).not.toContain(DEMO_KEY)
      }
    }
    expect(clientLines.length).toBeGreaterThan(5)
    expect(serverLines.length).toBeGreaterThan(5)
    for (const line of [...clientLines, ...serverLines]) expect(line).not.toContain(DEMO_KEY)
  })
})

describe.each(stacks)("a hostile server, over %s", (_name, http) => {
  it("a 500 MB streamed body stops at the 10 MiB cap: typed, not retried, memory bounded", async () => {
    fault({ path: API, faults: [{ kind: "oversize", bytes: 500 * 1024 * 1024 }] })
    global.gc?.()
    const before = process.memoryUsage().rss
    const started = Date.now()
    const exit = await run((c) => c.listOrganizations(), {}, http)
    const grown = process.memoryUsage().rss - before
    expect(err(exit)).toMatchObject({ _tag: "Mem0ResponseTooLarge", limit: 10 * 1024 * 1024 })
    expect(seen()).toHaveLength(1)
    // 10 MiB of text held at most, plus buffers in flight; reading 500 MB whole would add far more
    expect(grown).toBeLessThan(150 * 1024 * 1024)
    expect(Date.now() - started).toBeLessThan(10_000)
    await waitFor(() => server.clientAborts() >= 1, 5000)
  }, 30_000)

  it("a UTF-8 BOM before the JSON decodes", async () => {
    fault({ path: API, faults: [{ kind: "bom" }] })
    expect(ok(await run((c) => c.listOrganizations(), {}, http))).toHaveLength(4)
    fault({ path: `${API}${LAB}/members/`, faults: [{ kind: "bom" }] })
    expect(ok(await run((c) => c.listMembers(LAB), {}, http)).length).toBeGreaterThan(0)
  })

  it("optional fields of the wrong type are read as absent: every organization and member still shows", async () => {
    fault({ path: API, faults: [{ kind: "drift", variant: "optional-types" }] })
    const orgs = ok(await run((c) => c.listOrganizations(), {}, http))
    expect(orgs.map((o) => o.org_id)).toHaveLength(4)
    for (const org of orgs) {
      expect(org.updated_at).toBeUndefined()
      expect(org.members).toBeUndefined()
    }
    fault({ path: `${API}${LAB}/members/`, faults: [{ kind: "drift", variant: "optional-types" }] })
    const members = ok(await run((c) => c.listMembers(LAB), {}, http))
    expect(members.length).toBe(3)
    expect(members.every((m) => m.email === undefined)).toBe(true)
    expect(clientLines.some((l) => l.includes("Organization.updated_at") && l.includes("read as absent"))).toBe(true)
  })

  it("a redirect to another loopback server is refused: that server never receives the key", async () => {
    const other = await startLocalServer({ port: 0 })
    try {
      for (const status of [301, 302, 307, 308] as const) {
        fault({ path: API, faults: [{ kind: "redirect", status, location: `${other.url}${API}` }] })
        const error = err(await run((c) => c.listOrganizations(), {}, http))
        expect(error).toMatchObject({ _tag: "Mem0RedirectRefused", status, location: other.url })
      }
      expect(other.requests()).toEqual([])
      // a same-origin redirect is followed
      fault({ path: API, faults: [{ kind: "redirect", location: `${API}?page=1` }] })
      expect(ok(await run((c) => c.listOrganizations(), {}, http))).toHaveLength(4)
    } finally {
      await other.close()
    }
  })
})

describe.each(stacks)("projects and ping against the real server, over %s", (_name, http) => {
  const ACME = "org_c4e1a9f07b3d5e28"
  const PROD = "proj_a9f07b3d5e28c4e1"

  it("ping says which organization and project the key is bound to", async () => {
    expect(ok(await run((c) => c.ping(), {}, http))).toEqual({
      orgId: PERSONAL,
      projectId: "proj_9c1e5d2b4a607f3a",
      userEmail: "ana@example.com"
    })
    const rejected = await run((c) => c.ping(), { apiKey: Redacted.make("m0-unknown-key") }, http)
    expect(err(rejected)._tag).toBe("Mem0Unauthorized")
  })

  it("lists, reads, creates, updates (custom_instructions round trip) and deletes a project", async () => {
    const projects = ok(await run((c) => c.listProjects(PERSONAL), {}, http))
    expect(projects.map((p) => p.name)).toEqual(["Default project", "Support bot memories", "Research notes"])
    const support = ok(await run((c) => c.getProject(PERSONAL, "proj_9c1e5d2b4a607f3a"), {}, http))
    expect(support.custom_instructions).toContain("Never store payment details")
    expect(support.custom_categories).toHaveLength(2)
    expect(support).toMatchObject({ enable_graph: true, decay: true, user_role: "OWNER" })

    const created = ok(await run((c) => c.createProject(PERSONAL, { name: "Made over HTTP", description: "d" }), {}, http))
    ok(await run((c) => c.updateProject(PERSONAL, created.projectId, { custom_instructions: "Keep it short.", multilingual: true }), {}, http))
    const updated = ok(await run((c) => c.getProject(PERSONAL, created.projectId), {}, http))
    expect(updated).toMatchObject({ name: "Made over HTTP", description: "d", custom_instructions: "Keep it short.", multilingual: true })
    ok(await run((c) => c.deleteProject(PERSONAL, created.projectId), {}, http))
    expect(err(await run((c) => c.getProject(PERSONAL, created.projectId), {}, http))).toMatchObject({
      _tag: "Mem0NotFound",
      orgId: PERSONAL,
      projectId: created.projectId
    })
  })

  it("manages a project's members, removal by ?email=", async () => {
    const member = { email: "eli@example.net", role: "READER" } as const
    ok(await run((c) => c.addProjectMember(ACME, PROD, member), {}, http))
    ok(await run((c) => c.updateProjectMemberRole(ACME, PROD, { ...member, role: "OWNER" }), {}, http))
    expect(ok(await run((c) => c.listProjectMembers(ACME, PROD), {}, http))).toContainEqual(
      expect.objectContaining({ username: "eli", role: "OWNER" })
    )
    ok(await run((c) => c.removeProjectMember(ACME, PROD, member.email), {}, http))
    const after = ok(await run((c) => c.listProjectMembers(ACME, PROD), {}, http))
    expect(after.map((m) => m.username)).not.toContain("eli")
    const removal = server.requests().filter((r) => r.method === "DELETE" && r.path.endsWith("/members/")).at(-1)
    expect(removal?.status).toBe(200)
  })

  it("a reader may see a project but not change it (403); a project it is not in is a 404", async () => {
    const LAB_NOTEBOOK = "proj_44a1c9e7b32b8d0f"
    expect(ok(await run((c) => c.getProject(LAB, LAB_NOTEBOOK), {}, http)).user_role).toBe("READER")
    expect(err(await run((c) => c.updateProject(LAB, LAB_NOTEBOOK, { name: "x" }), {}, http))._tag).toBe("Mem0Forbidden")
    expect(err(await run((c) => c.createProject(LAB, { name: "x" }), {}, http))._tag).toBe("Mem0Forbidden")
    expect(err(await run((c) => c.getProject(LAB, "proj_c9e7b32b8d0f44a1"), {}, http))._tag).toBe("Mem0NotFound")
  })

  it("faults on the new paths: 503, 503, then the projects; deleting an organization deletes its projects", async () => {
    fault({ path: `${API}${ACME}/projects/`, faults: [{ kind: "status", status: 503 }, { kind: "status", status: 503 }] })
    expect(ok(await run((c) => c.listProjects(ACME), {}, http))).toHaveLength(2)
    expect(seen().filter((r) => r.path === `${API}${ACME}/projects/`).map((r) => r.status)).toEqual([503, 503, 200])
    ok(await run((c) => c.deleteOrganization(ACME), {}, http))
    expect(err(await run((c) => c.listProjects(ACME), {}, http))._tag).toBe("Mem0NotFound")
  })
})
