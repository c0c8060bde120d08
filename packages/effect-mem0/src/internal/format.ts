/**
 * Formatting of waits and sizes for people, used in error messages.
 */
import * as Duration from "effect/Duration"

/**
 * Formats a wait for people: `750 ms`, `12 s`, `2 min 5 s`, `3 h 20 min`,
 * `12 days`; never `NaN` or `Infinity`.
 */
export const formatWait = (wait: Duration.DurationInput): string => {
  const millis = Duration.toMillis(Duration.decode(wait))
  if (Number.isNaN(millis)) return "an unknown time"
  if (millis === Infinity) return "an unlimited time"
  const ms = Math.max(0, Math.round(millis))
  if (ms < 1000) return `${ms} ms`
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60)
    const rest = seconds % 60
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
  }
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60)
    const rest = minutes % 60
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
  }
  const days = Math.ceil(minutes / (24 * 60))
  return days > 3650 ? "more than 10 years" : `${days} days`
}

/** Formats a byte count: `512 B`, `10 MiB`. */
export const formatBytes = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
    ? `${Math.round(bytes / 102.4) / 10} KiB`
    : `${Math.round(bytes / 104857.6) / 10} MiB`
