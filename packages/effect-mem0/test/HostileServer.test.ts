/**
 * What a misbehaving or hostile server can send, and what the client makes of
 * it: every bad answer ends as a typed error (never a defect), the key never
 * leaks in any encoding, no body is read past its cap, drift in an optional
 * field hides nothing, and retries keep their floor and their origin.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { inspect } from "node:util"
import { parseHttpDate } from "../src/internal/retryAfter.js"
import * as Mem0Client from "../src/Mem0Client.js"
import { formatWait } from "../src/internal/format.js"
import type { Mem0Error } from "../src/Mem0Error.js"
import {
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

const run = withClientTimed

/** A body of `total` bytes streamed in 64 KiB chunks, with no content-length; counts what was pulled. */
const streamedBody = (total: number, pulled: { bytes: number }) => {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close()
      pulled.bytes += chunk.byteLength
      controller.enqueue(chunk)
    }
  })
}

describe("response size cap", () => {
  it.effect("a streamed body past the default 10 MiB fails typed, reads no further, and is not retried", () =>
    Effect.gen(function*() {
      const pulled = { bytes: 0 }
      const { result, seen } = yield* run(
        () => new Response(streamedBody(300 * 1024 * 1024, pulled), { status: 200 }),
        (c) => c.listOrganizations()
      )
      const error = failure(result)
      expect(error._tag).toBe("Mem0ResponseTooLarge")
      expect(error).toMatchObject({ limit: 10 * 1024 * 1024, status: 200 })
      expect(error.message).toContain("10 MiB")
      // the stream was cancelled at the cap (plus what the stream had already queued), not read to its end
      expect(pulled.bytes).toBeLessThan(11 * 1024 * 1024)
      expect(seen).toHaveLength(1)
    }))

  it.effect("a declared content-length over the cap fails before the body is read", () =>
    Effect.gen(function*() {
      const pulled = { bytes: 0 }
      const { result } = yield* run(
        () =>
          new Response(streamedBody(4 * 1024 * 1024, pulled), {
            status: 200,
            headers: { "content-length": String(4 * 1024 * 1024) }
          }),
        (c) => c.listOrganizations(),
        { maxResponseBytes: 1024 * 1024 }
      )
      expect(failure(result)).toMatchObject({ _tag: "Mem0ResponseTooLarge", limit: 1024 * 1024, declared: 4 * 1024 * 1024 })
      expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024)
    }))

  it.effect("the cap is configurable and a body within it decodes", () =>
    Effect.gen(function*() {
      const body = JSON.stringify([{ org_id: "o", name: "x".repeat(500) }])
      const ok = yield* run(() => text(body), (c) => c.listOrganizations(), { maxResponseBytes: body.length })
      expect(success(ok.result)[0]?.name).toHaveLength(500)
      const tooSmall = yield* run(() => text(body), (c) => c.listOrganizations(), { maxResponseBytes: body.length - 1 })
      expect(failure(tooSmall.result)._tag).toBe("Mem0ResponseTooLarge")
      // error bodies are capped too
      const big = yield* run(() => text("e".repeat(5000), 500), (c) => c.listOrganizations(), { maxResponseBytes: 4096 })
      expect(failure(big.result)._tag).toBe("Mem0ResponseTooLarge")
    }))

  it.effect("a cap that is not a positive whole number is a configuration error", () =>
    Effect.gen(function*() {
      for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
        const exit = yield* Effect.exit(
          Mem0Client.make({ apiKey: API_KEY, maxResponseBytes }).pipe(Effect.provide((yield* fakeHttp(() => json([]))).layer))
        )
        expect(failure(exit)).toMatchObject({ _tag: "Mem0ConfigError", setting: "maxResponseBytes" })
      }
    }))
})

