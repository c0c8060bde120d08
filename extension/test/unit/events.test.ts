/**
 * Events as Streams: `consume` handles each event in order, and one handler's defect is logged
 * without ending the subscription (a later setting or key change is still handled).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { consume, fromListener, makeHub } from "../../src/platform/Events.js"
import { acquireScoped, around, ownSync } from "../../src/platform/Owned.js"

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

describe("ownSync", () => {
  it.effect("releases everything held in a scope when it closes, the last acquired first, each once", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const scope = yield* Scope.make()
      for (const name of ["view", "command"]) {
        yield* ownSync(() => log.push(`+${name}`), () => void log.push(`-${name}`)).pipe(Scope.extend(scope))
      }
      // a release of its own (an effect) in the same scope, then one more synchronous one
      yield* acquireScoped(Effect.sync(() => log.push("+queue")), () => Effect.sync(() => void log.push("-queue"))).pipe(Scope.extend(scope))
      yield* ownSync(() => log.push("+listener"), () => void log.push("-listener")).pipe(Scope.extend(scope))
      yield* Scope.close(scope, Exit.void)
      yield* Scope.close(scope, Exit.void)
      expect(log.filter((l) => l.startsWith("-")).sort()).toEqual(["-command", "-listener", "-queue", "-view"])
      const held = log.filter((l) => l.startsWith("-") && l !== "-queue")
      expect(held).toEqual(["-listener", "-command", "-view"])
    }))

  it.effect("a release that throws does not keep the others from running, and the close reports it", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const scope = yield* Scope.make()
      yield* ownSync(() => "a", () => void log.push("-a")).pipe(Scope.extend(scope))
      yield* ownSync(() => "b", () => {
        throw new Error("dispose failed")
      }).pipe(Scope.extend(scope))
      yield* ownSync(() => "c", () => void log.push("-c")).pipe(Scope.extend(scope))
      const closed = yield* Effect.exit(Scope.close(scope, Exit.void))
      expect(log).toEqual(["-c", "-a"])
      expect(Exit.isFailure(closed)).toBe(true)
    }))

  it.effect("acquired in a scope already closed, it is released at once; a new scope gets its own releases", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const first = yield* Scope.make()
      yield* ownSync(() => 1, () => void log.push("-first")).pipe(Scope.extend(first))
      yield* Scope.close(first, Exit.void)
      yield* ownSync(() => 2, () => void log.push("-late")).pipe(Scope.extend(first))
      expect(log).toEqual(["-first", "-late"])
      const second = yield* Scope.make()
      yield* ownSync(() => 3, () => void log.push("-second")).pipe(Scope.extend(second))
      expect(log).toEqual(["-first", "-late"])
      yield* Scope.close(second, Exit.void)
      expect(log).toEqual(["-first", "-late", "-second"])
    }))

  it.effect("an interruption right after acquiring still releases; a throwing acquire holds nothing", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const scope = yield* Scope.make()
      const thrown = yield* Effect.exit(
        ownSync(() => {
          throw new Error("no")
        }, () => void log.push("released a failure")).pipe(Scope.extend(scope))
      )
      expect(Exit.isFailure(thrown)).toBe(true)
      const fiber = yield* Effect.fork(
        ownSync(() => log.push("acquired"), () => void log.push("released")).pipe(Effect.zipRight(Effect.never), Scope.extend(scope))
      )
      for (let i = 0; i < 20 && log.length === 0; i++) yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      yield* Scope.close(scope, Exit.void)
      expect(log).toEqual(["acquired", "released"])
    }))
})

describe("acquireScoped", () => {
  it.effect("releases what it acquired when the scope closes, the last acquired first", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const scope = yield* Scope.make()
      for (const name of ["view", "command", "listener"]) {
        yield* acquireScoped(Effect.sync(() => log.push(`+${name}`)), () => Effect.sync(() => void log.push(`-${name}`))).pipe(
          Scope.extend(scope)
        )
      }
      expect(log).toEqual(["+view", "+command", "+listener"])
      yield* Scope.close(scope, Exit.void)
      expect(log).toEqual(["+view", "+command", "+listener", "-listener", "-command", "-view"])
    }))

  it.effect("a failed acquire adds no release; an interruption right after acquiring still releases", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const scope = yield* Scope.make()
      const failed = yield* Effect.exit(
        acquireScoped(Effect.fail("no"), () => Effect.sync(() => void log.push("released a failure"))).pipe(Scope.extend(scope))
      )
      expect(Exit.isFailure(failed)).toBe(true)
      const fiber = yield* Effect.fork(
        acquireScoped(Effect.sync(() => log.push("acquired")), () => Effect.sync(() => void log.push("released"))).pipe(
          Effect.zipRight(Effect.never),
          Scope.extend(scope)
        )
      )
      for (let i = 0; i < 20 && log.length === 0; i++) yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      yield* Scope.close(scope, Exit.void)
      expect(log).toEqual(["acquired", "released"])
    }))

  it.effect("a listener subscribed with fromListener is unregistered when its scope closes", () =>
    Effect.gen(function*() {
      const listeners = new Set<(n: number) => void>()
      const scope = yield* Scope.make()
      const handled: Array<number> = []
      yield* consume(
        fromListener<number>((emit) => {
          listeners.add(emit)
          return () => void listeners.delete(emit)
        }),
        (n) => Effect.sync(() => void handled.push(n))
      ).pipe(Scope.extend(scope))
      expect(listeners.size).toBe(1)
      for (const emit of listeners) emit(7)
      for (let i = 0; i < 20 && handled.length === 0; i++) yield* Effect.yieldNow()
      expect(handled).toEqual([7])
      yield* Scope.close(scope, Exit.void)
      expect(listeners.size).toBe(0)
    }))
})

describe("consume, any stream", () => {
  it.scoped("a stream not made by Events (no queue behind it) is consumed as a stream, in order", () =>
    Effect.gen(function*() {
      const handled: Array<number> = []
      yield* consume(Effect.succeed(Stream.make(1, 2, 3)), (n) => Effect.sync(() => void handled.push(n)))
      for (let i = 0; i < 50 && handled.length < 3; i++) yield* Effect.yieldNow()
      expect(handled).toEqual([1, 2, 3])
    }))

  it.effect("a hub's consumer stops taking when its scope closes, and a later publish reaches no handler", () =>
    Effect.gen(function*() {
      const hub = yield* makeHub<number>()
      const handled: Array<number> = []
      const scope = yield* Scope.make()
      yield* consume(hub.subscribe, (n) => Effect.sync(() => void handled.push(n))).pipe(Scope.extend(scope))
      yield* hub.publish(1)
      for (let i = 0; i < 20 && handled.length < 1; i++) yield* Effect.yieldNow()
      yield* Scope.close(scope, Exit.void)
      yield* hub.publish(2)
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
      expect(handled).toEqual([1])
    }))
})

describe("around", () => {
  it.effect("releases what it acquired after success, failure and interruption, and only then", () =>
    Effect.gen(function*() {
      let held = 0
      let acquired = 0
      const log: Array<string> = []
      const hold = <A, E>(effect: Effect.Effect<A, E>) =>
        around(() => (held++, ++acquired), (n) => void log.push(`release ${n}, held ${held--}`), effect)
      expect(yield* hold(Effect.sync(() => held))).toBe(1)
      expect(yield* Effect.exit(hold(Effect.fail("boom")))).toEqual(Exit.fail("boom"))
      const running = yield* Effect.fork(hold(Effect.never))
      yield* Effect.yieldNow()
      expect(held).toBe(1)
      yield* Fiber.interrupt(running)
      expect(log).toEqual(["release 1, held 1", "release 2, held 1", "release 3, held 1"])
      expect(held).toBe(0)
    }))

  it.effect("a throwing acquire is a defect that holds nothing and runs nothing", () =>
    Effect.gen(function*() {
      let ran = false
      let released = false
      const exit = yield* Effect.exit(around(() => {
        throw new Error("no permit")
      }, () => void (released = true), Effect.sync(() => void (ran = true))))
      expect(Exit.isFailure(exit) && exit.cause._tag === "Die").toBe(true)
      expect({ ran, released }).toEqual({ ran: false, released: false })
    }))
})
