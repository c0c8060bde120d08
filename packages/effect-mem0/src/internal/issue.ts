/**
 * Describes a Schema decode failure for an error message without ever
 * formatting the offending value: Effect's formatters print the actual value,
 * which can be megabytes long, nested deeper than the stack (a `RangeError`),
 * or an echo of the API key. Here the value is named by its kind only, and
 * the walk follows the schema's depth, never the value's.
 */
import type * as ParseResult from "effect/ParseResult"

/** The most characters kept of a description (like the body excerpt). */
export const ISSUE_LIMIT = 1024

/** Cuts text to `limit` characters, marking the cut. */
export const cut = (text: string, limit: number): string =>
  text.length <= limit ? text : `${text.slice(0, limit - 1)}…`

/** What a value is, without showing it. */
const kindOf = (u: unknown): string => {
  if (u === null) return "null"
  if (Array.isArray(u)) return `an array of ${u.length}`
  switch (typeof u) {
    case "string":
      return u.length <= 40 && !/[^\x20-\x7e]/.test(u) ? "a string" : `a string of ${u.length} characters`
    case "object":
      return "an object"
    case "undefined":
      return "nothing"
    default:
      return `a ${typeof u}`
  }
}

const expected = (ast: { toString(): string }): string => cut(String(ast), 200)

/** Renders a path as `[3].org_id`; `$` for the root. */
export const renderPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "$"
    : path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("")

/** The first leaf of an issue: where it is and what is wrong, in bounded text. */
export const describeIssue = (issue: ParseResult.ParseIssue): { readonly path: string; readonly issue: string } => {
  const path: Array<PropertyKey> = []
  let current: ParseResult.ParseIssue = issue
  // Bounded by the schema's depth; the guard only protects against a malformed issue tree.
  for (let step = 0; step < 1000; step++) {
    switch (current._tag) {
      case "Pointer":
        if (Array.isArray(current.path)) path.push(...(current.path as ReadonlyArray<PropertyKey>))
        else path.push(current.path as PropertyKey)
        current = current.issue
        continue
      case "Refinement":
      case "Transformation":
        current = current.issue
        continue
      case "Composite": {
        const issues = current.issues
        const first = Array.isArray(issues) ? issues[0] : issues
        if (first === undefined) return { path: renderPath(path), issue: `expected ${expected(current.ast)}` }
        current = first as ParseResult.ParseIssue
        continue
      }
      case "Missing":
        return { path: renderPath(path), issue: "is missing" }
      case "Unexpected":
        return { path: renderPath(path), issue: "is not expected here" }
      case "Forbidden":
        return { path: renderPath(path), issue: "cannot be decoded here" }
      case "Type":
        return { path: renderPath(path), issue: `expected ${expected(current.ast)}, got ${kindOf(current.actual)}` }
    }
  }
  return { path: renderPath(path), issue: "does not match the documented shape" }
}
