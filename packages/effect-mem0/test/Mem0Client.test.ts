import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { inspect } from "node:util"
import * as Mem0Client from "../src/Mem0Client.js"
import { Mem0ConfigError, type Mem0Error } from "../src/Mem0Error.js"
import currentFixture from "./fixtures/current-organizations.json" with { type: "json" }
import membersFixture from "./fixtures/members.json" with { type: "json" }
import seedFixture from "./fixtures/seed-organizations.json" with { type: "json" }
import {
  type Answer,
  API_KEY,
  failure,
  fakeHttp,
  json,
  recordingLogger,
  recordingTracer,
  success,
  text,
  withClientTimed
} from "./support.js"

const noJitter = { jitter: 0 } as const

/** Runs `use` against a client whose transport answers from `script`. */
const withClient = <A, E>(
  script: (n: number) => Answer,
  use: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, E>,
  options: Partial<Mem0Client.Mem0ClientOptions> = {}
) =>
  Effect.gen(function*() {
    const http = yield* fakeHttp(script)
    const client = yield* Mem0Client.make({ apiKey: Redacted.make(API_KEY), retry: noJitter, ...options }).pipe(
      Effect.provide(http.layer)
    )
    return { result: yield* use(client).pipe(Effect.exit), seen: yield* Ref.get(http.seen) }
  })

describe("Mem0Client requests", () => {
  it.effect("sends GET with Token auth to the documented paths with trailing slashes", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClient(
        (n) => (n === 0 ? json(currentFixture) : n === 1 ? json(currentFixture[0]) : json(membersFixture)),
        (c) => Effect.all([c.listOrganizations(), c.getOrganization("org_7f3a9c1e"), c.listMembers("org_7f3a9c1e")])
      )
      expect(seen.map((r) => r.url)).toEqual([
        "https://api.mem0.ai/api/v1/orgs/organizations/",
        "https://api.mem0.ai/api/v1/orgs/organizations/org_7f3a9c1e/",
        "https://api.mem0.ai/api/v1/orgs/organizations/org_7f3a9c1e/members/"
      ])
      expect(seen.every((r) => r.method === "GET")).toBe(true)
      expect(seen[0]?.headers["authorization"]).toBe(`Token ${API_KEY}`)
      expect(seen[0]?.headers["accept"]).toBe("application/json")
    }))

  it.effect("decodes the seed-shape and current-shape fixtures through the client", () =>
    Effect.gen(function*() {
      const seed = yield* withClient(() => json(seedFixture), (c) => c.listOrganizations())
      expect(success(seed.result).map((o) => o.members)).toEqual([[3, 8, 21], []])
      const current = yield* withClient(() => json(currentFixture), (c) => c.listOrganizations())
      expect(success(current.result).map((o) => o.user_role)).toEqual(["OWNER", "READER"])
      const members = yield* withClient(() => json(membersFixture), (c) => c.listMembers("org_1"))
      expect(success(members.result).map((m) => [m.user_id, m.role])).toEqual([
        ["ana", "OWNER"],
        ["bo", "READER"],
        ["42", "AUDITOR"]
      ])
    }))

  it.effect("uses a custom base URL without doubling slashes", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClient(() => json([]), (c) => c.listOrganizations(), {
        baseUrl: "http://127.0.0.1:8080/"
      })
      expect(seen[0]?.url).toBe("http://127.0.0.1:8080/api/v1/orgs/organizations/")
    }))

  it.effect("path parameters cannot escape their segment", () =>
    Effect.gen(function*() {
      const hostile = ["a/../b", "x?y=1", "%2e", "...", "#frag", "a b/ü", "../../../admin"]
      const { seen } = yield* withClient(
        () => json({ members: [] }),
        (c) => Effect.forEach(hostile, (id) => c.listMembers(id))
      )
      const prefix = "https://api.mem0.ai/api/v1/orgs/organizations/"
      expect(seen.map((r) => r.url)).toEqual([
        `${prefix}a%2F..%2Fb/members/`,
        `${prefix}x%3Fy%3D1/members/`,
        `${prefix}%252e/members/`,
        `${prefix}.../members/`,
        `${prefix}%23frag/members/`,
        `${prefix}a%20b%2F%C3%BC/members/`,
        `${prefix}..%2F..%2F..%2Fadmin/members/`
      ])
      for (const request of seen) {
        const url = new URL(request.url)
        expect(url.pathname.split("/").filter(Boolean)).toHaveLength(6)
        expect(url.search).toBe("")
        expect(url.hash).toBe("")
      }
    }))

  it.effect("dot segments, which URLs resolve even percent-encoded, are refused before any request", () =>
    Effect.gen(function*() {
      for (const id of [".", ".."]) {
        const { result, seen } = yield* withClient(() => json({}), (c) => c.getOrganization(id))
        expect(failure(result)).toMatchObject({ _tag: "Mem0InvalidInput", argument: "orgId" })
        expect(seen).toHaveLength(0)
      }
    }))

  it.effect("an empty org_id fails with Mem0InvalidInput before any request", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClient(() => json({ members: [] }), (c) => c.listMembers("  "))
      expect(failure(result)._tag).toBe("Mem0InvalidInput")
      expect(seen).toHaveLength(0)
    }))
})

