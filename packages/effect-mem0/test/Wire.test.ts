import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Equal from "effect/Equal"
import * as Schema from "effect/Schema"
import { describeIssue } from "../src/internal/issue.js"
import { makeScrubber, REDACTED } from "../src/internal/secret.js"
import { HistoryFromWire, Memory, MemoryFromWire, MemoryPageFromWire, ScoreBreakdown, SearchResultsFromWire } from "../src/Memory.js"
import { OrganizationList } from "../src/Organization.js"

const decodeMemory = Schema.decodeUnknownEither(MemoryFromWire)
const firstIssue = (result: Either.Either<unknown, { readonly issue: Parameters<typeof describeIssue>[0] }>) =>
  Either.isLeft(result) ? describeIssue(result.left.issue) : undefined

describe("reading models from the wire", () => {
  it("a timestamp decodes to the DateTime that DateTime.unsafeMake makes of it, or is absent when it makes none", () => {
    const stamps = [
      "2025-10-28T01:33:56.872Z",
      "2025-10-28T01:33:56Z",
      "1969-12-31T23:59:59.999Z",
      "2025-10-28T01:33:56+02:00",
      "2025-10-28T01:33:56.5-0130",
      "2025-10-28T01:33:56",
      "2025-10-28",
      "2025-10-28Z",
      "275760-09-13T00:00:00.001Z",
      "not a timeZ",
      "Z",
      "2025-02-30T00:00:00Z"
    ]
    for (const stamp of stamps) {
      const decoded = Either.getOrThrow(decodeMemory({ id: "m", memory: "x", created_at: stamp }))
      const made = Either.try(() => DateTime.unsafeMake(stamp))
      if (Either.isLeft(made)) {
        expect(decoded.created_at, stamp).toBeUndefined()
        continue
      }
      expect(DateTime.isDateTime(decoded.created_at), stamp).toBe(true)
      // the same own properties, enumerable or not (before Equal.equals, which caches a hash on both)
      expect(Object.getOwnPropertyDescriptors(decoded.created_at), stamp).toEqual(
        Object.getOwnPropertyDescriptors(made.right)
      )
      expect(Equal.equals(decoded.created_at, made.right), stamp).toBe(true)
    }
  })

  it("a decoded memory is the instance its class constructor builds: equal, same class, same own fields in the same order", () => {
    const at = "2025-02-02T08:00:00.000Z"
    const decoded = Either.getOrThrow(decodeMemory({
      id: "m1",
      memory: "Likes tea",
      user_id: "alice",
      session_id: "run_1",
      categories: ["food"],
      metadata: { a: 1 },
      created_at: at,
      score_breakdown: { semantic: 0.5 },
      unknown_field: true
    }))
    const built = new Memory({
      id: "m1",
      memory: "Likes tea",
      user_id: "alice",
      run_id: "run_1",
      metadata: { a: 1 },
      categories: ["food"],
      created_at: DateTime.unsafeMake(at),
      score_breakdown: new ScoreBreakdown({ semantic: 0.5 })
    })
    expect(decoded).toBeInstanceOf(Memory)
    expect(Object.keys(decoded)).toEqual(Object.keys(built))
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(built))
    const { categories: c1, metadata: m1, score_breakdown: s1, ...rest1 } = decoded
    const { categories: c2, metadata: m2, score_breakdown: s2, ...rest2 } = built
    expect(Equal.equals(new Memory(rest1), new Memory(rest2))).toBe(true)
    expect([c1, m1]).toEqual([c2, m2])
    expect(s1).toBeInstanceOf(ScoreBreakdown)
    expect(Equal.equals(s1, s2)).toBe(true)
  })

  it("a page, a search answer, a history and a list name the element that failed and the field", () => {
    const good = { id: "m0", memory: "fine" }
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)({ count: 3, next: null, results: [good, { id: "m1" }] })))
      .toEqual({ path: "results[1].memory", issue: "is missing" })
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)({ next: null, results: [good, good, 7] })))
      .toMatchObject({ path: "results[2]" })
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)({ count: "3", results: [] })))
      .toMatchObject({ path: "count" })
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)({ count: 0 })))
      .toEqual({ path: "results", issue: "is missing" })
    // the envelope is checked directly; what it refuses still gets the envelope schema's own issue
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)({ count: null, results: "x" }))).toMatchObject({ path: "results" })
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)([good]))).toMatchObject({ path: "$" })
    expect(firstIssue(Schema.decodeUnknownEither(MemoryPageFromWire)(null))).toMatchObject({ path: "$" })
    expect(Schema.decodeUnknownSync(MemoryPageFromWire)({ count: null, next: "https://x/?page=2", results: [good], extra: 1 }))
      .toMatchObject({ count: undefined, hasNext: true, results: [{ id: "m0", memory: "fine" }] })
    expect(firstIssue(Schema.decodeUnknownEither(SearchResultsFromWire)([good, { id: 5, memory: "x" }])))
      .toMatchObject({ path: "[1].id" })
    expect(firstIssue(Schema.decodeUnknownEither(HistoryFromWire)({ not: "a list" }))).toMatchObject({ path: "$" })
    expect(firstIssue(Schema.decodeUnknownEither(OrganizationList)([{ org_id: "o", name: "n" }, { name: "n" }])))
      .toEqual({ path: "[1].org_id", issue: "is missing" })
    const page = Either.getOrThrow(Schema.decodeUnknownEither(MemoryPageFromWire)({ count: null, next: "https://x/?page=2", results: [good] }))
    expect(page).toMatchObject({ count: undefined, hasNext: true })
    expect(page.results[0]).toBeInstanceOf(Memory)
  })
})

