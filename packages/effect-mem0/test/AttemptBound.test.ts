/**
 * The per-attempt time bound (`internal/bound.ts`): on the live clock one
 * forked fiber and a timer callback, on the TestClock `Effect.timeoutFail`.
 * Either way an attempt past its limit fails with the timeout error and is
 * interrupted (which aborts its request), and interrupting the caller stops
 * both the attempt and the timer.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { within } from "../src/internal/bound.js"

const limit = Duration.millis(50)
const timedOut = () => "timed out" as const

describe("within, on the live clock", () => {
  it.live("an attempt past the limit fails with the timeout error, and the attempt is interrupted", () =>
    Effect.gen(function*() {
      let interrupted = false
      const started = Date.now()
      const exit = yield* Effect.exit(within(Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted = true))), limit, timedOut))
      expect(exit).toEqual(Exit.fail("timed out"))
      expect(Date.now() - started).toBeGreaterThanOrEqual(45)
      yield* Effect.sleep("20 millis")
      expect(interrupted).toBe(true)
    }))

  it.live("a result or a failure within the limit passes through, and the timer does not fire later", () =>
    Effect.gen(function*() {
      expect(yield* within(Effect.delay(Effect.succeed(7), "5 millis"), limit, timedOut)).toBe(7)
      expect(yield* Effect.exit(within(Effect.fail("boom" as const), limit, timedOut))).toEqual(Exit.fail("boom"))
      // outliving the limit after success: nothing more happens (no late failure, no unhandled error)
      yield* Effect.sleep("80 millis")
    }))

  it.live("interrupting the caller interrupts the attempt and cancels the timer", () =>
    Effect.gen(function*() {
      let interrupted = false
      const fiber = yield* Effect.fork(
        within(Effect.onInterrupt(Effect.never, () => Effect.sync(() => (interrupted = true))), Duration.seconds(5), timedOut)
      )
      yield* Effect.sleep("10 millis")
      yield* Fiber.interrupt(fiber)
      expect(interrupted).toBe(true)
      expect(Exit.isInterrupted(yield* Fiber.await(fiber))).toBe(true)
    }))
})

describe("within, on the TestClock", () => {
  it.effect("is driven by TestClock.adjust", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.exit(within(Effect.never, limit, timedOut)))
      yield* TestClock.adjust("49 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toEqual(Exit.fail("timed out"))
    }))
})