describe("Mem0Client decoding failures", () => {
  it.effect("rejects a non-array body with a decode error naming the path", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => json({ organizations: [] }), (c) => c.listOrganizations())
      const error = failure(result)
      expect(error._tag).toBe("Mem0DecodeError")
      if (error._tag !== "Mem0DecodeError") return
      expect(error.issuePath).toBe("$")
      expect(error.status).toBe(200)
      expect(error.body).toBe(`{"organizations":[]}`)
    }))

  it.effect("names the path of an organization without org_id", () =>
    Effect.gen(function*() {
      const body = [...currentFixture, { name: "no id" }]
      const { result } = yield* withClient(() => json(body), (c) => c.listOrganizations())
      const error = failure(result)
      expect(error._tag === "Mem0DecodeError" && error.issuePath).toBe("[2].org_id")
      expect(error.message).toContain("[2].org_id")
    }))

  it.effect("malformed JSON is a decode error with the body excerpt", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => text(`[{"org_id": "a", "name": `), (c) => c.listOrganizations())
      const error = failure(result)
      expect(error._tag).toBe("Mem0DecodeError")
      expect(error._tag === "Mem0DecodeError" && error.issue).toMatch(/not JSON/)
      expect(error._tag === "Mem0DecodeError" && error.body).toBe(`[{"org_id": "a", "name": `)
    }))

  it.effect("an empty body is a decode error", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => text(""), (c) => c.listOrganizations())
      const error = failure(result)
      expect(error._tag === "Mem0DecodeError" && error.issue).toBe("the body is empty")
    }))

  it.effect("keeps at most 1 KB of a large bad body", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => text(`<html>${"x".repeat(50_000)}</html>`), (c) => c.listOrganizations())
      const error = failure(result)
      expect(error._tag === "Mem0DecodeError" && error.body.length).toBe(1024)
    }))

  it.effect("decode errors are not retried", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClient(() => text("nope"), (c) => c.listOrganizations())
      expect(seen).toHaveLength(1)
    }))
})

