/**
 * Events as Streams: `consume` handles each event in order, and one handler's defect is logged
 * without ending the subscription (a later setting or key change is still handled).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import { consume, makeHub } from "../../src/platform/Events.js"

describe("consume", () => {
  it.scoped("a handler's defect is logged and the events after it are still handled, in order", () =>
    Effect.gen(function*() {
      const logged: Array<string> = []
      const logger = Logger.make(({ message }) => void logged.push(String(message)))
      const hub = yield* makeHub<number>()
      const handled: Array<number> = []
      yield* consume(hub.subscribe, (n) => (n === 2 ? Effect.die(new Error("boom")) : Effect.sync(() => void handled.push(n)))).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      for (const n of [1, 2, 3]) yield* hub.publish(n)
      for (let i = 0; i < 20 && handled.length < 2; i++) yield* Effect.yieldNow()
      expect(handled).toEqual([1, 3])
      expect(logged).toContain("an event's handler failed")
    }))
})
