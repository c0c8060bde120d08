/**
 * Retries as an Effect `Schedule`: a user schedule decides whether and when,
 * and whatever it says, the client keeps its rules (GET only by default,
 * Retry-After and its cap, the 100 ms floor, the deadline, interruption).
 */
import { describe, expect, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import * as Mem0Client from "../src/Mem0Client.js"
import type { Mem0RequestError } from "../src/Mem0Error.js"
import { API_KEY, failure, fakeHttp, json, success, withClientTimed } from "./support.js"

const gaps = (seen: ReadonlyArray<{ readonly at: number }>) => seen.slice(1).map((s, i) => s.at - seen[i]!.at)
const unavailable = () => json({ message: "down" }, 503)

describe("retries as a Schedule", () => {
  it.effect("a user Schedule.recurs(0) turns retries off", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), {
        retry: { schedule: Schedule.recurs(0) }
      })
      expect(failure(result)._tag).toBe("Mem0ServerError")
      expect(seen).toHaveLength(1)
    }))

  it.effect("Schedule.spaced(10 ms) intersected with Schedule.recurs(5) gives 6 attempts on a permanent 503, 100 ms apart (the floor)", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), {
        retry: { schedule: Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(5))) }
      })
      expect(failure(result)._tag).toBe("Mem0ServerError")
      expect(seen).toHaveLength(6)
      expect(gaps(seen)).toEqual([100, 100, 100, 100, 100])
    }))

  it.effect("the schedule's own delays are kept when above the floor", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), {
        retry: { schedule: Schedule.spaced("700 millis").pipe(Schedule.intersect(Schedule.recurs(2))) }
      })
      expect(gaps(seen)).toEqual([700, 700])
    }))

  it.effect("the default schedule is exported and composes: 500 ms × 2^n, at most 2 retries, only retryable errors", () =>
    Effect.gen(function*() {
      const plain = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), {
        retry: { schedule: Mem0Client.retrySchedule({ jitter: 0 }) }
      })
      expect(gaps(plain.seen)).toEqual([500, 1000])
      const once = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), {
        retry: { schedule: Mem0Client.retrySchedule({ jitter: 0 }).pipe(Schedule.intersect(Schedule.recurs(1))) }
      })
      expect(once.seen).toHaveLength(2)
      const notRetryable = yield* withClientTimed(() => json({}, 404), (c) => c.listOrganizations(), {
        retry: { schedule: Mem0Client.defaultRetrySchedule }
      })
      expect(notRetryable.seen).toHaveLength(1)
    }))

  it.effect("a schedule built with isRetryable retries only what a retry can cure", () =>
    Effect.gen(function*() {
      const schedule = Schedule.spaced("200 millis").pipe(
        Schedule.intersect(Schedule.recurs(3)),
        Schedule.whileInput((e: Mem0RequestError) => Mem0Client.isRetryable(e))
      )
      const cured = yield* withClientTimed((n) => (n < 2 ? unavailable() : json([])), (c) => c.listOrganizations(), {
        retry: { schedule }
      })
      expect(success(cured.result)).toEqual([])
      expect(gaps(cured.seen)).toEqual([200, 200])
      const bad = yield* withClientTimed(() => json({}, 400), (c) => c.listOrganizations(), { retry: { schedule } })
      expect(bad.seen).toHaveLength(1)
    }))

  it.effect("whatever the schedule, a change is retried only when its method is allowed", () =>
    Effect.gen(function*() {
      const schedule = Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(5)))
      const post = yield* withClientTimed(unavailable, (c) => c.createOrganization("x"), { retry: { schedule } })
      expect(post.seen).toHaveLength(1)
      const allowed = yield* withClientTimed(unavailable, (c) => c.createOrganization("x"), {
        retry: { schedule, retryMethods: ["GET", "POST"] }
      })
      expect(allowed.seen).toHaveLength(6)
    }))

  it.effect("whatever the schedule, Retry-After is honoured and a wait above the cap fails at once", () =>
    Effect.gen(function*() {
      const schedule = Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(5)))
      const honoured = yield* withClientTimed(
        (n) => (n === 0 ? json({}, 429, { "retry-after": "3" }) : json([])),
        (c) => c.listOrganizations(),
        { retry: { schedule } }
      )
      expect(gaps(honoured.seen)).toEqual([3000])
      const capped = yield* withClientTimed(() => json({}, 429, { "retry-after": "61" }), (c) => c.listOrganizations(), {
        retry: { schedule }
      })
      expect(failure(capped.result)._tag).toBe("Mem0RateLimited")
      expect(capped.seen).toHaveLength(1)
    }))

  it.effect("whatever the schedule, the deadline bounds everything", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* withClientTimed(() => Effect.never, (c) => c.listOrganizations(), {
        retry: { schedule: Schedule.forever },
        timeout: { perAttempt: "1 second", total: "5 seconds" }
      })
      expect(failure(result)).toMatchObject({ _tag: "Mem0Timeout", scope: "deadline" })
      expect(seen.length).toBeLessThanOrEqual(5)
      expect(seen.at(-1)!.at).toBeLessThan(5000)
    }))

  it.effect("whatever the schedule, interruption cancels a pending wait", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(unavailable)
      const client = yield* Mem0Client.make({
        apiKey: API_KEY,
        retry: { schedule: Schedule.spaced("10 seconds").pipe(Schedule.intersect(Schedule.recurs(3))) }
      }).pipe(Effect.provide(http.layer))
      const fiber = yield* Effect.fork(client.listOrganizations())
      yield* TestClock.adjust("1 second")
      expect(yield* Ref.get(http.seen)).toHaveLength(1)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("1 minute")
      expect(yield* Ref.get(http.seen)).toHaveLength(1)
      expect(Exit.isInterrupted(yield* Fiber.await(fiber))).toBe(true)
    }))

  it.effect("retry: false is a schedule that stops at once", () =>
    Effect.gen(function*() {
      const { seen } = yield* withClientTimed(unavailable, (c) => c.listOrganizations(), { retry: false })
      expect(seen).toHaveLength(1)
    }))
})

describe("one rule for the backoff's numbers", () => {
  it.effect("retrySchedule and the layers refuse the same out-of-range numbers, with the same typed error", () =>
    Effect.gen(function*() {
      for (const [backoff, setting] of [
        [{ maxRetries: 11 }, "retry.maxRetries"],
        [{ maxRetries: 1.5 }, "retry.maxRetries"],
        [{ maxRetries: -1 }, "retry.maxRetries"],
        [{ jitter: 2 }, "retry.jitter"],
        [{ baseDelay: "soon" as Duration.DurationInput }, "retry.baseDelay"]
      ] as const) {
        let thrown: unknown
        try {
          Mem0Client.retrySchedule(backoff)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toMatchObject({ _tag: "Mem0ConfigError", setting })
        const http = yield* fakeHttp(() => json([]))
        const made = failure(yield* Effect.exit(Mem0Client.make({ apiKey: API_KEY, retry: backoff }).pipe(Effect.provide(http.layer))))
        expect(made).toMatchObject({ _tag: "Mem0ConfigError", setting, reason: (thrown as { reason: string }).reason })
      }
      expect(() => Mem0Client.retrySchedule({ maxRetries: 10, jitter: 1, baseDelay: 0 })).not.toThrow()
    }))
})

