/**
 * Typed errors of the Mem0 client.
 *
 * Every failure of a {@link Mem0Client} operation is one member of the
 * {@link Mem0Error} union, so a program can `catchTag` the cases it handles
 * and let the others through. Each error carries a human `message` and,
 * where a request was made, its `method`, `path` and `status`.
 *
 * None of them ever holds the API key or a request header: they are built
 * from the method, the path and the response only.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgsOrEmpty = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0Unauthorized", () => Effect.succeed([]))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { formatBytes, formatWait } from "./internal/format.js"

/** Fields every request-bound error shares. */
const requestFields = {
  /** HTTP method of the failed request, e.g. `GET`. */
  method: Schema.String,
  /** Request path (no origin, no query), e.g. `/api/v1/orgs/organizations/`. */
  path: Schema.String
}

/** Fields of errors that come from an HTTP response. */
const responseFields = {
  ...requestFields,
  /** HTTP status code of the response. */
  status: Schema.Number
}

const where = (self: { readonly method: string; readonly path: string }) => `${self.method} ${self.path}`

/**
 * The API key was missing, unknown or revoked (HTTP 401).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0Unauthorized", (error) => Effect.as(Effect.logWarning(`set a valid key: ${error.message}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0Unauthorized extends Schema.TaggedError<Mem0Unauthorized>("effect-mem0/Mem0Unauthorized")(
  "Mem0Unauthorized",
  responseFields
) {
  override get message(): string {
    return `Mem0 rejected the API key (401) on ${where(this)}. Check or set the key.`
  }
}

/**
 * The key is valid but may not do this (HTTP 403), e.g. a READER acting as OWNER.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0Forbidden", (error) => Effect.as(Effect.logWarning(error.detail ?? "forbidden"), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0Forbidden extends Schema.TaggedError<Mem0Forbidden>("effect-mem0/Mem0Forbidden")(
  "Mem0Forbidden",
  {
    ...responseFields,
    /** The server's own explanation, when it sent one. */
    detail: Schema.optional(Schema.String)
  }
) {
  override get message(): string {
    return `Mem0 refused ${where(this)} (403)${this.detail ? `: ${this.detail}` : ""}.`
  }
}

/**
 * The resource does not exist or is not visible to this key (HTTP 404).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0NotFound", (error) => Effect.as(Effect.logWarning(`no organization ${error.orgId ?? ""}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0NotFound extends Schema.TaggedError<Mem0NotFound>("effect-mem0/Mem0NotFound")(
  "Mem0NotFound",
  {
    ...responseFields,
    /** The organization asked for, when the request named one. */
    orgId: Schema.optional(Schema.String),
    /** The project asked for, when the request named one. */
    projectId: Schema.optional(Schema.String)
  }
) {
  override get message(): string {
    return this.projectId !== undefined
      ? `Mem0 project ${JSON.stringify(this.projectId)} of organization ${JSON.stringify(this.orgId)} was not found (404).`
      : this.orgId !== undefined
      ? `Mem0 organization ${JSON.stringify(this.orgId)} was not found (404).`
      : `Mem0 answered 404 Not Found on ${where(this)}.`
  }
}

/**
 * The request was invalid (HTTP 400). `fieldErrors` holds Mem0's
 * `{ "errors": { field: [message] } }` body, empty when the body had none.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0BadRequest", (error) => Effect.as(Effect.logWarning(Object.keys(error.fieldErrors).join(", ")), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0BadRequest extends Schema.TaggedError<Mem0BadRequest>("effect-mem0/Mem0BadRequest")(
  "Mem0BadRequest",
  {
    ...responseFields,
    /** Per-field messages, as Mem0 sent them. */
    fieldErrors: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })
  }
) {
  override get message(): string {
    const fields = Object.entries(this.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`)
    return `Mem0 rejected ${where(this)} as invalid (400)${fields.length > 0 ? `: ${fields.join("; ")}` : ""}.`
  }
}

/**
 * Mem0 asked the client to slow down (HTTP 429), or asked for a wait longer
 * than the client may give. `retryAfter` is the wait the server asked for.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0RateLimited", (error) => Effect.as(Effect.logWarning(`wait ${String(error.retryAfter)}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0RateLimited extends Schema.TaggedError<Mem0RateLimited>("effect-mem0/Mem0RateLimited")(
  "Mem0RateLimited",
  {
    ...responseFields,
    /** The wait the server asked for (`retry-after-ms` or `Retry-After`), when it said. */
    retryAfter: Schema.optional(Schema.DurationFromSelf)
  }
) {
  override get message(): string {
    return this.retryAfter !== undefined
      ? `Mem0 is rate limiting requests (${this.status}); it asked to wait ${formatWait(this.retryAfter)}.`
      : `Mem0 is rate limiting requests (${this.status}) on ${where(this)}.`
  }
}

/**
 * Mem0 failed on its side (HTTP 5xx).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0ServerError", (error) => Effect.as(Effect.logWarning(`Mem0 answered ${error.status}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0ServerError extends Schema.TaggedError<Mem0ServerError>("effect-mem0/Mem0ServerError")(
  "Mem0ServerError",
  {
    ...responseFields,
    /** The wait the server asked for with `Retry-After` (503 often sends one). */
    retryAfter: Schema.optional(Schema.DurationFromSelf)
  }
) {
  override get message(): string {
    return `Mem0 had a server error (${this.status}) on ${where(this)}.`
  }
}

/**
 * Any other status the API does not document for this call (e.g. 409, 418, 3xx).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0UnexpectedStatus", (error) => Effect.as(Effect.logWarning(`${error.status}: ${error.body}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0UnexpectedStatus extends Schema.TaggedError<Mem0UnexpectedStatus>(
  "effect-mem0/Mem0UnexpectedStatus"
)("Mem0UnexpectedStatus", {
  ...responseFields,
  /** Up to 1 KB of the response body. */
  body: Schema.String
}) {
  override get message(): string {
    return `Mem0 answered an unexpected status ${this.status} on ${where(this)}.`
  }
}

