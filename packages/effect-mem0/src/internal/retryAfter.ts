import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/**
 * Reads the wait a response asks for, from `retry-after-ms` (milliseconds,
 * OpenAI style) first, then `Retry-After` as delta-seconds or an HTTP-date in
 * any of RFC 9110's three forms. Garbage, negative or past values give
 * `None`, so the caller falls back to its own backoff.
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
  const seconds = parseNonNegativeNumber(value)
  if (seconds !== undefined) return Option.some(Duration.millis(seconds * 1000))
  const at = parseHttpDate(value, nowMillis)
  if (at === undefined) return Option.none()
  const wait = at - nowMillis
  return wait > 0 ? Option.some(Duration.millis(wait)) : Option.none()
}

const parseNonNegativeNumber = (raw: string): number | undefined => {
  const trimmed = raw.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : undefined
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
const DAY = "(?:mon|tue|wed|thu|fri|sat|sun)"
const LONG_DAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})"
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, "i")
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, "i")
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, "i")

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850
 * form and asctime. Returns epoch milliseconds, or `undefined` for anything
 * else (the weekday is not checked against the date, as the RFC allows).
 */
export const parseHttpDate = (value: string, nowMillis: number): number | undefined => {
  const fields = dateFields(value, nowMillis)
  if (fields === undefined) return undefined
  const { day, hours, minutes, month, seconds, year } = fields
  if (day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined
  const at = Date.UTC(year, month, day, hours, minutes, Math.min(seconds, 59))
  // Reject dates that roll over (31 Feb), which Date.UTC would silently accept.
  return new Date(at).getUTCDate() === day ? at : undefined
}

interface DateFields {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hours: number
  readonly minutes: number
  readonly seconds: number
}

const fieldsOf = (year: number, month: string, day: string, hh: string, mm: string, ss: string): DateFields => ({
  year,
  month: MONTHS.indexOf(month.toLowerCase()),
  day: Number(day.trim()),
  hours: Number(hh),
  minutes: Number(mm),
  seconds: Number(ss)
})

const dateFields = (value: string, nowMillis: number): DateFields | undefined => {
  const imf = IMF_FIXDATE.exec(value)
  if (imf !== null) {
    const [, day = "", month = "", year = "", hh = "", mm = "", ss = ""] = imf
    return fieldsOf(Number(year), month, day, hh, mm, ss)
  }
  const rfc850 = RFC_850.exec(value)
  if (rfc850 !== null) {
    const [, day = "", month = "", yy = "", hh = "", mm = "", ss = ""] = rfc850
    // A two-digit year more than 50 years in the future means the past century (RFC 9110).
    const nowYear = new Date(nowMillis).getUTCFullYear()
    let year = 2000 + Number(yy)
    while (year > nowYear + 50) year -= 100
    return fieldsOf(year, month, day, hh, mm, ss)
  }
  const asctime = ASCTIME.exec(value)
  if (asctime !== null) {
    const [, month = "", day = "", hh = "", mm = "", ss = "", year = ""] = asctime
    return fieldsOf(Number(year), month, day, hh, mm, ss)
  }
  return undefined
}