describe("the key never leaks", () => {
  it.effect("keys with control characters, spaces or non-ASCII are refused at construction", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      for (const key of ["m0-a\u0000b", "m0-\u0001", "m0-a\u007fb", "m0-a\u0085b", "m0-a b", "m0-a\tb", "m0-ä", "m0\nx"]) {
        const exit = yield* Effect.exit(Mem0Client.make({ apiKey: Redacted.make(key) }).pipe(Effect.provide(http.layer)))
        const error = failure(exit)
        expect(error).toMatchObject({ _tag: "Mem0ConfigError", setting: "apiKey" })
        expect(error.message).not.toContain(key)
      }
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))

  const encodings: ReadonlyArray<readonly [string, string]> = [
    ["raw", API_KEY],
    ["JSON \\u escapes", Array.from(API_KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["JSON \\u escapes, upper-case hex, mixed", Array.from(API_KEY, (c, i) => i % 2 ? c : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join("")],
    ["percent-encoded", Array.from(API_KEY, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")],
    ["HTML entities", Array.from(API_KEY, (c) => `&#${c.charCodeAt(0)};`).join("")],
    ["base64", Buffer.from(`Token ${API_KEY}`).toString("base64")],
    ["base64url of the key alone", Buffer.from(API_KEY).toString("base64url")]
  ]

  for (const [name, echoed] of encodings) {
    it.effect(`an echo of the key as ${name} reaches no error, log or span`, () => {
      const logs = recordingLogger()
      const { spans, tracer } = recordingTracer()
      return Effect.gen(function*() {
        const bodies = [
          text(`{"message": "bad key ${echoed}", "errors": {"key": ["${echoed}"]}}`, 403),
          text(`{"errors": {"${echoed}": ["${echoed}"]}}`, 400),
          text(`<html>${echoed}</html>`, 418),
          text(`not json ${echoed}`),
          json([{ org_id: 1, name: echoed }]),
          text(`${echoed}{`)
        ]
        const errors: Array<Mem0Error> = []
        for (const body of bodies) {
          const { result } = yield* run(
            () => new Response(body.clone().body, { status: body.status, headers: { "x-request-id": echoed, "x-echo": echoed } }),
            (c) => c.getOrganization("org_1")
          )
          errors.push(failure(result))
        }
        expect(errors.map((e) => e._tag)).toEqual([
          "Mem0Forbidden",
          "Mem0BadRequest",
          "Mem0UnexpectedStatus",
          "Mem0DecodeError",
          "Mem0DecodeError",
          "Mem0DecodeError"
        ])
        const texts = [
          ...errors.flatMap((e) => [String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.message]),
          ...logs.lines,
          ...spans.flatMap((s) => [...s.attributes.entries()].map(([k, v]) => `${k}=${String(v)}`))
        ]
        for (const t of texts) {
          expect(t).not.toContain(API_KEY)
          expect(t).not.toContain(echoed)
        }
        expect(JSON.stringify(errors[2])).toContain("<redacted>")
        // headers off the allow-list never reach a span; allow-listed ones are scrubbed
        const attributes = spans.flatMap((s) => [...s.attributes.keys()])
        expect(attributes.some((k) => k.includes("x-echo"))).toBe(false)
        const requestIds = spans.map((s) => s.attributes.get("http.response.header.x-request-id")).filter(Boolean)
        expect(requestIds.length).toBeGreaterThan(0)
        for (const id of requestIds) expect(String(id)).toContain("<redacted>")
      }).pipe(
        Effect.provide(Layer.mergeAll(logs.layer, Logger.minimumLogLevel(LogLevel.All))),
        Effect.withTracer(tracer)
      )
    })
  }

  it.effect("an echo of part of the key (its first 32, its last 16, a middle 12 characters) reaches no typed error", () =>
    Effect.gen(function*() {
      const key = "m0-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"
      const parts = [key.slice(0, 32), key.slice(-16), key.slice(14, 26), `%${[...key.slice(5, 20)].map((c) => c.charCodeAt(0).toString(16)).join("%")}`]
      for (const part of parts) {
        const bodies: ReadonlyArray<readonly [string, number]> = [
          [`{"errors": {"key": ["bad key ${part}"]}}`, 400],
          [`{"detail": "key ${part} may not"}`, 403],
          [`<html>${part}</html>`, 418],
          [`not json ${part}`, 200]
        ]
        for (const [body, status] of bodies) {
          const http = yield* fakeHttp(() => text(body, status))
          const client = yield* Mem0Client.make({ apiKey: key, retry: false }).pipe(Effect.provide(http.layer))
          const error = failure(yield* Effect.exit(client.getOrganization("org_1")))
          for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.message]) {
            // no run of 12 characters of the key is left, in any form
            for (let i = 0; i + 12 <= key.length; i++) expect(shown).not.toContain(key.slice(i, i + 12))
            expect(shown).not.toContain(part)
          }
        }
      }
    }))

  it.effect("a base URL with credentials, or one that is not a URL, is refused without repeating it", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      for (const baseUrl of ["https://user:hunter2secret@api.example.com", "http://ana:hunter2secret@127.0.0.1:1", "ht!tp://ana:hunter2secret@x y"]) {
        const error = failure(yield* Effect.exit(Mem0Client.make({ apiKey: API_KEY, baseUrl }).pipe(Effect.provide(http.layer))))
        expect(error).toMatchObject({ _tag: "Mem0ConfigError", setting: "baseUrl" })
        for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.message]) {
          expect(shown).not.toContain("hunter2secret")
        }
      }
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))

  it.effect("one base-URL rule: https, or plain http to this machine only; every refusal is a tagged reason", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      for (const [baseUrl, tag] of [
        ["http://api.example.com", "PlainHttp"],
        ["http://10.0.0.5:8080", "PlainHttp"],
        ["ftp://api.example.com", "NotHttp"],
        ["https://api.mem0.ai/?x=1", "QueryOrFragment"],
        ["https://u:p@api.mem0.ai", "Credentials"],
        ["not a url", "NotAUrl"]
      ] as const) {
        expect(Mem0Client.baseUrlProblem(baseUrl)?._tag).toBe(tag)
        const error = failure(yield* Effect.exit(Mem0Client.make({ apiKey: API_KEY, baseUrl }).pipe(Effect.provide(http.layer))))
        expect(error).toMatchObject({ _tag: "Mem0ConfigError", setting: "baseUrl" })
      }
      for (const ok of ["https://api.mem0.ai", "http://127.0.0.1:8080", "http://localhost:1/", "http://[::1]:9"]) {
        expect(Mem0Client.baseUrlProblem(ok)).toBeUndefined()
      }
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))

  it("a key's problem is a tagged reason a caller words its own way", () => {
    expect(Mem0Client.apiKeyProblem(" m0-abc ")).toBeUndefined()
    expect(Mem0Client.apiKeyProblem("")?._tag).toBe("Empty")
    expect(Mem0Client.apiKeyProblem("m0 abc")?._tag).toBe("Space")
    expect(Mem0Client.apiKeyProblem("m0\u0000abc")?._tag).toBe("ControlCharacter")
    expect(Mem0Client.apiKeyProblem("m0-ä")?._tag).toBe("NotPrintableAscii")
  })

  it.effect("a short key that is a substring of ordinary text never alters a successful body", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([{ org_id: "org_ab1", name: "Lab about abacus", user_role: "OWNER" }]))
      const client = yield* Mem0Client.make({ apiKey: "ab" }).pipe(Effect.provide(http.layer))
      const orgs = yield* client.listOrganizations()
      expect(orgs[0]).toMatchObject({ org_id: "org_ab1", name: "Lab about abacus", user_role: "OWNER" })
    }))
})

