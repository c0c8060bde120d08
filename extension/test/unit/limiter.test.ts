import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { makeLimiter } from "../../src/model/Limiter.js"

describe("Limiter", () => {
  it.effect("never runs more than its permits at once, and runs everything", () =>
    Effect.gen(function*() {
      const limiter = makeLimiter(3)
      let running = 0
      let peak = 0
      const job = Effect.gen(function*() {
        running++
        peak = Math.max(peak, running)
        yield* Effect.sleep("10 millis")
        running--
      })
      const fiber = yield* Effect.fork(Effect.forEach(Array.from({ length: 50 }), () => limiter.withPermit(job), {
        concurrency: "unbounded"
      }))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(peak).toBe(3)
      expect(limiter.active()).toBe(0)
      expect(limiter.waiting()).toBe(0)
    }))

  it.effect("hands permits on in arrival order", () =>
    Effect.gen(function*() {
      const limiter = makeLimiter(1)
      const order: Array<number> = []
      const gate = yield* Deferred.make<void>()
      const first = yield* Effect.fork(limiter.withPermit(Deferred.await(gate)))
      yield* Effect.yieldNow()
      const rest = yield* Effect.forEach([1, 2, 3, 4], (n) => Effect.fork(limiter.withPermit(Effect.sync(() => order.push(n)))))
      yield* Effect.yieldNow()
      expect(limiter.waiting()).toBe(4)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      yield* Effect.forEach(rest, Fiber.join)
      expect(order).toEqual([1, 2, 3, 4])
    }))

  it.effect("an interrupted waiter leaves the queue and takes no permit", () =>
    Effect.gen(function*() {
      const limiter = makeLimiter(1)
      const gate = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(limiter.withPermit(Deferred.await(gate)))
      yield* Effect.yieldNow()
      const waiter = yield* Effect.fork(limiter.withPermit(Effect.void))
      yield* Effect.yieldNow()
      expect(limiter.waiting()).toBe(1)
      yield* Fiber.interrupt(waiter)
      expect(limiter.waiting()).toBe(0)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(holder)
      expect(limiter.active()).toBe(0)
    }))

  it.effect("interrupting a running job frees its permit for the next waiter", () =>
    Effect.gen(function*() {
      const limiter = makeLimiter(1)
      const running = yield* Effect.fork(limiter.withPermit(Effect.never))
      yield* Effect.yieldNow()
      const next = yield* Effect.fork(limiter.withPermit(Effect.succeed("ran")))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(running)
      expect(yield* Fiber.join(next)).toBe("ran")
      expect(limiter.active()).toBe(0)
    }))

  it.effect("a permit handed to a waiter interrupted before it ran is passed on", () =>
    Effect.gen(function*() {
      const limiter = makeLimiter(1)
      const gate = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(limiter.withPermit(Deferred.await(gate)))
      yield* Effect.yieldNow()
      const doomed = yield* Effect.fork(limiter.withPermit(Effect.never))
      const third = yield* Effect.fork(limiter.withPermit(Effect.succeed("third ran")))
      yield* Effect.yieldNow()
      // release the holder and interrupt the next in line together
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.interrupt(doomed)
      yield* Fiber.join(holder)
      expect(yield* Fiber.join(third)).toBe("third ran")
      expect(limiter.active()).toBe(0)
      expect(limiter.waiting()).toBe(0)
    }))
})
