/**
 * Retries as an Effect `Schedule`. The schedule gets each failed attempt's
 * error and decides whether and when to try again; the request pipeline
 * (`client.ts`) adds what holds whatever the schedule: only the allowed
 * methods, the server's `Retry-After` (within its cap), a 100 ms floor, and
 * the call's deadline.
 */
import * as Duration from "effect/Duration"
import { identity } from "effect/Function"
import * as Schedule from "effect/Schedule"
import type { Mem0RequestError } from "../Mem0Error.js"

/** Statuses retried by default: request timeout, rate limit, and the server errors a retry can cure. */
export const DEFAULT_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** The numbers of the default backoff. */
export const DEFAULT_BACKOFF = {
  maxRetries: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(8),
  jitter: 0.25
} as const

/**
 * Whether a retry may cure an error: a transport failure, an attempt that ran
 * out of time, or one of `statuses`. Never a decode error, another 4xx, or
 * the call's deadline.
 */
export const isRetryable = (
  error: Mem0RequestError,
  statuses: ReadonlySet<number> = DEFAULT_RETRY_STATUSES
): boolean => {
  switch (error._tag) {
    case "Mem0TransportError":
      return true
    case "Mem0Timeout":
      return error.scope === "attempt"
    case "Mem0RateLimited":
    case "Mem0ServerError":
    case "Mem0UnexpectedStatus":
    case "Mem0BadRequest":
    case "Mem0Unauthorized":
    case "Mem0Forbidden":
    case "Mem0NotFound":
      return statuses.has(error.status)
    default:
      return false
  }
}

/** Backoff settings, every field set and in range. */
export interface Backoff {
  readonly maxRetries: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly jitter: number
  readonly retryStatuses: ReadonlySet<number>
}

/**
 * Exponential backoff: retry n (from 0) waits `baseDelay × 2^n`, capped at
 * `maxDelay`, up to `jitter` of it removed at random; at most `maxRetries`
 * retries; only errors {@link isRetryable} with `retryStatuses`.
 */
export const backoffSchedule = (backoff: Backoff): Schedule.Schedule<unknown, Mem0RequestError> =>
  Schedule.exponential(backoff.baseDelay, 2).pipe(
    Schedule.modifyDelay((delay) => Duration.min(delay, backoff.maxDelay)),
    backoff.jitter > 0 ? Schedule.jitteredWith({ min: 1 - backoff.jitter, max: 1 }) : identity,
    Schedule.intersect(Schedule.recurs(backoff.maxRetries)),
    Schedule.whileInput((error: Mem0RequestError) => isRetryable(error, backoff.retryStatuses))
  )