describe("Mem0Client status mapping", () => {
  const cases: ReadonlyArray<[number, Mem0Error["_tag"]]> = [
    [400, "Mem0BadRequest"],
    [401, "Mem0Unauthorized"],
    [403, "Mem0Forbidden"],
    [404, "Mem0NotFound"],
    [409, "Mem0UnexpectedStatus"],
    [418, "Mem0UnexpectedStatus"],
    [422, "Mem0UnexpectedStatus"],
    [429, "Mem0RateLimited"],
    [500, "Mem0ServerError"],
    [503, "Mem0ServerError"],
    [302, "Mem0UnexpectedStatus"]
  ]
  for (const [status, tag] of cases) {
    it.effect(`status ${status} maps to ${tag} with method, path and status`, () =>
      Effect.gen(function*() {
        const { result } = yield* withClientTimed(
          () => json({ message: "nope" }, status),
          (c) => c.getOrganization("org_1"),
          { retry: false }
        )
        const error = failure(result)
        expect(error._tag).toBe(tag)
        expect(error).toMatchObject({ method: "GET", path: "/api/v1/orgs/organizations/org_1/", status })
        expect(error.message.length).toBeGreaterThan(10)
      }))
  }

  it.effect("400 carries Mem0's field errors", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(
        () => json({ errors: { name: ["This field is required."], role: ["Unknown role."] } }, 400),
        (c) => c.listOrganizations()
      )
      const error = failure(result)
      expect(error._tag === "Mem0BadRequest" && error.fieldErrors).toEqual({
        name: ["This field is required."],
        role: ["Unknown role."]
      })
      expect(error.message).toContain("name: This field is required.")
    }))

  it.effect("400 field errors at the top level (Django REST Framework's shape) are read too; the message is not a field", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(
        () => json({ email: ["Enter a valid email address."], message: "Invalid input.", count: 3 }, 400),
        (c) => c.listOrganizations()
      )
      const error = failure(result)
      expect(error._tag === "Mem0BadRequest" && error.fieldErrors).toEqual({ email: ["Enter a valid email address."] })
    }))

  it.effect("404 carries the org_id", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(
        () => json({ message: "Organization not found" }, 404),
        (c) => c.listMembers("org_missing")
      )
      const error = failure(result)
      expect(error._tag === "Mem0NotFound" && error.orgId).toBe("org_missing")
      expect(error.message).toContain("org_missing")
    }))

  it.effect("403 carries the server's message", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => json({ message: "Unauthorized" }, 403), (c) => c.listMembers("o"))
      const error = failure(result)
      expect(error._tag === "Mem0Forbidden" && error.detail).toBe("Unauthorized")
    }))

  it.effect("429 carries the server's wait as a Duration", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(
        () => json({}, 429, { "retry-after": "7" }),
        (c) => c.listOrganizations(),
        { retry: false }
      )
      const error = failure(result)
      expect(error._tag).toBe("Mem0RateLimited")
      if (error._tag !== "Mem0RateLimited") return
      expect(Duration.toMillis(error.retryAfter!)).toBe(7000)
      expect(error.message).toContain("7 s")
    }))
})

describe("Mem0Client retries", () => {
  for (const status of [408, 429, 500, 502, 503, 504]) {
    it.effect(`retries ${status} and then succeeds`, () =>
      Effect.gen(function*() {
        const { result, seen } = yield* withClientTimed(
          (n) => (n < 2 ? json({ message: "busy" }, status) : json(currentFixture)),
          (c) => c.listOrganizations()
        )
        expect(success(result)).toHaveLength(2)
        expect(seen).toHaveLength(3)
        // backoff 500 ms × 2^n without jitter
        expect(seen.map((r) => r.at)).toEqual([0, 500, 1500])
      }))
  }

  it.effect("retries a transport failure", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        (n) => (n === 0 ? Effect.fail(new TypeError("fetch failed: ECONNRESET")) : json(membersFixture)),
        (c) => c.listMembers("org_1")
      )
      expect(success(result)).toHaveLength(3)
      expect(seen).toHaveLength(2)
    }))

  it.effect("gives up after the configured attempts with the last error", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        (n) => json({ attempt: n }, n < 3 ? 503 : 502),
        (c) => c.listOrganizations(),
        { retry: { maxRetries: 3, jitter: 0 } }
      )
      const error = failure(result)
      expect(seen).toHaveLength(4)
      expect(error._tag === "Mem0ServerError" && error.status).toBe(502)
      expect(seen.map((r) => r.at)).toEqual([0, 500, 1500, 3500])
    }))

  it.effect("gives up after 3 attempts by default", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(() => json({}, 500), (c) => c.listOrganizations())
      expect(failure(result)._tag).toBe("Mem0ServerError")
      expect(seen).toHaveLength(3)
    }))

  for (const status of [400, 401, 403, 404, 422]) {
    it.effect(`never retries ${status}`, () =>
      Effect.gen(function*() {
        const { seen } = yield* withClientTimed(() => json({}, status), (c) => c.listOrganizations())
        expect(seen).toHaveLength(1)
      }))
  }

  it.effect("does not retry when retries are off", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(() => json({}, 503), (c) => c.listOrganizations(), { retry: false })
      expect(seen).toHaveLength(1)
    }))

  it.effect("does not retry GET when GET is not among the retried methods", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(() => json({}, 503), (c) => c.listOrganizations(), {
        retry: { retryMethods: ["POST"] }
      })
      expect(seen).toHaveLength(1)
    }))

  it.effect("backoff is capped at maxDelay", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(
        () => json({}, 500),
        (c) => c.listOrganizations(),
        { retry: { maxRetries: 4, jitter: 0, baseDelay: "1 second", maxDelay: "3 seconds" } }
      )
      expect(seen.map((r) => r.at)).toEqual([0, 1000, 3000, 6000, 9000])
    }))

  it.effect("jitter shortens delays by at most the jitter fraction", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(
        () => json({}, 500),
        (c) => c.listOrganizations(),
        { retry: { maxRetries: 2, jitter: 0.5 } }
      )
      const gaps = [seen[1]!.at - seen[0]!.at, seen[2]!.at - seen[1]!.at]
      expect(gaps[0]).toBeGreaterThanOrEqual(250)
      expect(gaps[0]).toBeLessThanOrEqual(500)
      expect(gaps[1]).toBeGreaterThanOrEqual(500)
      expect(gaps[1]).toBeLessThanOrEqual(1000)
    }))
})

