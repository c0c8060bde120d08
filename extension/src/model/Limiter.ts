/**
 * A FIFO concurrency limiter. A released permit is handed straight to the
 * longest waiter, so a release wakes exactly one fiber. (Effect's Semaphore
 * wakes every waiter on each release; with hundreds of queued member loads
 * that is quadratic work.) Interrupting a waiter removes it from the queue;
 * a permit handed to a waiter that is interrupted before it runs is passed on.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"

export interface Limiter {
  /** Runs the effect once a permit is free, and frees it after, whatever the outcome. */
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Permits in use now. */
  readonly active: () => number
  /** Fibers waiting for a permit now. */
  readonly waiting: () => number
}

export const makeLimiter = (permits: number): Limiter => {
  let active = 0
  const queue: Array<Deferred.Deferred<void>> = []

  const release = () => {
    const next = queue.shift()
    if (next === undefined) active--
    else Deferred.unsafeDone(next, Exit.void) // the permit moves on; `active` is unchanged
  }

  const released = Effect.sync(release)

  return {
    // a free permit is taken, and its release set, in one uninterruptible step; a waiter waits interruptibly
    withPermit: (effect) =>
      Effect.uninterruptibleMask((restore) => {
        const run = Effect.ensuring(restore(effect), released)
        if (active < permits) {
          active++
          return run
        }
        const turn = Deferred.unsafeMake<void>(FiberId.none)
        queue.push(turn)
        const waited = restore(Deferred.await(turn)).pipe(
          Effect.onInterrupt(() =>
            Effect.sync(() => {
              const index = queue.indexOf(turn)
              if (index >= 0) queue.splice(index, 1)
              else release() // our turn came as we were interrupted: pass the permit on
            })
          )
        )
        return Effect.zipRight(waited, run)
      }),
    active: () => active,
    waiting: () => queue.length
  }
}
