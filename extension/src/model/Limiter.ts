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

  const acquire: Effect.Effect<void> = Effect.suspend(() => {
    if (active < permits) {
      active++
      return Effect.void
    }
    const turn = Deferred.unsafeMake<void>(FiberId.none)
    queue.push(turn)
    return Deferred.await(turn).pipe(
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          const index = queue.indexOf(turn)
          if (index >= 0) queue.splice(index, 1)
          else release() // our turn came as we were interrupted: pass the permit on
        })
      )
    )
  })

  return {
    withPermit: (effect) =>
      Effect.acquireUseRelease(Effect.interruptible(acquire), () => effect, () => Effect.sync(release)),
    active: () => active,
    waiting: () => queue.length
  }
}
