import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/**
 * Reads the wait a response asks for, from `retry-after-ms` (milliseconds,
 * OpenAI style) first, then `Retry-After` as delta-seconds or an HTTP-date.
 * Garbage, negative or past values give `None`, so the caller falls back to
 * its own backoff.
 */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  nowMillis: number
): Option.Option<Duration.Duration> => {
  const ms = headers["retry-after-ms"]
  if (ms !== undefined) {
    const parsed = parseNonNegativeNumber(ms)
    if (parsed !== undefined) return Option.some(Duration.millis(parsed))
  }
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Option.some(Duration.millis(Number(value) * 1000))
  }
  // An HTTP-date names a weekday and a month; anything else (e.g. "-5", "soon") is garbage.
  if (!/^[A-Za-z]{3},/.test(value)) return Option.none()
  const at = Date.parse(value)
  if (Number.isNaN(at)) return Option.none()
  const wait = at - nowMillis
  return wait > 0 ? Option.some(Duration.millis(wait)) : Option.none()
}

const parseNonNegativeNumber = (raw: string): number | undefined => {
  const trimmed = raw.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : undefined
}
