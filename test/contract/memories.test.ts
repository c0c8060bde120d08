/**
 * effect-mem0 0.3 against the local server: memories, entities, events and stats of the key's project;
 * the typed filters under both readings of Mem0's null scoping; the streams paging by number (never by the
 * `next` URL), ending at the last page or Mem0's 404; refusals before anything is sent; reads retried
 * though POSTs, deletes not.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { Entity, Mem0Client, Memory, MemoryFilter } from "effect-mem0"
import { DEMO_KEY, type LocalServer, startLocalServer } from "mem0-local-server"
import { waitFor } from "@mem0-organizations/workbench/waitFor"

let server: LocalServer
/** When set, the server's clock stands at this time (ms since the epoch) instead of the system's. */
let stoppedAt: number | undefined
beforeAll(async () => {
  server = await startLocalServer({ port: 0, clock: () => new Date(stoppedAt ?? Date.now()) })
})
afterAll(() => server.close())
beforeEach(() => {
  stoppedAt = undefined
  server.reset()
})

const run = <A, E>(effect: Effect.Effect<A, E, Mem0Client.Mem0Client>, options: Partial<Mem0Client.Mem0ClientOptions> = {}) =>
  Effect.runPromise(
    Effect.either(effect).pipe(
      Effect.provide(Mem0Client.layer({ apiKey: DEMO_KEY, baseUrl: server.url, retry: { baseDelay: "10 millis" }, ...options })),
      Effect.provide(FetchHttpClient.layer)
    )
  )
const ok = async <A, E>(effect: Effect.Effect<A, E, Mem0Client.Mem0Client>, options: Partial<Mem0Client.Mem0ClientOptions> = {}) => {
  const result = await run(effect, options)
  if (Either.isLeft(result)) throw new Error(`failed: ${JSON.stringify(result.left)}`)
  return result.right
}
/** The next request to `path` gets this JSON body and status instead of the real answer. */
const answerOnce = (path: string, status: number, body: unknown) =>
  server.faults.add({ path, faults: [{ kind: "status", status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }] })
const requests = (path: string) => server.requests().filter((r) => r.path.startsWith(path))

/** The server's own answer to a raw filter (what a client sending it by hand would get). */
const raw = async (filters: unknown) => {
  const response = await fetch(`${server.url}/v3/memories/?page_size=200`, {
    method: "POST",
    headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ filters })
  })
  return { status: response.status, body: (await response.json()) as { results?: Array<{ id: string }> } }
}

