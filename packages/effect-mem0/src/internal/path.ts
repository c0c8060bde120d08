/**
 * Which values may be a path segment. A segment is percent-encoded when a
 * route is filled in (`Routes.fill`: `/`, `?`, `#` and `%` cannot change the
 * request path), but the URL standard resolves `.` and `..` even when
 * percent-encoded (`%2E%2E`), so those two values are refused here.
 */

/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists for it (`encodeURIComponent` throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a value cannot be a path segment, or `undefined` when it can. */
export const segmentProblem = (value: unknown, what = "an organization id"): string | undefined => {
  if (typeof value !== "string" || value.trim() === "") return `${what} must not be empty`
  if (value === "." || value === "..") return `${JSON.stringify(value)} cannot be sent as a path segment`
  if (LONE_SURROGATE.test(value)) return `${what} must be valid Unicode (it has a lone surrogate)`
  return undefined
}