describe("Mem0Client Retry-After", () => {
  const rateLimitedThenOk = (headers: Record<string, string>) => (n: number) =>
    n === 0 ? json({ detail: "slow down" }, 429, headers) : json(currentFixture)

  it.effect("honours retry-after-ms", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        rateLimitedThenOk({ "retry-after-ms": "1250", "retry-after": "9" }),
        (c) => c.listOrganizations()
      )
      success(result)
      expect(seen[1]!.at - seen[0]!.at).toBe(1250)
    }))

  it.effect("honours Retry-After in seconds", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(rateLimitedThenOk({ "retry-after": "3" }), (c) => c.listOrganizations())
      expect(seen[1]!.at - seen[0]!.at).toBe(3000)
    }))

  it.effect("honours Retry-After as an HTTP-date", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00Z"))
      const { seen } = yield* withClientTimed(
        rateLimitedThenOk({ "retry-after": "Thu, 01 Jan 2026 00:00:04 GMT" }),
        (c) => c.listOrganizations()
      )
      expect(seen[1]!.at - seen[0]!.at).toBe(4000)
    }))

  for (const garbage of ["soon", "-5", "1e3", "Wed, 01 Jan 2020 00:00:00 GMT", ""]) {
    it.effect(`ignores a garbage or past Retry-After (${JSON.stringify(garbage)}) and falls back to backoff`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00Z"))
        const { seen } = yield* withClientTimed(
          rateLimitedThenOk({ "retry-after": garbage, "retry-after-ms": "abc" }),
          (c) => c.listOrganizations()
        )
        expect(seen[1]!.at - seen[0]!.at).toBe(500)
      }))
  }

  it.effect("fails at once on a wait above the cap, carrying the wait", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        rateLimitedThenOk({ "retry-after": "120" }),
        (c) => c.listOrganizations()
      )
      const error = failure(result)
      expect(seen).toHaveLength(1)
      expect(error._tag).toBe("Mem0RateLimited")
      expect(error._tag === "Mem0RateLimited" && Duration.toSeconds(error.retryAfter!)).toBe(120)
      expect(error.message).toContain("2 min")
    }))

  it.effect("fails at once when the wait is longer than what remains of the deadline", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        rateLimitedThenOk({ "retry-after": "20" }),
        (c) => c.listOrganizations(),
        { timeout: { total: "10 seconds" } }
      )
      expect(seen).toHaveLength(1)
      expect(failure(result)._tag).toBe("Mem0RateLimited")
    }))

  it.effect("a 503 with Retry-After waits as asked", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(
        (n) => (n === 0 ? json({}, 503, { "retry-after": "2" }) : json([])),
        (c) => c.listOrganizations()
      )
      expect(seen[1]!.at - seen[0]!.at).toBe(2000)
    }))
})