describe("the quick checks of optional fields", () => {
  it("keep a value exactly when Schema.is of the field's schema accepts it (categories, metadata, score)", () => {
    const values: ReadonlyArray<unknown> = [
      [], ["work"], ["a", "b"], ["a", 1], [null], [["x"]], "work", 1, 0, -1.5, Number.MAX_VALUE, true, {}, { a: 1 },
      { nested: { deep: [1] } }, Object.create(null), new Date(0), [1, 2], Symbol.for("s")
    ]
    const fields = [
      ["categories", Schema.Array(Schema.String)],
      ["metadata", Schema.Record({ key: Schema.String, value: Schema.Unknown })],
      ["structured_attributes", Schema.Record({ key: Schema.String, value: Schema.Unknown })],
      ["score", Schema.Number]
    ] as const
    for (const [field, schema] of fields) {
      for (const value of values) {
        const decoded = Either.getOrThrow(decodeMemory({ id: "m1", memory: "x", [field]: value }))
        const kept = Schema.is(schema as Schema.Schema<unknown>)(value)
        expect([field, value, field in decoded]).toEqual([field, value, kept])
        if (kept) expect((decoded as unknown as Record<string, unknown>)[field]).toBe(value)
      }
    }
  })
})

describe("the key scrubber", () => {
  const key = "m0-Zq8vL2xN4pR7tY1uW3sK6dF9gH5jA0cB"
  const scrub = makeScrubber(key)

  it("scrubs a text every time it sees it, not only the first", () => {
    const header = `token ${key.slice(0, 20)}`
    for (let i = 0; i < 3; i++) {
      expect(scrub(header)).toBe(`token ${REDACTED}`)
      expect(scrub("application/json")).toBe("application/json")
    }
    // many distinct texts, each scrubbed
    for (let i = 0; i < 200; i++) expect(scrub(`${i} ${key.slice(5, 17)}`)).toBe(`${i} ${REDACTED}`)
    expect(scrub(header)).toBe(`token ${REDACTED}`)
  })

  const percent = (text: string) => Array.from(text, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`).join("")
  const entity = (c: string, i: number) => (i % 2 ? `&#${c.charCodeAt(0)};` : `&#x00${c.charCodeAt(0).toString(16)};`)

  it("finds one echo written in several encodings at once, in either case, as one", () => {
    const mixed = Array.from(key, (c, i) =>
      [c, `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`, percent(c), entity(c, i), c.toUpperCase()][i % 5]).join("")
    expect(scrub(`before ${mixed} after`)).toBe(`before ${REDACTED} after`)
    expect(scrub(`"${key.toLowerCase()}"`)).toBe(`"${REDACTED}"`)
  })

  it("replaces echoes apart one by one and echoes that touch once", () => {
    expect(scrub(`${key.slice(0, 14)} and ${key.slice(-14)}`)).toBe(`${REDACTED} and ${REDACTED}`)
    expect(scrub(`${key}${key}`)).toBe(REDACTED)
    expect(scrub(`${key.slice(0, 11)} ${key.slice(11, 22)}`)).toBe(`${key.slice(0, 11)} ${key.slice(11, 22)}`)
  })

  it("finds a key that itself reads as an encoding, as written and encoded", () => {
    const odd = "m0-%41b&#66;c\\u0043d-0123456789"
    const scrubOdd = makeScrubber(odd)
    expect(scrubOdd(`key ${odd}.`)).toBe(`key ${REDACTED}.`)
    expect(scrubOdd(`key ${percent(odd)}.`)).toBe(`key ${REDACTED}.`)
  })

  it("reads malformed and out-of-range encodings as plain text, in a text of any length", () => {
    const odd = `&#x1F600; &#99999999; %zz \\u12 &#; &#x; ${"&#".repeat(1000)}`
    expect(scrub(odd)).toBe(odd)
    const big = `${"a1".repeat(500_000)} ${percent(key)} ${"&#".repeat(100_000)}`
    expect(scrub(big)).toBe(`${"a1".repeat(500_000)} ${REDACTED} ${"&#".repeat(100_000)}`)
  })

  it("leaves a text shorter than any echo alone, and scrubs a long one", () => {
    expect(scrub(key.slice(0, 7))).toBe(key.slice(0, 7))
    const long = `${"a".repeat(300)}${key}${"b".repeat(300)}`
    expect(scrub(long)).toBe(`${"a".repeat(300)}${REDACTED}${"b".repeat(300)}`)
  })
})
