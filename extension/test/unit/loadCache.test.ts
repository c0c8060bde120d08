/**
 * The once-per-refresh load cache, on the TestClock: one load per key however many ask, results kept until
 * dropped, a dropped load interrupted (its request aborted) and its waiters moved to the new load, an
 * interrupted asker leaving the load to the others.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { make } from "../../src/model/LoadCache.js"
import { LoadKey } from "../../src/model/LoadKey.js"

/** A load taking `ms` on the TestClock that counts its starts, interruptions and ends. */
const counted = (ms: number, value: string) => {
  const counts = { started: 0, interrupted: 0, ended: 0 }
  const work = Effect.sync(() => counts.started++).pipe(
    Effect.zipRight(Effect.sleep(`${ms} millis`)),
    Effect.zipRight(Effect.sync(() => counts.ended++)),
    Effect.map(() => `${value} #${counts.started}`),
    Effect.onInterrupt(() => Effect.sync(() => counts.interrupted++))
  )
  return { counts, work }
}

describe("LoadCache", () => {
  it.scoped("runs one load per key however many ask at once, and keeps its value until dropped", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const { counts, work } = counted(100, "orgs")
      const askers = yield* Effect.forEach([1, 2, 3], () => Effect.fork(cache.get(LoadKey.Organizations(), work)))
      yield* TestClock.adjust("100 millis")
      const values = yield* Effect.forEach(askers, Fiber.join)
      expect(values).toEqual(["orgs #1", "orgs #1", "orgs #1"])
      expect(yield* cache.get(LoadKey.Organizations(), work)).toBe("orgs #1")
      expect(counts.started).toBe(1)
      expect(yield* cache.running(LoadKey.Organizations())).toBe(false)
    }))

  it.scoped("tells keys apart by their fields, not by identity", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const a = counted(10, "a")
      const b = counted(10, "b")
      const first = yield* Effect.fork(cache.get(LoadKey.Members({ orgId: "org_1" }), a.work))
      const same = yield* Effect.fork(cache.get(LoadKey.Members({ orgId: "org_1" }), b.work))
      const other = yield* Effect.fork(cache.get(LoadKey.Members({ orgId: "org_2" }), b.work))
      yield* TestClock.adjust("10 millis")
      expect(yield* Fiber.join(first)).toBe("a #1")
      expect(yield* Fiber.join(same)).toBe("a #1")
      expect(yield* Fiber.join(other)).toBe("b #1")
      expect(cache.has(LoadKey.Projects({ orgId: "org_1" }))).toBe(false)
    }))

  it.scoped("keeps a failure as the answer until the key is dropped, then loads again", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      let calls = 0
      const work = Effect.suspend(() => (++calls === 1 ? Effect.fail("503" as const) : Effect.succeed("ok")))
      expect(yield* Effect.either(cache.get(LoadKey.Ping(), work))).toEqual(Either.left("503"))
      expect(yield* Effect.either(cache.get(LoadKey.Ping(), work))).toEqual(Either.left("503"))
      expect(calls).toBe(1)
      yield* cache.drop([LoadKey.Ping()])
      expect(yield* cache.get(LoadKey.Ping(), work)).toBe("ok")
      expect(calls).toBe(2)
    }))

  it.scoped("interrupts a dropped load and moves its waiters to a new one", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const { counts, work } = counted(1000, "orgs")
      const waiter = yield* Effect.fork(cache.get(LoadKey.Organizations(), work))
      yield* TestClock.adjust("500 millis")
      expect(yield* cache.running(LoadKey.Organizations())).toBe(true)
      const dropped = yield* cache.dropAll
      expect(dropped).toEqual([LoadKey.Organizations()])
      yield* TestClock.adjust("1 millis")
      expect(counts.interrupted).toBe(1)
      // the waiter started the new load itself; it ends a full load later, never on the dropped one's clock
      yield* TestClock.adjust("998 millis")
      expect(waiter.unsafePoll()).toBeNull()
      yield* TestClock.adjust("2 millis")
      expect(yield* Fiber.join(waiter)).toBe("orgs #2")
      expect(counts).toEqual({ started: 2, interrupted: 1, ended: 1 })
    }))

  it.scoped("an asker interrupted stops waiting; the load goes on for the next asker", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const { counts, work } = counted(100, "projects")
      const key = LoadKey.Projects({ orgId: "org_1" })
      const impatient = yield* Effect.fork(cache.get(key, work))
      yield* TestClock.adjust("50 millis")
      yield* Fiber.interrupt(impatient)
      const patient = yield* Effect.fork(cache.get(key, work))
      yield* TestClock.adjust("50 millis")
      expect(yield* Fiber.join(patient)).toBe("projects #1")
      expect(counts).toEqual({ started: 1, interrupted: 0, ended: 1 })
      // the same after following a dropped load: waiting on the new one can be interrupted too
      yield* cache.dropAll
      const follower = yield* Effect.fork(cache.get(key, work))
      yield* TestClock.adjust("10 millis")
      yield* cache.dropAll
      yield* TestClock.adjust("10 millis")
      expect(counts.started).toBe(3) // the follower started the third load
      yield* Fiber.interrupt(follower) // returns only once it has stopped waiting
      expect(yield* cache.running(key)).toBe(true)
      yield* TestClock.adjust("100 millis")
      expect(yield* cache.get(key, work)).toBe("projects #3")
    }))

  it.scoped("reloads what was loaded with the work it was last asked with, failures included", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const a = counted(10, "members")
      let pings = 0
      yield* Effect.fork(cache.get(LoadKey.Members({ orgId: "o" }), a.work))
      yield* Effect.either(cache.get(LoadKey.Ping(), Effect.suspend(() => Effect.fail(++pings))))
      yield* TestClock.adjust("10 millis")
      const keys = yield* cache.dropAll
      expect(keys).toHaveLength(2)
      const reloading = yield* Effect.fork(cache.reload(keys))
      yield* TestClock.adjust("10 millis")
      yield* Fiber.join(reloading)
      expect(a.counts.started).toBe(2)
      expect(pings).toBe(2)
      expect(yield* cache.get(LoadKey.Members({ orgId: "o" }), Effect.succeed("unused"))).toBe("members #2")
    }))

  it.scoped("start begins a load without waiting, once", () =>
    Effect.gen(function*() {
      const cache = yield* make<LoadKey>(yield* Effect.scope)
      const { counts, work } = counted(10, "key project")
      yield* cache.start(LoadKey.KeyProject(), work)
      yield* cache.start(LoadKey.KeyProject(), work)
      yield* TestClock.adjust("10 millis")
      expect(counts.started).toBe(1)
      expect(yield* cache.get(LoadKey.KeyProject(), work)).toBe("key project #1")
    }))
})
