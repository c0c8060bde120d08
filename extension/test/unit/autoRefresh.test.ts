/**
 * Auto-refresh: off by default; at least a minute apart; only while the view
 * is visible and VS Code focused; never while a load is under way; each turn
 * waits for its reload (retries included), so turns never cancel each other;
 * failures back off (doubling, capped) and Retry-After is honoured. The loop
 * runs on the TestClock.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { Mem0RateLimited, Mem0ServerError } from "effect-mem0/Mem0Error"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { autoRefreshLoop, MAX_BACKOFF, MIN_AUTO_REFRESH_MINUTES, nextDelay } from "../../src/tree/AutoRefresh.js"
import type { LoadError } from "../../src/tree/OrganizationsTree.js"
import { activate, server, useLocalServer } from "./harness.js"

useLocalServer()

const serverError = (): LoadError => new Mem0ServerError({ status: 500, method: "GET", path: "/api/v1/orgs/organizations/" })
const rateLimited = (seconds: number): LoadError =>
  new Mem0RateLimited({ status: 429, method: "GET", path: "/api/v1/orgs/organizations/", retryAfter: Duration.seconds(seconds) })

/** A port whose reloads answer from a script (`undefined`: success) and are counted with their times. */
const scripted = (answers: Array<LoadError | undefined>, state: { watched: boolean; loading: boolean } = { watched: true, loading: false }) => {
  const at: Array<number> = []
  return {
    at,
    state,
    port: {
      watched: () => state.watched,
      loading: Effect.sync(() => state.loading),
      reload: Effect.flatMap(TestClock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          at.push(now)
          const answer = answers.shift()
          return answer === undefined ? Either.right(undefined) : Either.left(answer)
        }))
    }
  }
}

const minutes = (n: number) => Duration.toMillis(Duration.minutes(n))

describe("auto-refresh", () => {
  it.effect("reloads once per interval while watched, and skips while hidden, unfocused or already loading", () =>
    Effect.gen(function*() {
      const { at, port, state } = scripted([])
      const fiber = yield* Effect.fork(autoRefreshLoop(Duration.minutes(5), port))
      yield* TestClock.adjust(Duration.minutes(10))
      expect(at).toEqual([minutes(5), minutes(10)])
      state.watched = false
      yield* TestClock.adjust(Duration.minutes(10))
      state.watched = true
      state.loading = true // the person's own Refresh is loading
      yield* TestClock.adjust(Duration.minutes(5))
      expect(at).toHaveLength(2)
      state.loading = false
      yield* TestClock.adjust(Duration.minutes(5))
      expect(at).toEqual([minutes(5), minutes(10), minutes(30)])
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("backs off on failures, doubling up to an hour, and starts over after a success", () =>
    Effect.gen(function*() {
      const { at, port } = scripted([serverError(), serverError(), serverError(), undefined])
      const fiber = yield* Effect.fork(autoRefreshLoop(Duration.minutes(5), port))
      yield* TestClock.adjust(Duration.hours(2))
      // 5 (fails) → +10 (fails) → +20 (fails) → +40 (ok) → +5 → +5 ...
      expect(at.slice(0, 6)).toEqual([5, 15, 35, 75, 80, 85].map(minutes))
      expect(Duration.toMillis(nextDelay(Duration.minutes(5), 30, serverError()))).toBe(Duration.toMillis(MAX_BACKOFF))
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("waits at least as long as Retry-After asks", () =>
    Effect.gen(function*() {
      const { at, port } = scripted([rateLimited(45 * 60)])
      const fiber = yield* Effect.fork(autoRefreshLoop(Duration.minutes(5), port))
      yield* TestClock.adjust(Duration.minutes(60))
      expect(at).toEqual([minutes(5), minutes(50), minutes(55), minutes(60)])
      yield* Fiber.interrupt(fiber)
    }))

  it("is at least a minute apart, off by default, and only the user's settings can set it", async () => {
    expect(MIN_AUTO_REFRESH_MINUTES).toBe(1)
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {
      contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } }
    }
    expect(manifest.contributes.configuration.properties["mem0.autoRefreshMinutes"]).toMatchObject({ scope: "application", default: 0 })
    const ext = await activate()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.requests()).toEqual([])
    expect(ext.fake.record.treeChanges).toEqual([])
  })
})