describe("memories of the key's project", () => {
  it("a user's memories, paged: count, rows with their run as run_id, and hasNext", async () => {
    const first = await ok(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 2 }))
    expect(first.count).toBeGreaterThanOrEqual(4)
    expect(first.results).toHaveLength(2)
    expect(first.hasNext).toBe(true)
    const all = await ok(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 200 }))
    expect(all.hasNext).toBe(false)
    expect(all.results.every((m) => m.user_id === "alice")).toBe(true)
    // the list sends session_id: it is run_id here
    expect(all.results.find((m) => m.memory.includes("Kyoto"))?.run_id).toBe("run_trip_planning")
  })

  it("per-entity filters are right under both readings of Mem0's null scoping; a bare user_id is not under the strict one", async () => {
    const ids = async () => (await ok(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 200 }))).results.map((m) => m.id).sort()
    const loose = await ids()
    server.store.nullScoping = "strict"
    const strict = await ids()
    expect(strict).toEqual(loose)
    // the naive filter, under the strict reading, misses the memories added with an app or in a run
    const naive = await raw({ user_id: "alice" })
    expect(naive.body.results!.length).toBeLessThan(loose.length)
    for (const [make, field, id] of [[MemoryFilter.agent, "agent_id", "travel-agent"], [MemoryFilter.app, "app_id", "travel-app"], [MemoryFilter.run, "run_id", "run_trip_planning"]] as const) {
      server.store.nullScoping = "loose"
      const a = (await ok(Mem0Client.listMemories(make(id), { pageSize: 200 }))).results
      server.store.nullScoping = "strict"
      const b = (await ok(Mem0Client.listMemories(make(id), { pageSize: 200 }))).results
      expect(a.length).toBeGreaterThan(0)
      expect(b.map((m) => m.id).sort()).toEqual(a.map((m) => m.id).sort())
      expect(a.every((m) => m[field] === id)).toBe(true)
    }
  })

  it("MemoryFilter.all is Mem0's documented filter, and conditions narrow it", async () => {
    expect(MemoryFilter.all.json).toEqual({ OR: [{ user_id: "*" }, { agent_id: "*" }] })
    const travel = await ok(Mem0Client.listMemories(MemoryFilter.and(MemoryFilter.all, MemoryFilter.categoriesIn(["travel"])), { pageSize: 200 }))
    expect(travel.results.length).toBeGreaterThan(0)
    expect(travel.results.every((m) => m.categories?.includes("travel"))).toBe(true)
    const tea = await ok(Mem0Client.listMemories(MemoryFilter.and(MemoryFilter.all, MemoryFilter.keywords("绿茶"))))
    expect(tea.results.map((m) => m.memory)).toEqual(["喜欢喝绿茶，不喝咖啡"])
    const expired = await ok(Mem0Client.listMemories(MemoryFilter.all, { pageSize: 1, showExpired: true }))
    const shown = await ok(Mem0Client.listMemories(MemoryFilter.all, { pageSize: 1 }))
    expect(expired.count).toBe(shown.count! + 1)
  })

  it("what Mem0 refuses is refused before anything is sent: no entity, an unknown key, keywords in a search, a page size over 200", async () => {
    const before = requests("/v3/").length
    const cast = (json: unknown) => ({ _tag: "EntityFilter", json, searchable: true }) as unknown as MemoryFilter.EntityFilter<true>
    const refused: ReadonlyArray<Effect.Effect<unknown, Mem0Client.Mem0RequestError, Mem0Client.Mem0Client>> = [
      Mem0Client.listMemories(cast({ categories: { in: ["travel"] } })),
      Mem0Client.listMemories(cast({ user_id: "alice", colour: "blue" })),
      Mem0Client.searchMemories("tea", cast({ AND: [{ user_id: "alice" }, { keywords: { icontains: "tea" } }] })),
      Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 201 })
    ]
    for (const effect of refused) {
      const result = await run(effect)
      expect(Either.isLeft(result) && result.left._tag).toBe("Mem0InvalidInput")
    }
    expect(requests("/v3/").length).toBe(before)
    // the server refuses the same as Mem0 does, when sent by hand
    expect((await raw({ user_id: "alice", colour: "blue" })).status).toBe(400)
    expect((await raw({ categories: { in: ["travel"] } })).status).toBe(400)
  })

  it("what Mem0 refuses does not compile: a filter naming no entity, keywords in a search", () => {
    // @ts-expect-error a condition alone names no entity
    const noEntity = () => Mem0Client.listMemories(MemoryFilter.categoriesIn(["travel"]))
    // @ts-expect-error keywords make a list-only filter (Mem0 answers 500 to them on search)
    const keywordSearch = () => Mem0Client.searchMemories("tea", MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.keywords("tea")))
    // a searchable filter is one of the list's too
    const both = MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.categoriesIn(["travel"]))
    const searchable: MemoryFilter.EntityFilter<true> = both
    expect([typeof noEntity, typeof keywordSearch, searchable.searchable]).toEqual(["function", "function", true])
  })

  it("a filter Mem0 refuses anyway is a Mem0BadRequest carrying its field errors", async () => {
    answerOnce("/v3/memories/", 400, { filters: ["Invalid filter key: colour"] })
    const refused = await run(Mem0Client.listMemories(MemoryFilter.user("alice")))
    if (Either.isRight(refused) || refused.left._tag !== "Mem0BadRequest") throw new Error("expected Mem0BadRequest")
    expect(refused.left.fieldErrors["filters"]).toEqual(["Invalid filter key: colour"])
  })

  it("search: results with score and score_breakdown above the threshold, top_k of them", async () => {
    const results = await ok(Mem0Client.searchMemories("window seats flights", MemoryFilter.user("alice"), { topK: 2, threshold: 0.3 }))
    expect(results.length).toBeGreaterThan(0)
    expect(results.length).toBeLessThanOrEqual(2)
    expect(results[0]!.memory).toContain("window")
    expect(results[0]!.score).toBeGreaterThanOrEqual(0.3)
    expect(results[0]!.score_breakdown?.bm25).toBeGreaterThan(0)
  })

  it("search narrowed by categories (any of them) and by a created range in its filter", async () => {
    const every = await ok(Mem0Client.searchMemories("kyoto", MemoryFilter.all, { topK: 100, threshold: 0.1 }))
    const travel = await ok(Mem0Client.searchMemories("kyoto", MemoryFilter.all, { topK: 100, threshold: 0.1, categories: ["travel"] }))
    expect(travel.length).toBeGreaterThan(0)
    expect(travel.length).toBeLessThan(every.length)
    for (const memory of travel) expect(memory.categories).toContain("travel")
    const none = await ok(Mem0Client.searchMemories("kyoto", MemoryFilter.and(MemoryFilter.all, MemoryFilter.created({ lte: "2001-01-01" })), { threshold: 0.1 }))
    expect(none).toEqual([])
  })

  it("one memory, its history with the input that caused each change, and the superseded one it replaced", async () => {
    const page = await ok(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 200 }))
    const superseded = page.results.find((m) => m.replaced_by !== undefined)!
    expect(superseded.replaced_by).toBe(page.results.find((m) => m.memory === "Prefers window seats on long flights")!.id)
    const history = await ok(Mem0Client.memoryHistory(superseded.id))
    expect(history.map((h) => h.event)).toEqual(["ADD", "UPDATE"])
    expect(history[1]!.old_memory).toBe("Prefers aisle seats on flights")
    expect(history[1]!.input?.[0]?.content).toContain("window seats")
    expect((await ok(Mem0Client.getMemory(superseded.id))).memory).toBe(superseded.memory)
    const missing = await run(Mem0Client.getMemory("00000000-0000-4000-8000-000000000000"))
    expect(Either.isLeft(missing) && missing.left._tag).toBe("Mem0NotFound")
    const events = await run(Mem0Client.getMemory("events"))
    expect(Either.isLeft(events) && events.left._tag).toBe("Mem0InvalidInput")
  })

  it("hostile memory text is data: markup, RTL controls and CJK come back exactly as stored", async () => {
    const mallory = await ok(Mem0Client.listMemories(MemoryFilter.user("mallory")))
    expect(mallory.results[0]!.memory).toBe("<img src=x onerror=alert(1)> [click](command:workbench.action.quit) $(zap) \u202eevil\u202c")
  })
})

