/**
 * Loads once per refresh, by key. Whoever asks for a key while its load runs
 * waits for that load; once it ended, its result (value or failure) is the
 * answer until the key is dropped. Dropping a key interrupts its load (which
 * aborts its request) and whoever waited on it follows the new load, started
 * by the first waiter: nobody ever waits on a load that was let go, so a view
 * never stays on "Loading...". Loads run in the cache's scope, not the
 * asker's: an asker interrupted (a row collapsed) stops waiting, the load
 * goes on for the next asker.
 */
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as MutableHashMap from "effect/MutableHashMap"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"

/** A load was dropped (a refresh); its waiters move on to the new one. */
class Superseded extends Data.TaggedError("Superseded")<{}> {}

/** The one `Superseded` every dropped load fails with: an error captures a stack trace when made, and this one is never shown. */
const superseded = new Superseded()

interface Slot {
  readonly deferred: Deferred.Deferred<unknown, unknown>
  readonly fiber: Fiber.RuntimeFiber<void>
}

export interface LoadCache<K> {
  /** The result of `key`'s load: the one that ran or runs, or `work` started now. */
  readonly get: <A, E>(key: K, work: Effect.Effect<A, E>) => Effect.Effect<A, E>
  /** Starts `key`'s load unless there is one, without waiting for it. */
  readonly start: <A, E>(key: K, work: Effect.Effect<A, E>) => Effect.Effect<void>
  /** Lets the loads of `keys` go: each is interrupted, its waiters move on to a new load. */
  readonly drop: (keys: Iterable<K>) => Effect.Effect<void>
  /** Lets every load go; returns the keys that had one. */
  readonly dropAll: Effect.Effect<ReadonlyArray<K>>
  /** Loads `keys` again with the work each was last asked with, and waits for them (failures included). */
  readonly reload: (keys: Iterable<K>) => Effect.Effect<void>
  /** Whether `key` has a load that has not ended. */
  readonly running: (key: K) => Effect.Effect<boolean>
  /** Whether `key` has a load, running or ended. */
  readonly has: (key: K) => boolean
  /** The keys that have a load, running or ended. */
  readonly keys: () => ReadonlyArray<K>
}

/** How many times one ask follows a dropped load before it gives up: drops are user actions. */
const MAX_FOLLOWS = 100

export const make = <K>(scope: Scope.Scope): Effect.Effect<LoadCache<K>> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => {
    const slots = MutableHashMap.empty<K, Slot>()
    /** The work each key was last asked with, for `reload`. */
    const works = MutableHashMap.empty<K, Effect.Effect<unknown, unknown>>()

    const startSlot = (key: K, work: Effect.Effect<unknown, unknown>): Effect.Effect<Slot> =>
      Effect.gen(function*() {
        const deferred = yield* Deferred.make<unknown, unknown>()
        const fiber = yield* work.pipe(
          Effect.exit,
          Effect.flatMap((exit) => Deferred.done(deferred, exit)),
          Effect.asVoid,
          Effect.forkIn(scope)
        )
        const slot = { deferred, fiber }
        MutableHashMap.set(slots, key, slot)
        return slot
      })

    const slotOf = (key: K, work: Effect.Effect<unknown, unknown>): Effect.Effect<Slot> =>
      lock.withPermits(1)(
        Effect.suspend(() => {
          MutableHashMap.set(works, key, work)
          return Option.match(MutableHashMap.get(slots, key), { onNone: () => startSlot(key, work), onSome: Effect.succeed })
        })
      )

    const get = <A, E>(key: K, work: Effect.Effect<A, E>): Effect.Effect<A, E> =>
      Effect.gen(function*() {
        for (let follow = 0; follow < MAX_FOLLOWS; follow++) {
          const slot = yield* slotOf(key, work)
          const result = yield* Effect.either(Deferred.await(slot.deferred))
          if (Either.isRight(result)) return result.right as A
          if (!(result.left instanceof Superseded)) return yield* Effect.fail(result.left as E)
        }
        return yield* Effect.die(new Error("a load was dropped too many times while it was waited on"))
      })

    const letGo = (key: K) =>
      Option.match(MutableHashMap.get(slots, key), {
        onNone: () => Effect.void,
        onSome: (slot) => {
          MutableHashMap.remove(slots, key)
          return Effect.zipRight(Deferred.fail(slot.deferred, superseded), Fiber.interruptFork(slot.fiber))
        }
      })

    const drop = (keys: Iterable<K>) => lock.withPermits(1)(Effect.forEach([...keys], letGo, { discard: true }))

    const dropAll = lock.withPermits(1)(
      Effect.suspend(() => {
        const keys = [...MutableHashMap.keys(slots)]
        return Effect.as(Effect.forEach(keys, letGo, { discard: true }), keys)
      })
    )

    const reload = (keys: Iterable<K>) =>
      Effect.forEach(
        [...keys].flatMap((key) => Option.match(MutableHashMap.get(works, key), { onNone: () => [], onSome: (work) => [get(key, work)] })),
        Effect.either,
        { concurrency: "unbounded", discard: true }
      )

    return {
      get,
      start: (key, work) => Effect.asVoid(slotOf(key, work)),
      drop,
      dropAll,
      reload,
      running: (key) =>
        Option.match(MutableHashMap.get(slots, key), {
          onNone: () => Effect.succeed(false),
          onSome: (slot) => Effect.map(Deferred.isDone(slot.deferred), (done) => !done)
        }),
      has: (key) => MutableHashMap.has(slots, key),
      keys: () => [...MutableHashMap.keys(slots)]
    }
  })