describe("Mem0Client timeouts and interruption", () => {
  it.effect("a per-attempt timeout is retried", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        (n) => (n === 0 ? Effect.never : json(currentFixture)),
        (c) => c.listOrganizations(),
        { timeout: { perAttempt: "2 seconds" } }
      )
      expect(success(result)).toHaveLength(2)
      expect(seen.map((r) => r.at)).toEqual([0, 2500])
      expect(seen[0]!.signal.aborted).toBe(true)
    }))

  it.effect("a hung attempt fails with Mem0Timeout scope attempt when retries run out", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(() => Effect.never, (c) => c.listOrganizations(), {
        retry: false,
        timeout: { perAttempt: "1 second" }
      })
      const error = failure(result)
      expect(error._tag === "Mem0Timeout" && error.scope).toBe("attempt")
      expect(seen).toHaveLength(1)
    }))

  it.effect("the overall deadline stops everything", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(() => Effect.never, (c) => c.listOrganizations(), {
        retry: { maxRetries: 10, jitter: 0 },
        timeout: { perAttempt: "4 seconds", total: "10 seconds" }
      })
      const error = failure(result)
      expect(error._tag).toBe("Mem0Timeout")
      expect(error._tag === "Mem0Timeout" && error.scope).toBe("deadline")
      expect(error._tag === "Mem0Timeout" && Duration.toSeconds(error.timeout)).toBe(10)
      // attempts at 0, 4.5 s and 9.5 s (after 500 ms and 1 s backoff); the deadline cuts the third
      expect(seen.map((r) => r.at)).toEqual([0, 4500, 9500])
      expect(seen.every((r) => r.signal.aborted)).toBe(true)
    }))

  it.effect("interruption aborts the in-flight request", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => Effect.never)
      const client = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      const fiber = yield* Effect.fork(client.listOrganizations())
      yield* TestClock.adjust("100 millis")
      const seen = yield* Ref.get(http.seen)
      expect(seen).toHaveLength(1)
      expect(seen[0]!.signal.aborted).toBe(false)
      yield* Fiber.interrupt(fiber)
      expect(seen[0]!.signal.aborted).toBe(true)
    }))

  it.effect("interruption cancels a pending backoff sleep", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json({}, 503))
      const client = yield* Mem0Client.make({ apiKey: API_KEY, retry: noJitter }).pipe(Effect.provide(http.layer))
      const fiber = yield* Effect.fork(client.listOrganizations())
      yield* TestClock.adjust("100 millis")
      expect(yield* Ref.get(http.seen)).toHaveLength(1)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      yield* TestClock.adjust("1 minute")
      expect(yield* Ref.get(http.seen)).toHaveLength(1)
    }))
})

describe("Mem0Client secrets", () => {
  it.effect("the API key never appears in errors, logs or spans", () => {
    const { spans, tracer } = recordingTracer()
    const logs = recordingLogger()
    return Effect.gen(function*() {
      const errors: Array<unknown> = []
      // the server echoes the key back in its bodies: the excerpts must not carry it
      const echo = `{"message": "bad key Token ${API_KEY}"}`
      for (const status of [400, 401, 403, 404, 429, 500, 418]) {
        const { result } = yield* withClientTimed(() => text(echo, status), (c) => c.getOrganization("org_1"))
        errors.push(failure(result))
      }
      const decode = yield* withClientTimed(() => text(`not json ${API_KEY}`), (c) => c.listMembers("o"))
      errors.push(failure(decode.result))
      const drift = yield* withClientTimed(() => json([{ name: API_KEY }]), (c) => c.listOrganizations())
      errors.push(failure(drift.result))
      const transport = yield* withClientTimed(
        () => Effect.fail(new TypeError("connect ECONNREFUSED")),
        (c) => c.listOrganizations()
      )
      errors.push(failure(transport.result))
      const timeout = yield* withClientTimed(() => Effect.never, (c) => c.listOrganizations(), {
        timeout: { perAttempt: "1 second" }
      })
      errors.push(failure(timeout.result))
      success((yield* withClientTimed(() => json(currentFixture), (c) => c.listOrganizations())).result)

      expect(errors.map((e) => (e as Mem0Error)._tag)).toEqual([
        "Mem0BadRequest",
        "Mem0Unauthorized",
        "Mem0Forbidden",
        "Mem0NotFound",
        "Mem0RateLimited",
        "Mem0ServerError",
        "Mem0UnexpectedStatus",
        "Mem0DecodeError",
        "Mem0DecodeError",
        "Mem0TransportError",
        "Mem0Timeout"
      ])
      expect(String(errors[6])).toBeTruthy()
      const texts = errors.flatMap((e) => [String(e), JSON.stringify(e), inspect(e, { depth: 10 }), (e as Error).message])
      for (const t of texts) expect(t).not.toContain(API_KEY)
      expect(JSON.stringify(errors[6])).toContain("<redacted>")

      expect(logs.lines.some((l) => l.includes("/api/v1/orgs/organizations/") && l.includes("attempt"))).toBe(true)
      for (const line of logs.lines) expect(line).not.toContain(API_KEY)

      const clientSpans = spans.filter((s) => s.name.startsWith("Mem0Client."))
      expect(clientSpans.find((s) => s.name === "Mem0Client.getOrganization")?.attributes.get("mem0.org_id")).toBe(
        "org_1"
      )
      // the transport failure was tried three times, the drifted body once
      expect(
        clientSpans.filter((s) => s.name === "Mem0Client.listOrganizations").map((s) => s.attributes.get("mem0.attempts"))
      ).toEqual([1, 3, 3, 1])
      // The platform's per-request span (which copies every response header) is off; the call's span
      // carries the status and allow-listed headers only.
      expect(spans.filter((s) => s.name.startsWith("http.client"))).toEqual([])
      expect(clientSpans.find((s) => s.name === "Mem0Client.getOrganization")?.attributes.get("http.response.status_code"))
        .toBe(400)
      for (const span of spans) {
        for (const value of span.attributes.values()) expect(String(value)).not.toContain(API_KEY)
        expect(JSON.stringify(span.events)).not.toContain(API_KEY)
      }
    }).pipe(
      Effect.provide(Layer.mergeAll(logs.layer, Logger.minimumLogLevel(LogLevel.All))),
      Effect.withTracer(tracer)
    )
  })
})