describe("streams", () => {
  it("Memory.stream pages by number to the end: every memory once, page after page", async () => {
    const first = await ok(Mem0Client.listMemories(MemoryFilter.all, { pageSize: 200 }))
    const second = await ok(Mem0Client.listMemories(MemoryFilter.all, { pageSize: 200, page: 2 }))
    expect(second.hasNext).toBe(false) // the demo holds between 200 and 400
    const all = [...first.results, ...second.results]
    const before = requests("/v3/memories/").filter((r) => r.method === "POST").length
    const streamed = await ok(Stream.runCollect(Memory.stream(MemoryFilter.all, { pageSize: 7 })))
    expect([...streamed].map((m) => m.id)).toEqual(all.map((m) => m.id))
    const pages = requests("/v3/memories/").filter((r) => r.method === "POST")
    expect(pages.length - before).toBe(Math.ceil(all.length / 7))
  })

  it("never follows the next URL a server sends: a second server it points at sees nothing", async () => {
    const elsewhere = await startLocalServer({ port: 0 })
    try {
      answerOnce("/v3/memories/", 200, { count: 3, next: `${elsewhere.url}/v3/memories/?page=2`, previous: null, results: [{ id: "m1", memory: "one" }] })
      const streamed = await ok(Stream.runCollect(Memory.stream(MemoryFilter.user("alice"), { pageSize: 1 })))
      expect([...streamed][0]!.id).toBe("m1")
      expect(elsewhere.requests()).toHaveLength(0)
      // page 2 went to the server the key was given for, by number
      expect(requests("/v3/memories/").filter((r) => r.method === "POST").length).toBeGreaterThan(1)
    } finally {
      await elsewhere.close()
    }
  })

  it("ends at Mem0's 404 \"Invalid page.\" past the end (a first page's 404 is a failure)", async () => {
    server.faults.add({
      path: "/v3/memories/",
      faults: [
        { kind: "status", status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 9, next: "x", results: [{ id: "m1", memory: "one" }] }) },
        { kind: "status", status: 404, headers: { "content-type": "application/json" }, body: JSON.stringify({ detail: "Invalid page." }) }
      ]
    })
    const streamed = await ok(Stream.runCollect(Memory.stream(MemoryFilter.user("alice"))))
    expect([...streamed].map((m) => m.id)).toEqual(["m1"])
    server.faults.add({ path: "/v3/memories/", faults: [{ kind: "status", status: 404, body: JSON.stringify({ detail: "Invalid page." }) }] })
    const failed = await run(Stream.runCollect(Memory.stream(MemoryFilter.user("alice"))))
    expect(Either.isLeft(failed) && failed.left._tag).toBe("Mem0NotFound")
  })

  it("what the project's memories can be filtered on: its categories and users", async () => {
    const filters = await ok(Mem0Client.entityFilters())
    expect(filters.categories).toEqual(expect.arrayContaining(["travel", "health", "food"]))
    expect(filters.users).toEqual(expect.arrayContaining(["alice", "bob"]))
  })

  it("Entity.stream lists the users, agents, apps and runs with their totals", async () => {
    const entities = [...await ok(Stream.runCollect(Entity.stream({ pageSize: 2 })))]
    expect(entities.filter((e) => e.type === "user").map((e) => e.id)).toEqual(expect.arrayContaining(["alice", "bob", "张伟"]))
    expect(entities.filter((e) => e.type === "agent").map((e) => e.id).sort()).toEqual(["support-bot", "travel-agent"])
    const page = await ok(Mem0Client.listEntities())
    expect(page.totals.users).toBe(entities.filter((e) => e.type === "user").length)
  })
})

