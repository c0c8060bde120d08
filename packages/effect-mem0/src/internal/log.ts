/**
 * One debug line per attempt: method, path, status or error tag, duration
 * and attempt number. Nothing is measured when debug logging is off.
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import type { Mem0RequestError } from "../Mem0Error.js"
import type { Operation } from "./operation.js"

/** One debug line per attempt: method, path, status or error tag, duration and attempt number. */
export const logAttempt = (op: Operation<unknown>, attempt: number) =>
<A extends { readonly status: number }>(self: Effect.Effect<A, Mem0RequestError>) =>
  // Read synchronously from the fiber: this runs on every attempt, and debug is usually off.
  Effect.withFiberRuntime<A, Mem0RequestError>((fiber) =>
    LogLevel.greaterThan(fiber.getFiberRef(FiberRef.currentMinimumLogLevel), LogLevel.Debug)
      ? self
      : timedLog(op, attempt, self)
  )

const timedLog = <A extends { readonly status: number }>(
  { method, path }: Operation<unknown>,
  attempt: number,
  self: Effect.Effect<A, Mem0RequestError>
) =>
  Effect.flatMap(Clock.currentTimeMillis, (start) =>
    Effect.onExit(self, (exit) =>
      Effect.flatMap(Clock.currentTimeMillis, (end) => {
        const ms = end - start
        const outcome = Exit.match(exit, {
          onSuccess: (ok) => String(ok.status),
          onFailure: (cause) =>
            Option.match(Cause.failureOption(cause), {
              onNone: () => "interrupted",
              onSome: (e) => ("status" in e ? `${e.status} ${e._tag}` : e._tag)
            })
        })
        return Effect.logDebug(`${method} ${path} ${outcome} ${ms}ms attempt ${attempt}`).pipe(
          Effect.annotateLogs({ method, path, outcome, ms, attempt })
        )
      })))

