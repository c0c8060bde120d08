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
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as MutableHashMap from "effect/MutableHashMap"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"

/** A load was dropped (a refresh); its waiters move on to the new one. */
class Superseded extends Data.TaggedError("Superseded")<{}> {}

/** The one `Superseded` every dropped load fails with: an error captures a stack trace when made, and this one is never shown. */
const superseded = new Superseded()
const supersededExit = Exit.fail(superseded)

/**
 * One key's load. The map is read and changed only in synchronous steps (no lock): a slot is in the map
 * before its fiber is forked, and a slot dropped before its fiber was known has it interrupted as soon as it is.
 */
interface Slot {
  readonly deferred: Deferred.Deferred<unknown, unknown>
  fiber: Fiber.RuntimeFiber<void> | undefined
  /** How the load ended, once it has (never set for a dropped one): askers take it without waiting. */
  exit: Exit.Exit<unknown, unknown> | undefined
  dropped: boolean
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
  Effect.sync(() => {
    const slots = MutableHashMap.empty<K, Slot>()
    /** The work each key was last asked with, for `reload`. */
    const works = MutableHashMap.empty<K, Effect.Effect<unknown, unknown>>()

    /**
     * Runs a new slot's work in the cache's scope; the work is interruptible (a drop interrupts it). Run
     * uninterruptibly from the step that put the slot in the map: a slot in the map always gets its fiber.
     */
    const fork = (slot: Slot, work: Effect.Effect<unknown, unknown>): Effect.Effect<void> =>
      Effect.flatMap(
        Effect.forkIn(
          Effect.interruptible(Effect.flatMap(Effect.exit(work), (exit) => {
            if (!slot.dropped) slot.exit = exit
            return Effect.asVoid(Deferred.done(slot.deferred, exit))
          })),
          scope
        ),
        (fiber) => {
          slot.fiber = fiber
          return slot.dropped ? Fiber.interruptFork(fiber) : Effect.void
        }
      )

    /** The key's slot, and the effect that starts its load when the slot is new (`undefined` otherwise). */
    const slotOf = (key: K, work: Effect.Effect<unknown, unknown>): readonly [Slot, Effect.Effect<void> | undefined] => {
      MutableHashMap.set(works, key, work)
      const known = MutableHashMap.get(slots, key)
      if (Option.isSome(known)) return [known.value, undefined]
      const slot: Slot = { deferred: Deferred.unsafeMake(FiberId.none), fiber: undefined, exit: undefined, dropped: false }
      MutableHashMap.set(slots, key, slot)
      return [slot, fork(slot, work)]
    }

    /**
     * Uninterruptible from taking the slot to forking its load (an asker interrupted in between would leave a
     * slot that never loads, and whoever asks next waiting on it for good); only the wait can be interrupted.
     */
    const ask = (key: K, work: Effect.Effect<unknown, unknown>, follow: number): Effect.Effect<unknown, unknown> =>
      Effect.uninterruptibleMask((restore) => {
        if (follow >= MAX_FOLLOWS) return Effect.die(new Error("a load was dropped too many times while it was waited on"))
        const [slot, starting] = slotOf(key, work)
        // an ended load answers at once
        if (slot.exit !== undefined) return slot.exit
        // following a dropped load is interruptible too: its own ask masks only its start
        const wait = restore(Effect.catchIf(Deferred.await(slot.deferred), (error) => error === superseded, () => ask(key, work, follow + 1)))
        return starting === undefined ? wait : Effect.zipRight(starting, wait)
      })

    const get = <A, E>(key: K, work: Effect.Effect<A, E>): Effect.Effect<A, E> => ask(key, work, 0) as Effect.Effect<A, E>

    /** Takes the key's slot out of the map and fails its waiters over; returns its fiber to interrupt, if known. */
    const letGo = (key: K): Fiber.RuntimeFiber<void> | undefined => {
      const known = MutableHashMap.get(slots, key)
      if (Option.isNone(known)) return undefined
      const slot = known.value
      MutableHashMap.remove(slots, key)
      slot.dropped = true
      Deferred.unsafeDone(slot.deferred, supersededExit)
      return slot.fiber
    }

    const interruptAll = (fibers: ReadonlyArray<Fiber.RuntimeFiber<void> | undefined>) =>
      Effect.forEach(fibers, (fiber) => (fiber === undefined ? Effect.void : Fiber.interruptFork(fiber)), { discard: true })

    const drop = (keys: Iterable<K>) => Effect.suspend(() => interruptAll([...keys].map(letGo)))

    const dropAll = Effect.suspend(() => {
      const keys = [...MutableHashMap.keys(slots)]
      return Effect.as(interruptAll(keys.map(letGo)), keys)
    })

    const reload = (keys: Iterable<K>) =>
      Effect.forEach(
        [...keys].flatMap((key) => Option.match(MutableHashMap.get(works, key), { onNone: () => [], onSome: (work) => [get(key, work)] })),
        Effect.either,
        { concurrency: "unbounded", discard: true }
      )

    return {
      get,
      start: (key, work) => Effect.uninterruptible(Effect.suspend(() => slotOf(key, work)[1] ?? Effect.void)),
      drop,
      dropAll,
      reload,
      running: (key) =>
        Effect.sync(() => Option.match(MutableHashMap.get(slots, key), { onNone: () => false, onSome: (slot) => slot.exit === undefined })),
      has: (key) => MutableHashMap.has(slots, key),
      keys: () => [...MutableHashMap.keys(slots)]
    }
  })