describe("every bad body ends typed", () => {
  it.effect("JSON nested 10,000 levels deep in a wrongly typed field is a Mem0DecodeError, not a RangeError", () =>
    Effect.gen(function*() {
      const deep = "[".repeat(10_000) + "]".repeat(10_000)
      for (const body of [`[{"org_id":"o","name":${deep}}]`, `{"members":[{"user_id":${deep},"role":"OWNER"}]}`]) {
        const { result } = yield* run(() => text(body), (c): Effect.Effect<unknown, Mem0Client.Mem0RequestError> => body.startsWith("[") ? c.listOrganizations() : c.listMembers("o"))
        const error = failure(result)
        expect(error._tag).toBe("Mem0DecodeError")
        expect((error as Extract<Mem0Error, { _tag: "Mem0DecodeError" }>).issue.length).toBeLessThanOrEqual(1024)
      }
    }))

  it.effect("an org_id that is a lone surrogate is a Mem0InvalidInput before any request", () =>
    Effect.gen(function*() {
      for (const orgId of ["\ud800", "a\udc00b", "x\ud83d"]) {
        const calls: ReadonlyArray<(c: Mem0Client.Mem0ClientService) => Effect.Effect<unknown, Mem0Client.Mem0RequestError>> = [
          (c) => c.getOrganization(orgId),
          (c) => c.listMembers(orgId),
          (c) => c.deleteOrganization(orgId),
          (c) => c.addMember(orgId, { email: "a@b.c", role: "READER" })
        ]
        for (const call of calls) {
          const { result, seen } = yield* run(() => json({}), call)
          expect(failure(result)).toMatchObject({ _tag: "Mem0InvalidInput", argument: "orgId" })
          expect(seen).toHaveLength(0)
        }
      }
      // a valid astral character is fine
      const { seen } = yield* run(() => json({ members: [] }), (c) => c.listMembers("org_😀"))
      expect(seen[0]?.url).toContain(encodeURIComponent("org_😀"))
    }))

  it.effect("a decode error's issue and body stay within 1 KB whatever the value", () =>
    Effect.gen(function*() {
      const huge = { nested: "y".repeat(800_000), more: Array.from({ length: 10_000 }, (_, i) => i) }
      const { result } = yield* run(() => json([{ org_id: "o", name: huge }]), (c) => c.listOrganizations())
      const error = failure(result) as Extract<Mem0Error, { _tag: "Mem0DecodeError" }>
      expect(error.issuePath).toBe("[0].name")
      expect(error.issue).toBe("expected string, got an object")
      expect(error.body.length).toBeLessThanOrEqual(1024)
      expect(error.message.length).toBeLessThan(1500)
    }))

  it.effect("a UTF-8 BOM before the JSON decodes", () =>
    Effect.gen(function*() {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`[{"org_id":"o","name":"n"}]`)])
      // streamed (no content-length) and whole (content-length): both paths of the body reader
      const streamed = yield* run(() => new Response(new Blob([bytes]).stream()), (c) => c.listOrganizations())
      expect(success(streamed.result)[0]?.org_id).toBe("o")
      const whole = yield* run(
        () => new Response(bytes, { headers: { "content-length": String(bytes.length) } }),
        (c) => c.listOrganizations()
      )
      expect(success(whole.result)[0]?.org_id).toBe("o")
    }))
})

