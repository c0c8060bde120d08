/**
 * Bounding one attempt in time, cheaply. `Effect.timeoutFail` races the
 * attempt against a sleeping fiber: two forks and an interruption per
 * attempt. Here the attempt runs in one forked fiber and the limit is a
 * callback of the clock's own scheduler; whichever comes first decides, and
 * the attempt's fiber is interrupted at the limit (which aborts its request).
 *
 * A clock without a scheduler (the TestClock) gets `Effect.timeoutFail`, so
 * tests drive the limit with `TestClock.adjust` as before.
 *
 * Measured in one process, two clients interleaved over 21 rounds of 400
 * calls: the race cost 26 % more client CPU per call than this (527 µs
 * against 417 µs; two identical clients differ by 0 to 3 %).
 */
import type * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"

/** The scheduler of the live clock (it has one; the Clock interface does not promise it). */
const schedulerOf = (clock: Clock.Clock): Effect.Effect<Clock.ClockScheduler> | undefined => {
  const scheduler = (clock as { scheduler?: unknown }).scheduler
  return typeof scheduler === "function" ? (scheduler.call(clock) as Effect.Effect<Clock.ClockScheduler>) : undefined
}

/** `self`, failing with `onTimeout()` if it has not ended within `duration`. */
export const within = <A, E, E2>(
  self: Effect.Effect<A, E>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2> =>
  Effect.clockWith((clock) => {
    const getScheduler = schedulerOf(clock)
    if (getScheduler === undefined) return Effect.timeoutFail(self, { duration, onTimeout })
    return Effect.flatMap(getScheduler, (scheduler) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Effect.fork(restore(self)), (fiber) =>
          restore(
            Effect.async<A, E | E2>((resume) => {
              let settled = false
              const cancel = scheduler.unsafeSchedule(() => {
                if (settled) return
                settled = true
                fiber.removeObserver(onExit)
                fiber.unsafeInterruptAsFork(fiber.id())
                resume(Effect.fail(onTimeout()))
              }, duration)
              const onExit = (exit: Parameters<Parameters<typeof fiber.addObserver>[0]>[0]) => {
                if (settled) return
                settled = true
                cancel()
                resume(exit)
              }
              fiber.addObserver(onExit)
              return Effect.sync(() => {
                settled = true
                cancel()
                fiber.removeObserver(onExit)
              })
            })
          ).pipe(
            // Attached while still uninterruptible: however early the caller is interrupted (even before
            // the callback above is registered), the attempt is interrupted too, aborting its request.
            Effect.onInterrupt(() => Fiber.interrupt(fiber))
          )
        )
      )
    )
  })
