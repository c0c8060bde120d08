/**
 * The response boundary: a status other than 2xx becomes its typed error
 * here, and only here. Every string a server sent passes through the key
 * scrubber and is bounded before it goes into an error.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as Headers from "@effect/platform/Headers"
import * as Option from "effect/Option"
import {
  Mem0BadRequest,
  Mem0Forbidden,
  Mem0NotFound,
  Mem0RateLimited,
  type Mem0RequestError,
  Mem0ServerError,
  Mem0Unauthorized,
  Mem0UnexpectedStatus
} from "../Mem0Error.js"
import { excerpt, tryParseJson } from "./body.js"
import { cut } from "./issue.js"
import type { Operation } from "./operation.js"
import { parseRetryAfter } from "./retryAfter.js"
import type { Scrubber } from "./secret.js"

/** Maps a status other than 2xx to its typed error, reading the body where it helps. */
export const errorFromStatus = (
  op: Operation<unknown>,
  status: number,
  headers: Headers.Headers,
  body: string,
  nowMillis: number,
  scrub: Scrubber
): Mem0RequestError => {
  const base = { method: op.method, path: op.path, status }
  const json = tryParseJson(body)
  const message = json.ok ? messageOf(json.value) : undefined
  const serverMessage = message === undefined ? undefined : cut(scrub(message), 200)
  const retryAfter = Option.getOrUndefined(parseRetryAfter(headers, nowMillis))
  if (status === 400) return new Mem0BadRequest({ ...base, fieldErrors: json.ok ? fieldErrorsOf(json.value, scrub) : {} })
  if (status === 401) return new Mem0Unauthorized(base)
  if (status === 403) return new Mem0Forbidden(serverMessage === undefined ? base : { ...base, detail: serverMessage })
  if (status === 404) {
    return new Mem0NotFound({
      ...base,
      ...(op.orgId === undefined ? {} : { orgId: op.orgId }),
      ...(op.projectId === undefined ? {} : { projectId: op.projectId })
    })
  }
  if (status === 429) return new Mem0RateLimited(retryAfter === undefined ? base : { ...base, retryAfter })
  if (status >= 500 && status <= 599) {
    return new Mem0ServerError(retryAfter === undefined ? base : { ...base, retryAfter })
  }
  return new Mem0UnexpectedStatus({ ...base, body: excerpt(scrub(body)) })
}

const messageOf = (u: unknown): string | undefined => {
  if (typeof u !== "object" || u === null) return undefined
  const record = u as Record<string, unknown>
  const value = record["message"] ?? record["detail"] ?? record["error"]
  return typeof value === "string" ? value : undefined
}

/** Keys of a 400 body that carry its general message, not a field's. */
const MESSAGE_KEYS = new Set(["message", "detail", "error", "errors", "status", "code"])

/**
 * Mem0's `{ "errors": { field: [message] } }`, or, as Django REST Framework answers when a deployment
 * drifts, the fields at the top level (`{ "email": ["Enter a valid email address."] }`): scrubbed and
 * bounded (50 fields, 10 messages of 200 characters each).
 */
const fieldErrorsOf = (u: unknown, scrub: Scrubber): Record<string, ReadonlyArray<string>> => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return {}
  const record = u as Record<string, unknown>
  const nested = record["errors"]
  const errors = typeof nested === "object" && nested !== null && !Array.isArray(nested)
    ? nested as Record<string, unknown>
    : Object.fromEntries(
      Object.entries(record).filter(([key, value]) =>
        !MESSAGE_KEYS.has(key) && Array.isArray(value) && value.every((m) => typeof m === "string")
      )
    )
  const out: Record<string, ReadonlyArray<string>> = {}
  const text = (m: unknown) => cut(scrub(typeof m === "string" ? m : typeof m), 200)
  for (const [field, messages] of Object.entries(errors).slice(0, 50)) {
    out[cut(scrub(field), 100)] = Array.isArray(messages) ? messages.slice(0, 10).map(text) : [text(messages)]
  }
  return out
}

export const transportDetail = (error: HttpClientError.HttpClientError | HttpClientError.ResponseError): string => {
  const cause = error.cause
  const causeText = cause instanceof Error
    ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ""}`
    : undefined
  return `${error.reason}${causeText ? `: ${causeText}` : ""}`
}