describe("retries, deletes and events", () => {
  it("the list and search are reads: a 503 is retried though they are POSTs; a delete is not", async () => {
    server.faults.add({ path: "/v3/memories/", faults: [{ kind: "status", status: 503 }] })
    expect((await ok(Mem0Client.listMemories(MemoryFilter.user("bob")))).results.length).toBeGreaterThan(0)
    server.faults.add({ path: "/v3/memories/search/", faults: [{ kind: "status", status: 503 }] })
    expect((await ok(Mem0Client.searchMemories("vegetarian", MemoryFilter.user("bob")))).length).toBeGreaterThan(0)
    const bobs = await ok(Mem0Client.listMemories(MemoryFilter.user("bob")))
    server.faults.add({ path: "/v1/memories/*", method: "DELETE", faults: [{ kind: "status", status: 503 }] })
    const failed = await run(Mem0Client.deleteMemory(bobs.results[0]!.id))
    expect(Either.isLeft(failed) && failed.left._tag).toBe("Mem0ServerError")
    expect(requests("/v1/memories/").filter((r) => r.method === "DELETE")).toHaveLength(1)
  })

  it("deleting an entity answers the event that tracks it: PENDING, then SUCCEEDED; its memories are gone", async () => {
    // the server's clock stands still, so the delete is PENDING however slow this machine is; then a second passes
    stoppedAt = Date.now()
    const started = await ok(Mem0Client.deleteEntity("user", "bob"))
    expect(started.eventId).toBeDefined()
    expect((await ok(Mem0Client.getEvent(started.eventId!))).status).toBe("PENDING")
    stoppedAt += 1000
    expect((await ok(Mem0Client.getEvent(started.eventId!))).status).toBe("SUCCEEDED")
    expect((await ok(Mem0Client.listMemories(MemoryFilter.user("bob")))).results).toEqual([])
  })

  it("events say why a memory is missing: a FAILED add with its error, a PENDING one", async () => {
    const failed = await ok(Mem0Client.listEvents({ eventType: "ADD", status: "FAILED" }))
    expect(failed.results[0]?.error).toContain("timed out")
    const pending = await ok(Mem0Client.listEvents({ status: "PENDING" }))
    expect(pending.results.length).toBeGreaterThan(0)
    expect((await ok(Mem0Client.stats())).total_memories).toBeGreaterThan(10)
  })

  it("an entity's memories with their source conversation (v1)", async () => {
    const page = await ok(Mem0Client.entityMemories("user", "alice"))
    expect(page.results.length).toBeGreaterThan(0)
    expect(page.results[0]!.input?.[0]?.role).toBe("user")
  })

  it("a drifted optional field hides nothing: the memory is listed, the field absent", async () => {
    answerOnce("/v3/memories/", 200, { count: 1, next: null, results: [{ id: "m1", memory: "one", categories: "travel", created_at: 7, session_id: "r1" }] })
    const page = await ok(Mem0Client.listMemories(MemoryFilter.user("alice")))
    expect(page.results[0]).toMatchObject({ id: "m1", memory: "one", run_id: "r1" })
    expect(page.results[0]!.categories).toBeUndefined()
  })
})

