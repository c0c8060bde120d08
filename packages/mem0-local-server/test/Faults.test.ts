import { describe, expect, it } from "@effect/vitest"
import { drift, FaultBook } from "../src/Faults.js"

const API = "/api/v1/orgs/organizations/"

describe("FaultBook", () => {
  it("plays a scripted sequence in order, then serves normally", () => {
    const book = new FaultBook()
    book.add({ path: API, faults: [{ kind: "status", status: 503 }, { kind: "status", status: 503 }] })
    const kinds = [1, 2, 3].map(() => book.take("GET", API, "k").fault)
    expect(kinds).toEqual([{ kind: "status", status: 503 }, { kind: "status", status: 503 }, undefined])
    expect(book.list()).toEqual([])
  })

  it("matches method, exact path, path prefix and key", () => {
    const book = new FaultBook()
    book.add({ method: "get", path: `${API}*`, key: "mine", faults: [{ kind: "hang" }] })
    expect(book.take("POST", API, "mine").fault).toBeUndefined()
    expect(book.take("GET", API, "other").fault).toBeUndefined()
    expect(book.take("GET", "/elsewhere/", "mine").fault).toBeUndefined()
    expect(book.take("GET", `${API}org_1/members/`, "mine").fault).toEqual({ kind: "hang" })
  })

  it("repeats a script `times` times", () => {
    const book = new FaultBook()
    book.add({ faults: [{ kind: "malformed" }], times: 3 })
    expect([1, 2, 3, 4].map(() => book.take("GET", API, undefined).fault?.kind)).toEqual([
      "malformed",
      "malformed",
      "malformed",
      undefined
    ])
  })

  it("keeps latency for as long as the rule lives and sums matching rules", () => {
    const book = new FaultBook()
    book.add({ latencyMs: 20 })
    book.add({ latencyMs: 5, path: API })
    expect(book.take("GET", API, undefined).latencyMs).toBe(25)
    expect(book.take("GET", "/x", undefined).latencyMs).toBe(20)
    book.clear()
    expect(book.take("GET", API, undefined)).toEqual({ latencyMs: 0, fault: undefined })
  })

  it("holds matching requests until every hold on them is released, or the book is cleared", async () => {
    const book = new FaultBook()
    const settled = (p: Promise<void> | undefined) => {
      let done = false
      void p?.then(() => (done = true))
      // a promise's then runs after the current task's microtasks: let them run
      return new Promise<boolean>((resolve) => setImmediate(() => resolve(done)))
    }
    const mine = book.hold({ path: "/v1/ping/", key: "mine" })
    const gets = book.hold({ method: "GET" })
    expect(book.take("GET", "/v1/ping/", "other").held).toBeDefined() // the GET hold
    expect(book.take("POST", "/v1/ping/", "other").held).toBeUndefined()
    const ping = book.take("GET", "/v1/ping/", "mine").held
    expect([mine.caught(), gets.caught()]).toEqual([1, 2])
    mine.release()
    mine.release() // a second release does nothing
    expect(await settled(ping)).toBe(false) // the GET hold still keeps it
    expect(book.take("POST", "/v1/ping/", "mine").held).toBeUndefined() // a released hold catches nothing more
    expect(mine.caught()).toBe(1)
    gets.release()
    expect(await settled(ping)).toBe(true)
    const again = (book.hold({}), book.take("DELETE", API, undefined).held)
    book.clear()
    expect(await settled(again)).toBe(true)
    expect(book.take("DELETE", API, undefined).held).toBeUndefined()
  })
})

describe("drift", () => {
  const orgs = [{ org_id: "o1", name: "One", is_default: true, members: [] }]
  const members = { members: [{ user_id: "u1", role: "OWNER", email: "a@b.c" }] }

  it("missing-fields keeps only what is required", () => {
    expect(drift(orgs, "missing-fields")).toEqual([{ org_id: "o1", name: "One" }])
    expect(drift(members, "missing-fields")).toEqual({ members: [{ user_id: "u1", role: "OWNER" }] })
  })

  it("extra-fields adds unknown fields", () => {
    expect((drift(orgs, "extra-fields") as Array<Record<string, unknown>>)[0]).toMatchObject({ org_id: "o1", seats: 12 })
  })

  it("wrong-types breaks documented types", () => {
    expect((drift(orgs, "wrong-types") as Array<Record<string, unknown>>)[0]).toMatchObject({ name: 12345 })
    expect(drift(members, "wrong-types")).toEqual({ members: [{ user_id: "u1", role: 7, email: "a@b.c" }] })
  })

  it("missing-id drops the identifiers", () => {
    expect(drift(orgs, "missing-id")).toEqual([{ name: "One", is_default: true, members: [] }])
  })

  it("wrong-container swaps array and object", () => {
    expect(drift(orgs, "wrong-container")).toEqual({ results: orgs, count: 1 })
    expect(drift(members, "wrong-container")).toEqual([members])
  })
})