describe("drift in optional fields hides nothing", () => {
  it.effect("one organization with drifted optional fields keeps the whole list, and each drift is logged once", () => {
    const logs = recordingLogger()
    return Effect.gen(function*() {
      const body = [
        { org_id: "a", name: "A", updated_at: 0, on_paid_plan: "no", members: {} },
        { org_id: "b", name: "B", members: [{ username: "ana", role: 5, email: "ana@example.com" }] },
        { org_id: "c", name: "C", updated_at: "2025-01-01T00:00:00Z", is_default: true }
      ]
      const http = yield* fakeHttp(() => json(body))
      const client = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      const first = yield* client.listOrganizations()
      yield* client.listOrganizations()
      expect(first.map((o) => o.org_id)).toEqual(["a", "b", "c"])
      expect(first[0]).not.toHaveProperty("updated_at")
      expect(first[0]).not.toHaveProperty("members")
      expect(first[2]?.is_default).toBe(true)
      expect(first[1]?.members?.[0]).toMatchObject({ username: "ana", email: "ana@example.com" })
      const warnings = logs.lines.filter((l) => l.startsWith("WARN"))
      expect(warnings.map((l) => /Mem0 sent (\S+)/.exec(l)?.[1]).sort()).toEqual([
        "Organization.members",
        "Organization.on_paid_plan",
        "Organization.updated_at",
        "OrganizationMember.role"
      ])
    }).pipe(Effect.provide(Layer.mergeAll(logs.layer, Logger.minimumLogLevel(LogLevel.All))))
  })

  it.effect("members drift the same way; a missing user_id or role still fails", () =>
    Effect.gen(function*() {
      const ok = yield* run(
        () => json({ members: [{ user_id: "u1", role: "OWNER", email: 42 }, { user_id: 7, role: "READER", username: null }] }),
        (c) => c.listMembers("o")
      )
      expect(success(ok.result).map((m) => m.user_id)).toEqual(["u1", "7"])
      const bad = yield* run(() => json({ members: [{ user_id: "u1" }] }), (c) => c.listMembers("o"))
      expect(failure(bad.result)).toMatchObject({ _tag: "Mem0DecodeError", issuePath: "members[0].role" })
    }))
})