describe("faults on the memory paths", () => {
  const list = () => run(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 200 }), { retry: { maxRetries: 0 } })

  it("drifted bodies: missing and extra fields and optional fields of the wrong type hide no memory; a wrong required field or container is a typed decode error", async () => {
    const alice = await ok(Mem0Client.listMemories(MemoryFilter.user("alice"), { pageSize: 200 }))
    for (const variant of ["missing-fields", "extra-fields", "optional-types"] as const) {
      server.faults.add({ path: "/v3/memories/", faults: [{ kind: "drift", variant }] })
      const page = await list()
      if (Either.isLeft(page)) throw new Error(`${variant}: ${page.left._tag}`)
      expect(page.right.results.map((m) => m.id)).toEqual(alice.results.map((m) => m.id))
    }
    for (const variant of ["wrong-types", "missing-id", "wrong-container"] as const) {
      server.faults.add({ path: "/v3/memories/", faults: [{ kind: "drift", variant }] })
      const page = await list()
      expect(Either.isLeft(page) && page.left._tag).toBe("Mem0DecodeError")
    }
  })

  it("429 with Retry-After, 5xx, resets and malformed bodies end typed, the reads retried", async () => {
    server.faults.add({ path: "/v3/memories/search/", faults: [{ kind: "rate-limit", retryAfterMs: 50 }] })
    expect((await ok(Mem0Client.searchMemories("tea", MemoryFilter.user("张伟")))).length).toBeGreaterThan(0)
    server.faults.add({ path: "/v1/events/", faults: [{ kind: "reset" }, { kind: "status", status: 503 }] })
    expect((await ok(Mem0Client.listEvents())).results.length).toBeGreaterThan(0)
    server.faults.add({ path: "/v1/entities/", faults: [{ kind: "malformed" }] })
    const malformed = await run(Mem0Client.listEntities(), { retry: { maxRetries: 0 } })
    expect(Either.isLeft(malformed) && malformed.left._tag).toBe("Mem0DecodeError")
  })

  it("it fetches one page ahead at most", async () => {
    const taken = await ok(Stream.runCollect(Stream.take(Memory.stream(MemoryFilter.all, { pageSize: 2 }), 1)))
    expect(taken.length).toBe(1)
    // the first page, and at most the one fetched ahead: never the whole set (9 pages here)
    expect(requests("/v3/memories/").filter((r) => r.method === "POST").length).toBeLessThanOrEqual(2)
  })

  it("interrupting a stream aborts the request in flight", async () => {
    const aborts = server.clientAborts()
    server.faults.add({ path: "/v3/memories/", faults: [{ kind: "pass" }, { kind: "hang" }] })
    const fiber = Effect.runFork(
      Stream.runDrain(Memory.stream(MemoryFilter.all, { pageSize: 2 })).pipe(
        Effect.provide(Mem0Client.layer({ apiKey: DEMO_KEY, baseUrl: server.url, timeout: { perAttempt: "30 seconds" } })),
        Effect.provide(FetchHttpClient.layer)
      )
    )
    await waitFor(() => requests("/v3/memories/").some((r) => r.status === "hang"))
    await Effect.runPromise(Fiber.interrupt(fiber))
    await waitFor(() => server.clientAborts() === aborts + 1)
    expect(server.clientAborts()).toBe(aborts + 1)
  })

  it("a memory of megabytes is data like any other, within the 10 MiB cap a page", async () => {
    const text = "🧠 ".repeat(1_250_000) // 5 MB of UTF-8
    answerOnce("/v3/memories/", 200, { count: 1, next: null, results: [{ id: "big", memory: text }] })
    const page = await ok(Mem0Client.listMemories(MemoryFilter.user("alice")))
    expect(page.results[0]!.memory.length).toBe(text.length)
  })
})