/**
 * The request never got a complete response: connection refused or reset,
 * DNS failure, or the body broke off while it was being read.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0TransportError", (error) => Effect.as(Effect.logWarning(error.detail), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0TransportError extends Schema.TaggedError<Mem0TransportError>("effect-mem0/Mem0TransportError")(
  "Mem0TransportError",
  {
    ...requestFields,
    /** What the transport reported, without headers. */
    detail: Schema.String
  }
) {
  override get message(): string {
    return `Could not reach Mem0 for ${where(this)}: ${this.detail}`
  }
}

/**
 * A request attempt, or the whole call with its retries, ran out of time.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0Timeout", (error) => Effect.as(Effect.logWarning(`timed out (${error.scope})`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0Timeout extends Schema.TaggedError<Mem0Timeout>("effect-mem0/Mem0Timeout")("Mem0Timeout", {
  ...requestFields,
  /** The limit that was reached. */
  timeout: Schema.DurationFromSelf,
  /** `attempt`: one request took too long; `deadline`: the call with all its retries did. */
  scope: Schema.Literal("attempt", "deadline")
}) {
  override get message(): string {
    return this.scope === "attempt"
      ? `Mem0 did not answer ${where(this)} within ${formatWait(this.timeout)}.`
      : `${where(this)} did not complete within its deadline of ${formatWait(this.timeout)}, retries included.`
  }
}

/**
 * The response could not be read as the documented shape: not JSON, or JSON
 * that breaks what the client relies on. `issuePath` names the offending
 * field (e.g. `[3].org_id`) and `body` keeps at most 1 KB of the response.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0DecodeError", (error) => Effect.as(Effect.logWarning(`at ${error.issuePath}: ${error.issue}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0DecodeError extends Schema.TaggedError<Mem0DecodeError>("effect-mem0/Mem0DecodeError")(
  "Mem0DecodeError",
  {
    ...responseFields,
    /** Path of the offending field, `$` for the whole body. */
    issuePath: Schema.String,
    /** What is wrong at that path. */
    issue: Schema.String,
    /** At most 1 KB of the body, for diagnosis. */
    body: Schema.String
  }
) {
  override get message(): string {
    return `Mem0 sent a response to ${where(this)} that cannot be read: at ${this.issuePath}: ${this.issue}`
  }
}

/**
 * The response body was larger than the client accepts (`maxResponseBytes`,
 * 10 MiB by default). Reading stopped at the limit and the connection was
 * dropped; nothing past the limit was buffered. Not retried: the same
 * request would get the same body.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0ResponseTooLarge", (error) => Effect.as(Effect.logWarning(`over ${error.limit} bytes`), []))
 * )
 * ```
 *
 * @since 0.2.0
 * @category errors
 */
export class Mem0ResponseTooLarge extends Schema.TaggedError<Mem0ResponseTooLarge>("effect-mem0/Mem0ResponseTooLarge")(
  "Mem0ResponseTooLarge",
  {
    ...responseFields,
    /** The limit in bytes. */
    limit: Schema.Number,
    /** The size the server declared (`content-length`), when it declared one. */
    declared: Schema.optional(Schema.Number)
  }
) {
  override get message(): string {
    return `Mem0's response to ${where(this)} is larger than the ${formatBytes(this.limit)} the client accepts${
      this.declared === undefined ? "" : ` (${formatBytes(this.declared)} declared)`
    }.`
  }
}