describe("retry edge cases", () => {
  const now = Date.UTC(2026, 10, 29, 12, 0, 0)

  it("parses the three HTTP-date forms of RFC 9110, and nothing looser", () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37)
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", now)).toBe(at)
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", now)).toBe(at)
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994", now)).toBe(at)
    // a two-digit year within 50 years is this century
    expect(parseHttpDate("Sunday, 29-Nov-26 12:00:10 GMT", now)).toBe(now + 10_000)
    for (const bad of ["06 Nov 1994", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "tomorrow", "1994-11-06T08:49:37Z"]) {
      expect(parseHttpDate(bad, now)).toBeUndefined()
    }
  })

  for (const [form, date] of [
    ["IMF-fixdate", (d: Date) => d.toUTCString()],
    ["RFC 850", (d: Date) =>
      `${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][d.getUTCDay()]}, ${
        String(d.getUTCDate()).padStart(2, "0")
      }-${d.toUTCString().slice(8, 11)}-${String(d.getUTCFullYear()).slice(2)} ${d.toUTCString().slice(17, 25)} GMT`],
    ["asctime", (d: Date) =>
      `${d.toUTCString().slice(0, 3)} ${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, " ")} ${
        d.toUTCString().slice(17, 25)
      } ${d.getUTCFullYear()}`]
  ] as const) {
    it.effect(`honours Retry-After as an ${form} date`, () =>
      Effect.gen(function*() {
        const { result, seen } = yield* run(
          (n) => n === 0 ? json({}, 429, { "retry-after": date(new Date(7000)) }) : json([]),
          (c) => c.listOrganizations()
        )
        success(result)
        expect(seen.map((s) => s.at)).toEqual([0, 7000])
      }))
  }

  it.effect("never retries sooner than 100 ms, whatever the server asks", () =>
    Effect.gen(function*() {
      for (const headers of [{ "retry-after": "0" }, { "retry-after-ms": "0" }, { "retry-after-ms": "5" }]) {
        const { result, seen } = yield* run(() => json({}, 429, headers), (c) => c.listOrganizations())
        expect(failure(result)._tag).toBe("Mem0RateLimited")
        expect(seen.map((s) => s.at - seen[0]!.at)).toEqual([0, 100, 200])
      }
    }))

  it("formats huge, infinite and unknown waits sanely", () => {
    expect(formatWait(Duration.infinity)).toBe("an unlimited time")
    expect(formatWait(Duration.hours(3.5))).toBe("3 h 30 min")
    expect(formatWait(Duration.days(12))).toBe("12 days")
    expect(formatWait(Duration.millis(1e15))).toBe("more than 10 years")
    expect(formatWait(Duration.seconds(125))).toBe("2 min 5 s")
    for (const wait of [Duration.infinity, Duration.millis(Number.MAX_SAFE_INTEGER), Number.NaN]) {
      expect(formatWait(wait)).not.toMatch(/NaN|Infinity/)
    }
  })

  it.effect("a huge Retry-After fails at once with a readable message", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(() => json({}, 429, { "retry-after": "99999999999999999999" }), (c) =>
        c.listOrganizations())
      const error = failure(result)
      expect(error._tag).toBe("Mem0RateLimited")
      expect(error.message).not.toMatch(/NaN|Infinity/)
      expect(seen).toHaveLength(1)
    }))

  it.effect("a redirect to another origin is refused, naming the origin; the key is not sent there", () =>
    Effect.gen(function*() {
      for (const status of [301, 302, 303, 307, 308]) {
        const { result, seen } = yield* run(
          () => new Response(null, { status, headers: { location: "https://evil.example:8443/steal?x=1" } }),
          (c) => c.listOrganizations()
        )
        const error = failure(result)
        expect(error).toMatchObject({ _tag: "Mem0RedirectRefused", status, location: "https://evil.example:8443" })
        expect(error.message).toContain("https://evil.example:8443")
        expect(error.message).not.toContain("steal")
        expect(seen.map((s) => new URL(s.url).origin)).toEqual(["https://api.mem0.ai"])
      }
    }))

  it.effect("a same-origin redirect of a read is followed; of a change, refused", () =>
    Effect.gen(function*() {
      const read = yield* run(
        (n) => n === 0 ? new Response(null, { status: 301, headers: { location: "/api/v1/orgs/organizations/?v=2" } }) : json([]),
        (c) => c.listOrganizations()
      )
      expect(success(read.result)).toEqual([])
      expect(read.seen.map((s) => s.url)).toEqual([
        "https://api.mem0.ai/api/v1/orgs/organizations/",
        "https://api.mem0.ai/api/v1/orgs/organizations/?v=2"
      ])
      expect(read.seen[1]?.headers["authorization"]).toBe(`Token ${API_KEY}`)
      const change = yield* run(
        () => new Response(null, { status: 307, headers: { location: "/elsewhere/" } }),
        (c) => c.createOrganization("x")
      )
      expect(failure(change.result)._tag).toBe("Mem0RedirectRefused")
      expect(change.seen).toHaveLength(1)
      // a redirect loop ends
      const loop = yield* run(
        () => new Response(null, { status: 302, headers: { location: "/api/v1/orgs/organizations/" } }),
        (c) => c.listOrganizations()
      )
      expect(failure(loop.result)._tag).toBe("Mem0RedirectRefused")
      expect(loop.seen.length).toBeLessThanOrEqual(6 * 3)
    }))
})