describe("Mem0Client configuration", () => {
  for (const key of ["", "   ", "\t\n"]) {
    it.effect(`an empty or whitespace key (${JSON.stringify(key)}) fails before any request`, () =>
      Effect.gen(function*() {
        const http = yield* fakeHttp(() => json([]))
        const exit = yield* Mem0Client.make({ apiKey: Redacted.make(key) }).pipe(Effect.provide(http.layer), Effect.exit)
        const error = failure(exit)
        expect(error).toBeInstanceOf(Mem0ConfigError)
        expect(error.message).toContain("API key is empty")
        expect(yield* Ref.get(http.seen)).toHaveLength(0)
      }))
  }

  it.effect("the layer fails to build on an empty key, so no call can run", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const exit = yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(Mem0Client.layer({ apiKey: "" }).pipe(Layer.provide(http.layer))),
        Effect.exit
      )
      expect(failure(exit)._tag).toBe("Mem0ConfigError")
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))

  for (const baseUrl of ["ftp://example.com", "not a url", "https://user:pw@api.mem0.ai", "https://api.mem0.ai?x=1"]) {
    it.effect(`refuses the base URL ${baseUrl}`, () =>
      Effect.gen(function*() {
        const http = yield* fakeHttp(() => json([]))
        const exit = yield* Mem0Client.make({ apiKey: API_KEY, baseUrl }).pipe(Effect.provide(http.layer), Effect.exit)
        expect(failure(exit)).toMatchObject({ _tag: "Mem0ConfigError", setting: "baseUrl" })
      }))
  }

  it.effect("refuses out-of-range retry and timeout options", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const bad: ReadonlyArray<Partial<Mem0Client.Mem0ClientOptions>> = [
        { retry: { maxRetries: -1 } },
        { retry: { maxRetries: 1.5 } },
        { retry: { jitter: 2 } },
        { timeout: { perAttempt: 0 } },
        { timeout: { total: -5 } }
      ]
      for (const options of bad) {
        const exit = yield* Mem0Client.make({ apiKey: API_KEY, ...options }).pipe(Effect.provide(http.layer), Effect.exit)
        expect(failure(exit)._tag).toBe("Mem0ConfigError")
      }
    }))

  it.effect("layerConfig reads MEM0_API_KEY and MEM0_BASE_URL through Config", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const provider = ConfigProvider.fromMap(
        new Map([["MEM0_API_KEY", API_KEY], ["MEM0_BASE_URL", "http://127.0.0.1:9999"]])
      )
      yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(Mem0Client.layerConfig().pipe(Layer.provide(http.layer))),
        Effect.withConfigProvider(provider)
      )
      const seen = yield* Ref.get(http.seen)
      expect(seen[0]?.url).toBe("http://127.0.0.1:9999/api/v1/orgs/organizations/")
      expect(seen[0]?.headers["authorization"]).toBe(`Token ${API_KEY}`)
    }))

  it.effect("layerConfig defaults the base URL and fails clearly without MEM0_API_KEY", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const withKey = ConfigProvider.fromMap(new Map([["MEM0_API_KEY", API_KEY]]))
      const url = yield* Effect.map(Mem0Client.Mem0Client, (c) => c.baseUrl).pipe(
        Effect.provide(Mem0Client.layerConfig().pipe(Layer.provide(http.layer))),
        Effect.withConfigProvider(withKey)
      )
      expect(url).toBe("https://api.mem0.ai")
      const exit = yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(Mem0Client.layerConfig().pipe(Layer.provide(http.layer))),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
        Effect.exit
      )
      expect(failure(exit)).toMatchObject({ _tag: "Mem0ConfigError", setting: "MEM0_API_KEY" })
      expect(failure(exit).message).toContain("MEM0_API_KEY is not set")
    }))

  it("works with any HttpClient: the tag is required, not provided", () => {
    // A type-level fact made observable: building the layer leaves HttpClient in its requirements.
    const layer: Layer.Layer<Mem0Client.Mem0Client, Mem0ConfigError, HttpClient.HttpClient> = Mem0Client.layer({
      apiKey: API_KEY
    })
    expect(Layer.isLayer(layer)).toBe(true)
  })
})