/**
 * The server answered with a redirect the client does not follow: to another
 * origin (the API key would go there), or of a kind that cannot be followed
 * safely. `location` is the origin (or `(none)`) it pointed to, never its path or query.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0RedirectRefused", (error) => Effect.as(Effect.logWarning(`redirected to ${error.location}`), []))
 * )
 * ```
 *
 * @since 0.2.0
 * @category errors
 */
export class Mem0RedirectRefused extends Schema.TaggedError<Mem0RedirectRefused>("effect-mem0/Mem0RedirectRefused")(
  "Mem0RedirectRefused",
  {
    ...responseFields,
    /** The origin the redirect pointed to, e.g. `https://elsewhere.example`. */
    location: Schema.String
  }
) {
  override get message(): string {
    return `Mem0 redirected ${where(this)} (${this.status}) to ${this.location}; the client does not follow it, so the API key is not sent there.`
  }
}

/**
 * The client is misconfigured: empty API key, invalid base URL, bad option.
 * Raised when the layer is built, before any request.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { Mem0Client } from "effect-mem0"
 *
 * // A layer that cannot be built (no MEM0_API_KEY, say) falls back to another
 * const Live = Mem0Client.layerConfig().pipe(
 *   Layer.catchAll((error) => Layer.effectDiscard(Effect.logError(`${error.setting}: ${error.reason}`)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0ConfigError extends Schema.TaggedError<Mem0ConfigError>("effect-mem0/Mem0ConfigError")(
  "Mem0ConfigError",
  {
    /** Which setting is wrong, e.g. `apiKey` or `MEM0_BASE_URL`. */
    setting: Schema.String,
    /** Why it is wrong. */
    reason: Schema.String
  }
) {
  override get message(): string {
    return `Mem0 client configuration error in ${this.setting}: ${this.reason}`
  }
}

/**
 * An argument of a call is unusable (e.g. an empty org_id); no request was sent.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations().pipe(
 *   Effect.catchTag("Mem0InvalidInput", (error) => Effect.as(Effect.logWarning(`${error.argument}: ${error.reason}`), []))
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class Mem0InvalidInput extends Schema.TaggedError<Mem0InvalidInput>("effect-mem0/Mem0InvalidInput")(
  "Mem0InvalidInput",
  {
    /** The argument's name. */
    argument: Schema.String,
    /** Why it cannot be used. */
    reason: Schema.String
  }
) {
  override get message(): string {
    return `Invalid ${this.argument}: ${this.reason}`
  }
}

/** The error classes, in one list: the union, the tags and the refinement below all come from it. */
const errorClasses = [
  Mem0Unauthorized,
  Mem0Forbidden,
  Mem0NotFound,
  Mem0BadRequest,
  Mem0RateLimited,
  Mem0ServerError,
  Mem0UnexpectedStatus,
  Mem0TransportError,
  Mem0Timeout,
  Mem0DecodeError,
  Mem0ResponseTooLarge,
  Mem0RedirectRefused,
  Mem0ConfigError,
  Mem0InvalidInput
] as const

/**
 * Every error a Mem0 client call can fail with: `Mem0Unauthorized | Mem0Forbidden | …`.
 *
 * @since 0.1.0
 * @category errors
 */
export type Mem0Error = InstanceType<(typeof errorClasses)[number]>

/**
 * The tags of {@link Mem0Error}, in one place.
 *
 * @example
 * ```ts
 * import { Mem0Error } from "effect-mem0"
 *
 * const isKnownTag = (tag: string) => (Mem0Error.Mem0ErrorTags as ReadonlyArray<string>).includes(tag)
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const Mem0ErrorTags: ReadonlyArray<Mem0Error["_tag"]> = errorClasses.map((cls) => cls._tag)

/**
 * Every error a call (as opposed to building the client) can fail with.
 *
 * @since 0.2.0
 * @category errors
 */
export type Mem0RequestError = Exclude<Mem0Error, Mem0ConfigError>

/**
 * Tells a {@link Mem0Error} from any other value.
 *
 * @example
 * ```ts
 * import { Mem0Error } from "effect-mem0"
 *
 * const describe = (err: unknown) => (Mem0Error.isMem0Error(err) ? `${err._tag}: ${err.message}` : String(err))
 * ```
 *
 * @since 0.1.0
 * @category refinements
 */
export const isMem0Error = (u: unknown): u is Mem0Error =>
  Predicate.isObject(u) && errorClasses.some((cls) => u instanceof cls)