describe("Mem0Client changes (POST, PUT, DELETE)", () => {
  it.effect("createOrganization POSTs the trimmed name as JSON and returns the org_id", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() =>
        json({ message: "Organization created successfully.", org_id: "org_new" }, 201)
      )
      const client = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      const created = yield* client.createOrganization("  Research  ")
      expect(created).toEqual({ orgId: "org_new", message: "Organization created successfully." })
      const [request] = yield* Ref.get(http.seen)
      expect(request?.method).toBe("POST")
      expect(request?.url).toBe("https://api.mem0.ai/api/v1/orgs/organizations/")
      expect(request?.headers["content-type"]).toBe("application/json")
      expect(request?.body).toBe(JSON.stringify({ name: "Research" }))
    }))

  it.effect("member changes use POST, PUT and DELETE on the members path with their JSON bodies", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json({ message: "ok" }))
      const client = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      yield* client.addMember("org/1", { email: "a@b.co", role: "READER" })
      yield* client.updateMemberRole("org/1", { email: "a@b.co", role: "OWNER" })
      yield* client.removeMember("org/1", " a@b.co ")
      yield* client.deleteOrganization("org/1")
      const seen = yield* Ref.get(http.seen)
      expect(seen.map((r) => [r.method, new URL(r.url).pathname, r.body])).toEqual([
        ["POST", "/api/v1/orgs/organizations/org%2F1/members/", JSON.stringify({ email: "a@b.co", role: "READER" })],
        ["PUT", "/api/v1/orgs/organizations/org%2F1/members/", JSON.stringify({ email: "a@b.co", role: "OWNER" })],
        ["DELETE", "/api/v1/orgs/organizations/org%2F1/members/", JSON.stringify({ email: "a@b.co" })],
        ["DELETE", "/api/v1/orgs/organizations/org%2F1/", undefined]
      ])
    }))

  it.effect("a 2xx change succeeds whatever its body says", () =>
    Effect.gen(function*() {
      const { result } = yield* withClient(() => text("<html>done</html>", 200), (c) => c.deleteOrganization("o"))
      expect(Exit.isSuccess(result)).toBe(true)
    }))

  it.effect("POST is not retried by default, even on 503", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(() => json({}, 503), (c) => c.createOrganization("x"))
      expect(failure(result)).toMatchObject({ _tag: "Mem0ServerError", method: "POST", status: 503 })
      expect(seen).toHaveLength(1)
    }))

  it.effect("POST is retried when the layer allows it", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(
        (n) => (n === 0 ? json({}, 503) : json({ org_id: "org_2" }, 201)),
        (c) => c.createOrganization("x"),
        { retry: { retryMethods: ["GET", "POST"], jitter: 0 } }
      )
      expect(success(result).orgId).toBe("org_2")
      expect(seen).toHaveLength(2)
    }))

  it.effect("errors of changes carry the method, the field errors and the org_id", () =>
    Effect.gen(function*() {
      const bad = yield* withClient(
        () => json({ errors: { role: ["\"ADMIN\" is not a valid choice."] } }, 400),
        (c) => c.addMember("o", { email: "a@b.co", role: "ADMIN" })
      )
      expect(failure(bad.result)).toMatchObject({
        _tag: "Mem0BadRequest",
        method: "POST",
        fieldErrors: { role: ["\"ADMIN\" is not a valid choice."] }
      })
      const denied = yield* withClient(() => json({ message: "Unauthorized" }, 403), (c) => c.deleteOrganization("o"))
      expect(failure(denied.result)).toMatchObject({ _tag: "Mem0Forbidden", method: "DELETE", detail: "Unauthorized" })
      const missing = yield* withClient(() => json({}, 404), (c) => c.removeMember("org_x", "a@b.co"))
      expect(failure(missing.result)).toMatchObject({ _tag: "Mem0NotFound", method: "DELETE", orgId: "org_x" })
    }))

  it.effect("empty names, emails and roles fail with Mem0InvalidInput before any request", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json({}))
      const client = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      const exits = yield* Effect.all(
        [
          client.createOrganization("  "),
          client.addMember("o", { email: "", role: "READER" }),
          client.updateMemberRole("o", { email: "a@b.co", role: " " }),
          client.removeMember("", "a@b.co")
        ].map(Effect.exit)
      )
      expect(exits.map((e) => failure(e)).map((e) => e._tag === "Mem0InvalidInput" && e.argument)).toEqual([
        "name",
        "email",
        "role",
        "orgId"
      ])
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))

  it.effect("a change runs in a span named for it, with its method", () => {
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* withClient(() => json({ org_id: "o2" }, 201), (c) => c.createOrganization("x"))
      const span = spans.find((s) => s.name === "Mem0Client.createOrganization")
      expect(span?.attributes.get("http.request.method")).toBe("POST")
      expect(span?.attributes.get("mem0.attempts")).toBe(1)
    }).pipe(Effect.withTracer(tracer))
  })

  it.effect("a tracer installed for a whole runtime (Layer.setTracer) records every call's span; without one the calls answer the same", () => {
    const { spans, tracer } = recordingTracer()
    const answer = () => json([{ org_id: "o1", name: "One" }])
    // the span each request is sent in, as the transport sees it
    const sentIn: Array<string> = []
    const observe = {
      transformClient: (client: HttpClient.HttpClient) =>
        HttpClient.tapRequest(client, () =>
          Effect.map(Effect.option(Effect.currentSpan), (span) => void sentIn.push(span._tag === "Some" ? span.value.name : "no span")))
    }
    return Effect.gen(function*() {
      const traced = yield* withClient(answer, (c) => c.listOrganizations(), observe).pipe(Effect.provide(Layer.setTracer(tracer)))
      const span = spans.find((s) => s.name === "Mem0Client.listOrganizations")
      expect(span?.ended).toBe(true)
      expect(span?.attributes.get("mem0.attempts")).toBe(1)
      expect(span?.attributes.get("http.response.status_code")).toBe(200)
      // Effect's built-in tracer keeps no span: the call is not traced, and nothing else about it changes
      const untraced = yield* withClient(answer, (c) => c.listOrganizations(), observe)
      expect(sentIn).toEqual(["Mem0Client.listOrganizations", "no span"])
      const ids = (exit: typeof traced.result) => Exit.map(exit, (orgs) => orgs.map((o) => o.org_id))
      expect(ids(traced.result)).toEqual(Exit.succeed(["o1"]))
      expect(ids(untraced.result)).toEqual(ids(traced.result))
      expect(spans.filter((s) => s.name.startsWith("Mem0Client."))).toHaveLength(1)
    })
  })
})
