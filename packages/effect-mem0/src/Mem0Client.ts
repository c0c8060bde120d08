/**
 * The Mem0 Organizations and Members client, as an Effect service.
 *
 * The client requires an `HttpClient.HttpClient` and does not pick one:
 * provide `FetchHttpClient.layer` (Node 20, browsers), `NodeHttpClient`, or
 * your own. Every call is a `GET` with a per-attempt timeout, an overall
 * deadline, retries with backoff and `Retry-After`, a span and one debug log
 * line per attempt. The API key is `Redacted` and never reaches a log, a
 * span or an error.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
 * import { Mem0Client } from "effect-mem0"
 *
 * const program = Effect.gen(function* () {
 *   const mem0 = yield* Mem0Client.Mem0Client
 *   const orgs = yield* mem0.listOrganizations()
 *   for (const org of orgs) console.log(org.org_id, org.name)
 * })
 *
 * program.pipe(
 *   Effect.provide(Mem0Client.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { excerpt, readBody, tryParseJson } from "./internal/body.js"
import { collectDrift } from "./internal/drift.js"
import { cut, describeIssue, ISSUE_LIMIT } from "./internal/issue.js"
import { paths, segmentProblem } from "./internal/path.js"
import { parseRetryAfter } from "./internal/retryAfter.js"
import { keyProblem, makeScrubber, type Scrubber } from "./internal/secret.js"
import {
  Mem0BadRequest,
  Mem0ConfigError,
  Mem0DecodeError,
  type Mem0Error,
  Mem0Forbidden,
  Mem0InvalidInput,
  Mem0NotFound,
  Mem0RateLimited,
  Mem0RedirectRefused,
  Mem0ResponseTooLarge,
  Mem0ServerError,
  Mem0Timeout,
  Mem0TransportError,
  Mem0Unauthorized,
  Mem0UnexpectedStatus
} from "./Mem0Error.js"
import {
  type Member,
  type MemberRole,
  MembersResponse,
  type Organization,
  OrganizationFromWire,
  OrganizationList,
  OrgId
} from "./Organization.js"

/**
 * Where the client sends requests when no base URL is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_BASE_URL = "https://api.mem0.ai"

/**
 * The largest response body the client reads by default: 10 MiB.
 *
 * @since 0.2.0
 * @category constants
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** No retry ever starts sooner than this after the previous attempt, whatever the server asks. */
const MIN_RETRY_WAIT = Duration.millis(100)

/** Same-origin redirects of a read followed within one attempt, at most. */
const MAX_REDIRECTS = 5

/** Response headers copied onto the call's span; no other header value ever reaches a span. */
const SPAN_HEADERS = ["content-type", "content-length", "retry-after", "retry-after-ms", "x-request-id"] as const

/**
 * How failed requests are retried. Every field is optional; the defaults are
 * those of {@link defaultRetry}.
 *
 * @since 0.1.0
 * @category options
 */
export interface RetryOptions {
  /** Retries after the first attempt (so attempts = maxRetries + 1). Default 2. */
  readonly maxRetries?: number
  /** Backoff before retry n (from 0) is `baseDelay × 2^n`, jittered. Default 500 ms. */
  readonly baseDelay?: Duration.DurationInput
  /** Upper bound of one backoff delay. Default 8 s. */
  readonly maxDelay?: Duration.DurationInput
  /** Fraction of the delay removed at random (0 to 1), so clients do not retry in step. Default 0.25. */
  readonly jitter?: number
  /** A server wait longer than this fails at once with the wait, rather than sleeping. Default 60 s. */
  readonly maxRetryAfter?: Duration.DurationInput
  /** Statuses retried. Default 408, 429, 500, 502, 503, 504. */
  readonly retryStatuses?: ReadonlyArray<number>
  /** Methods retried; non-idempotent calls are never retried blindly. Default `["GET"]`. */
  readonly retryMethods?: ReadonlyArray<string>
}

/**
 * Time limits of a call.
 *
 * @since 0.1.0
 * @category options
 */
export interface TimeoutOptions {
  /** Limit of one attempt, headers and body. Default 30 s. */
  readonly perAttempt?: Duration.DurationInput
  /** Limit of the whole call, retries and waits included. Default 60 s. */
  readonly total?: Duration.DurationInput
}

/**
 * Options of {@link layer} and {@link make}.
 *
 * @since 0.1.0
 * @category options
 */
export interface Mem0ClientOptions {
  /** The Mem0 API key. Prefer `Redacted.make(key)`; a plain string is wrapped at once. */
  readonly apiKey: Redacted.Redacted<string> | string
  /** API origin, default {@link DEFAULT_BASE_URL}. Must be `http:` or `https:`. */
  readonly baseUrl?: string
  /** Retry policy; `false` turns retries off. */
  readonly retry?: RetryOptions | false
  /** Time limits. */
  readonly timeout?: TimeoutOptions
  /**
   * The largest response body read, in bytes; a larger one fails with
   * `Mem0ResponseTooLarge` without being buffered. Default
   * {@link DEFAULT_MAX_RESPONSE_BYTES} (10 MiB).
   */
  readonly maxResponseBytes?: number
}

/**
 * The resolved retry policy, every field set.
 *
 * @since 0.1.0
 * @category options
 */
export interface RetryPolicy {
  readonly maxRetries: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly jitter: number
  readonly maxRetryAfter: Duration.Duration
  readonly retryStatuses: ReadonlySet<number>
  readonly retryMethods: ReadonlySet<string>
}

/**
 * The default retry policy: 2 retries, 500 ms × 2^n backoff with 25 % jitter
 * capped at 8 s, server waits honoured up to 60 s, GET only, on 408, 429,
 * 500, 502, 503 and 504 as well as transport failures and attempt timeouts.
 *
 * @since 0.1.0
 * @category options
 */
export const defaultRetry: RetryPolicy = {
  maxRetries: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(8),
  jitter: 0.25,
  maxRetryAfter: Duration.seconds(60),
  retryStatuses: new Set([408, 429, 500, 502, 503, 504]),
  retryMethods: new Set(["GET"])
}

/**
 * The default time limits: 30 s per attempt, 60 s per call.
 *
 * @since 0.1.0
 * @category options
 */
export const defaultTimeout = {
  perAttempt: Duration.seconds(30),
  total: Duration.seconds(60)
} as const

/**
 * Every error a call (as opposed to building the client) can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type Mem0RequestError = Exclude<Mem0Error, Mem0ConfigError>

/**
 * The operations of the client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Mem0ClientService {
  /** The origin requests go to, without trailing slash. */
  readonly baseUrl: string
  /**
   * The caller's organizations: `GET /api/v1/orgs/organizations/`.
   *
   * @example
   * ```ts
   * const orgs = yield* mem0.listOrganizations()
   * ```
   */
  readonly listOrganizations: () => Effect.Effect<ReadonlyArray<Organization>, Mem0RequestError>
  /**
   * One organization: `GET /api/v1/orgs/organizations/{org_id}/`. Fails with
   * `Mem0NotFound` (carrying `orgId`) when it does not exist for this key.
   *
   * @example
   * ```ts
   * const org = yield* mem0.getOrganization("org_123")
   * ```
   */
  readonly getOrganization: (orgId: string) => Effect.Effect<Organization, Mem0RequestError>
  /**
   * An organization's members: `GET /api/v1/orgs/organizations/{org_id}/members/`.
   *
   * @example
   * ```ts
   * const members = yield* mem0.listMembers(org.org_id)
   * ```
   */
  readonly listMembers: (orgId: string) => Effect.Effect<ReadonlyArray<Member>, Mem0RequestError>
  /**
   * Creates an organization owned by the caller: `POST /api/v1/orgs/organizations/`.
   * Not retried by default (only GET is); a 400 carries Mem0's field errors.
   *
   * @example
   * ```ts
   * const { orgId } = yield* mem0.createOrganization("Research")
   * ```
   */
  readonly createOrganization: (name: string) => Effect.Effect<CreatedOrganization, Mem0RequestError>
  /** Deletes an organization (owner only): `DELETE /api/v1/orgs/organizations/{org_id}/`. */
  readonly deleteOrganization: (orgId: string) => Effect.Effect<void, Mem0RequestError>
  /**
   * Adds a member (owner only): `POST /api/v1/orgs/organizations/{org_id}/members/`.
   *
   * @example
   * ```ts
   * yield* mem0.addMember(orgId, { email: "ana@example.com", role: "READER" })
   * ```
   */
  readonly addMember: (orgId: string, member: MemberChange) => Effect.Effect<void, Mem0RequestError>
  /** Changes a member's role (owner only): `PUT /api/v1/orgs/organizations/{org_id}/members/`. */
  readonly updateMemberRole: (orgId: string, member: MemberChange) => Effect.Effect<void, Mem0RequestError>
  /** Removes a member (owner only): `DELETE /api/v1/orgs/organizations/{org_id}/members/` with `{ email }`. */
  readonly removeMember: (orgId: string, email: string) => Effect.Effect<void, Mem0RequestError>
}

/**
 * A member to add, or whose role to change.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemberChange {
  readonly email: string
  readonly role: MemberRole
}

/**
 * What creating an organization returns.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreatedOrganization {
  readonly orgId: OrgId
  /** Mem0's confirmation, e.g. "Organization created successfully." */
  readonly message: string | undefined
}

/**
 * The client service tag.
 *
 * @since 0.1.0
 * @category tags
 */
export class Mem0Client extends Context.Tag("effect-mem0/Mem0Client")<Mem0Client, Mem0ClientService>() {}

/** What one operation asks and how its body decodes. */
interface Operation<A> {
  readonly name: keyof Omit<Mem0ClientService, "baseUrl">
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  readonly path: string
  readonly orgId?: string
  /** Sent as JSON. */
  readonly body?: unknown
  /** Decodes a 2xx body; absent when any 2xx body means success (the change happened). */
  readonly decode?: (u: unknown) => Either.Either<A, ParseResult.ParseError>
}

const CreatedBody = Schema.Struct({ org_id: OrgId, message: Schema.optional(Schema.NullOr(Schema.String)) })
const decodeCreated = (u: unknown) =>
  Either.map(Schema.decodeUnknownEither(CreatedBody)(u), (b): CreatedOrganization => ({
    orgId: b.org_id,
    message: b.message ?? undefined
  }))

const decodeOrganizations = Schema.decodeUnknownEither(OrganizationList)
const decodeOrganization = Schema.decodeUnknownEither(OrganizationFromWire)
const decodeMembers = Schema.decodeUnknownEither(MembersResponse)

const validDuration = (
  setting: string,
  input: Duration.DurationInput | undefined,
  fallback: Duration.Duration,
  allowZero = false
): Effect.Effect<Duration.Duration, Mem0ConfigError> => {
  if (input === undefined) return Effect.succeed(fallback)
  const decoded = Duration.decodeUnknown(input)
  if (Option.isNone(decoded)) {
    return Effect.fail(new Mem0ConfigError({ setting, reason: "is not a duration" }))
  }
  const millis = Duration.toMillis(decoded.value)
  if (Number.isNaN(millis) || millis < 0 || (!allowZero && millis === 0)) {
    return Effect.fail(new Mem0ConfigError({ setting, reason: `must be ${allowZero ? "zero or more" : "more than zero"}` }))
  }
  return Effect.succeed(decoded.value)
}

/**
 * Why a Mem0 API key cannot be used, in words for people (e.g. "the API key
 * contains a space"), or `undefined` when it can. Surrounding whitespace is
 * ignored, as the client trims the key. The client refuses such keys when it
 * is built; a UI can check a typed key with the same rule.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 * Mem0Client.apiKeyProblem(" m0-abc ") // undefined
 * Mem0Client.apiKeyProblem("m0 abc")   // "the API key contains a space"
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const apiKeyProblem = (key: string): string | undefined => keyProblem(key.trim())

/**
 * Checks options and fills defaults. Fails with `Mem0ConfigError` on an
 * empty or whitespace key, a base URL that is not http(s), or a bad number.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolveOptions = (options: Mem0ClientOptions) =>
  Effect.gen(function*() {
    const rawKey = Redacted.isRedacted(options.apiKey) ? Redacted.value(options.apiKey) : options.apiKey
    const key = typeof rawKey === "string" ? rawKey.trim() : ""
    const problem = keyProblem(key)
    if (problem !== undefined) return yield* new Mem0ConfigError({ setting: "apiKey", reason: problem })
    const baseUrl = yield* parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
    const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {})
    const maxRetries = retry.maxRetries ?? defaultRetry.maxRetries
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
      return yield* new Mem0ConfigError({ setting: "retry.maxRetries", reason: "must be a whole number from 0 to 10" })
    }
    const jitter = retry.jitter ?? defaultRetry.jitter
    if (!(jitter >= 0 && jitter <= 1)) {
      return yield* new Mem0ConfigError({ setting: "retry.jitter", reason: "must be between 0 and 1" })
    }
    const policy: RetryPolicy = {
      maxRetries,
      jitter,
      baseDelay: yield* validDuration("retry.baseDelay", retry.baseDelay, defaultRetry.baseDelay, true),
      maxDelay: yield* validDuration("retry.maxDelay", retry.maxDelay, defaultRetry.maxDelay, true),
      maxRetryAfter: yield* validDuration("retry.maxRetryAfter", retry.maxRetryAfter, defaultRetry.maxRetryAfter, true),
      retryStatuses: retry.retryStatuses ? new Set(retry.retryStatuses) : defaultRetry.retryStatuses,
      retryMethods: retry.retryMethods
        ? new Set(retry.retryMethods.map((m) => m.toUpperCase()))
        : defaultRetry.retryMethods
    }
    const timeout = {
      perAttempt: yield* validDuration("timeout.perAttempt", options.timeout?.perAttempt, defaultTimeout.perAttempt),
      total: yield* validDuration("timeout.total", options.timeout?.total, defaultTimeout.total)
    }
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
    if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
      return yield* new Mem0ConfigError({ setting: "maxResponseBytes", reason: "must be a whole number of bytes above zero" })
    }
    return { apiKey: Redacted.make(key), baseUrl, retry: policy, timeout, maxResponseBytes }
  })

const parseBaseUrl = (raw: string): Effect.Effect<string, Mem0ConfigError> => {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return Effect.fail(new Mem0ConfigError({ setting: "baseUrl", reason: `${JSON.stringify(raw)} is not a URL` }))
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Effect.fail(new Mem0ConfigError({ setting: "baseUrl", reason: "must start with https:// or http://" }))
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return Effect.fail(
      new Mem0ConfigError({ setting: "baseUrl", reason: "must not carry credentials, a query or a fragment" })
    )
  }
  return Effect.succeed(url.href.replace(/\/+$/, ""))
}

/** Maps a status other than 2xx to its typed error, reading the body where it helps. */
const errorFromStatus = (
  op: Operation<unknown>,
  response: HttpClientResponse.HttpClientResponse,
  body: string,
  nowMillis: number,
  scrub: Scrubber
): Mem0RequestError => {
  const base = { method: op.method, path: op.path, status: response.status }
  const status = response.status
  const json = tryParseJson(body)
  const message = json.ok ? messageOf(json.value) : undefined
  const serverMessage = message === undefined ? undefined : cut(scrub(message), 200)
  const retryAfter = Option.getOrUndefined(parseRetryAfter(response.headers, nowMillis))
  if (status === 400) return new Mem0BadRequest({ ...base, fieldErrors: json.ok ? fieldErrorsOf(json.value, scrub) : {} })
  if (status === 401) return new Mem0Unauthorized(base)
  if (status === 403) return new Mem0Forbidden(serverMessage === undefined ? base : { ...base, detail: serverMessage })
  if (status === 404) return new Mem0NotFound(op.orgId === undefined ? base : { ...base, orgId: op.orgId })
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

/** Mem0's `{ "errors": { field: [message] } }`, scrubbed and bounded (50 fields, 10 messages of 200 characters each). */
const fieldErrorsOf = (u: unknown, scrub: Scrubber): Record<string, ReadonlyArray<string>> => {
  if (typeof u !== "object" || u === null) return {}
  const errors = (u as Record<string, unknown>)["errors"]
  if (typeof errors !== "object" || errors === null) return {}
  const out: Record<string, ReadonlyArray<string>> = {}
  const text = (m: unknown) => cut(scrub(typeof m === "string" ? m : typeof m), 200)
  for (const [field, messages] of Object.entries(errors).slice(0, 50)) {
    out[cut(scrub(field), 100)] = Array.isArray(messages) ? messages.slice(0, 10).map(text) : [text(messages)]
  }
  return out
}

const transportDetail = (error: HttpClientError.HttpClientError | HttpClientError.ResponseError): string => {
  const cause = error.cause
  const causeText = cause instanceof Error
    ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ""}`
    : undefined
  return `${error.reason}${causeText ? `: ${causeText}` : ""}`
}

/**
 * Builds the client from options, reading `HttpClient.HttpClient` from the
 * context. Fails with `Mem0ConfigError` before any request when the options
 * are unusable.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Mem0ClientOptions
): Effect.Effect<Mem0ClientService, Mem0ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* resolveOptions(options)
    // The platform's own span copies every response header into its attributes, where a server could
    // echo the key: it is off for this client's requests, and the call's span carries an allow-list.
    const http = HttpClient.withTracerDisabledWhen(yield* HttpClient.HttpClient, () => true)
    const authorization = `Token ${Redacted.value(resolved.apiKey)}`
    const scrub = makeScrubber(Redacted.value(resolved.apiKey))
    const { maxResponseBytes, retry, timeout } = resolved
    const origin = new URL(resolved.baseUrl).origin
    /** Drifted field paths already logged by this client: each is logged once. */
    const driftLogged = new Set<string>()

    const logDrift = (drift: ReadonlySet<string>) => {
      const fresh = [...drift].filter((path) => !driftLogged.has(path))
      for (const path of fresh) driftLogged.add(path)
      return Effect.zipRight(
        Effect.annotateCurrentSpan("mem0.drift", [...drift].join(",")),
        Effect.forEach(fresh, (path) =>
          Effect.logWarning(`Mem0 sent ${path} in an undocumented shape; it is read as absent`).pipe(
            Effect.annotateLogs("mem0.drift", path)
          ), { discard: true })
      )
    }

    const decodeBody = <A>(op: Operation<A>, status: number, body: string): Effect.Effect<A, Mem0DecodeError> => {
      const fail = (issuePath: string, issue: string) =>
        Effect.fail(
          new Mem0DecodeError({
            method: op.method,
            path: op.path,
            status,
            issuePath: cut(issuePath, 200),
            issue: cut(scrub(issue), ISSUE_LIMIT),
            body: excerpt(scrub(body))
          })
        )
      if (op.decode === undefined) return Effect.succeed(undefined as A)
      const json = tryParseJson(body)
      if (!json.ok) return fail("$", json.reason)
      let outcome: readonly [Either.Either<A, ParseResult.ParseError>, ReadonlySet<string>]
      try {
        outcome = collectDrift(() => op.decode!(json.value))
      } catch (e) {
        // A body can be shaped to exhaust the decoder (nesting deeper than the stack): still a typed error.
        return fail("$", e instanceof RangeError ? "the body is nested too deeply to decode" : "the body could not be decoded")
      }
      const [decoded, drift] = outcome
      if (Either.isLeft(decoded)) {
        const first = describeIssue(decoded.left.issue)
        return fail(first.path, first.issue)
      }
      return drift.size === 0 ? Effect.succeed(decoded.right) : Effect.as(logDrift(drift), decoded.right)
    }

    /** Fetch follows redirects by default: this client follows them itself, after checking where they go. */
    const manualRedirects = <A, E, R>(self: Effect.Effect<A, E, R>) =>
      Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
        Effect.provideService(self, FetchHttpClient.RequestInit, {
          ...Option.getOrElse(init, () => ({})),
          redirect: "manual"
        }))

    /** Where a redirect response points, or `undefined` when the response is not one to follow. */
    const redirectTarget = (response: HttpClientResponse.HttpClientResponse, from: string): URL | "invalid" | undefined => {
      const status = response.status
      if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) return undefined
      const location = response.headers["location"]
      if (location === undefined) return undefined
      try {
        return new URL(location, from)
      } catch {
        return "invalid"
      }
    }

    const annotateResponse = (response: HttpClientResponse.HttpClientResponse) => {
      const attributes: Record<string, unknown> = { "http.response.status_code": response.status }
      for (const name of SPAN_HEADERS) {
        const value = response.headers[name]
        if (value !== undefined) attributes[`http.response.header.${name}`] = cut(scrub(value), 256)
      }
      return Effect.annotateCurrentSpan(attributes)
    }

    /** One attempt, limited by the per-attempt timeout or, when nearer, the call's deadline. */
    const attemptOnce = <A>(op: Operation<A>, attempt: number, remainingMillis: number): Effect.Effect<A, Mem0RequestError> =>
      Effect.gen(function*() {
        const transportError = (error: HttpClientError.HttpClientError | HttpClientError.ResponseError) =>
          new Mem0TransportError({ method: op.method, path: op.path, detail: cut(scrub(transportDetail(error)), 500) })
        let url = `${resolved.baseUrl}${op.path}`
        let response: HttpClientResponse.HttpClientResponse
        for (let hop = 0;; hop++) {
          const request = HttpClientRequest.make(op.method)(url).pipe(
            HttpClientRequest.setHeader("authorization", authorization),
            HttpClientRequest.acceptJson,
            (r) => (op.body === undefined ? r : HttpClientRequest.bodyUnsafeJson(r, op.body))
          )
          response = yield* Effect.mapError(manualRedirects(http.execute(request)), transportError)
          const target = redirectTarget(response, url)
          if (target === undefined) break
          // Only a read may be redirected, only to the same origin (the key goes with it), and only a few times.
          if (target === "invalid" || target.origin !== origin || op.method !== "GET" || hop >= MAX_REDIRECTS) {
            return yield* new Mem0RedirectRefused({
              method: op.method,
              path: op.path,
              status: response.status,
              location: target === "invalid" ? "(an invalid URL)" : cut(scrub(target.origin), 200)
            })
          }
          url = target.href
        }
        yield* annotateResponse(response)
        const body = yield* readBody(response, maxResponseBytes).pipe(
          Effect.mapError((error) =>
            error._tag === "BodyTooLarge"
              ? new Mem0ResponseTooLarge({
                method: op.method,
                path: op.path,
                status: response.status,
                limit: maxResponseBytes,
                ...(error.declared === undefined ? {} : { declared: error.declared })
              })
              : transportError(error)
          )
        )
        if (response.status >= 200 && response.status < 300) {
          return { value: yield* decodeBody(op, response.status, body), status: response.status }
        }
        const now = yield* Clock.currentTimeMillis
        return yield* Effect.fail(errorFromStatus(op, response, body, now, scrub))
      }).pipe(
        // One timer per attempt: the deadline is enforced here too, not by a second race around the loop.
        remainingMillis < Duration.toMillis(timeout.perAttempt)
          ? Effect.timeoutFail({
            duration: Duration.millis(Math.max(0, remainingMillis)),
            onTimeout: () => new Mem0Timeout({ method: op.method, path: op.path, timeout: timeout.total, scope: "deadline" })
          })
          : Effect.timeoutFail({
            duration: timeout.perAttempt,
            onTimeout: () => new Mem0Timeout({ method: op.method, path: op.path, timeout: timeout.perAttempt, scope: "attempt" })
          }),
        logAttempt(op, attempt),
        Effect.map((ok) => ok.value)
      )

    const backoff = (retryIndex: number) =>
      Effect.map(Random.next, (r) => {
        const exponential = Duration.toMillis(retry.baseDelay) * 2 ** retryIndex
        const capped = Math.min(Duration.toMillis(retry.maxDelay), exponential)
        return Duration.millis(Math.round(capped * (1 - retry.jitter * r)))
      })

    const isRetryable = (method: string, error: Mem0RequestError): boolean => {
      if (!retry.retryMethods.has(method)) return false
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
          return retry.retryStatuses.has(error.status)
        default:
          return false
      }
    }

    const run = <A>(op: Operation<A>): Effect.Effect<A, Mem0RequestError> =>
      Effect.gen(function*() {
        const deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(timeout.total)
        for (let attempt = 1;; attempt++) {
          const result = yield* Effect.either(attemptOnce(op, attempt, deadline - (yield* Clock.currentTimeMillis)))
          yield* Effect.annotateCurrentSpan("mem0.attempts", attempt)
          if (Either.isRight(result)) return result.right
          const error = result.left
          if (attempt > retry.maxRetries || !isRetryable(op.method, error)) return yield* Effect.fail(error)
          const asked = "retryAfter" in error ? error.retryAfter : undefined
          if (asked !== undefined && Duration.greaterThan(asked, retry.maxRetryAfter)) {
            return yield* Effect.fail(error)
          }
          const wait = Duration.max(asked ?? (yield* backoff(attempt - 1)), MIN_RETRY_WAIT)
          const remaining = deadline - (yield* Clock.currentTimeMillis)
          if (Duration.toMillis(wait) >= remaining) return yield* Effect.fail(error)
          yield* Effect.logDebug(`retrying ${op.path} in ${Math.round(Duration.toMillis(wait))} ms after ${error._tag}`)
          yield* Effect.sleep(wait)
        }
      }).pipe(
        Effect.withSpan(`Mem0Client.${op.name}`, {
          kind: "client",
          attributes: {
            "http.request.method": op.method,
            "url.path": op.path,
            ...(op.orgId === undefined ? {} : { "mem0.org_id": op.orgId })
          }
        })
      )

    const requireOrgId = (orgId: string): Effect.Effect<string, Mem0InvalidInput> => {
      const problem = segmentProblem(orgId)
      return problem === undefined
        ? Effect.succeed(orgId)
        : Effect.fail(new Mem0InvalidInput({ argument: "orgId", reason: problem }))
    }

    const requireText = (argument: string, value: string): Effect.Effect<string, Mem0InvalidInput> =>
      typeof value === "string" && value.trim() !== ""
        ? Effect.succeed(value.trim())
        : Effect.fail(new Mem0InvalidInput({ argument, reason: `${argument} must not be empty` }))

    const requireMemberChange = (orgId: string, member: MemberChange) =>
      Effect.all([requireOrgId(orgId), requireText("email", member.email), requireText("role", member.role)]).pipe(
        Effect.map(([id, email, role]) => [id, { email, role }] as const)
      )

    return Mem0Client.of({
      baseUrl: resolved.baseUrl,
      listOrganizations: () =>
        run({ name: "listOrganizations", method: "GET", path: paths.organizations, decode: decodeOrganizations }),
      getOrganization: (orgId) =>
        Effect.flatMap(requireOrgId(orgId), (id) =>
          run({ name: "getOrganization", method: "GET", path: paths.organization(id), orgId: id, decode: decodeOrganization })),
      listMembers: (orgId) =>
        Effect.flatMap(requireOrgId(orgId), (id) =>
          run({
            name: "listMembers",
            method: "GET",
            path: paths.members(id),
            orgId: id,
            decode: (u) => Either.map(decodeMembers(u), (body) => body.members)
          })),
      createOrganization: (name) =>
        Effect.flatMap(requireText("name", name), (trimmed) =>
          run({
            name: "createOrganization",
            method: "POST",
            path: paths.organizations,
            body: { name: trimmed },
            decode: decodeCreated
          })),
      deleteOrganization: (orgId) =>
        Effect.flatMap(requireOrgId(orgId), (id) =>
          run<void>({ name: "deleteOrganization", method: "DELETE", path: paths.organization(id), orgId: id })),
      addMember: (orgId, member) =>
        Effect.flatMap(requireMemberChange(orgId, member), ([id, body]) =>
          run<void>({ name: "addMember", method: "POST", path: paths.members(id), orgId: id, body })),
      updateMemberRole: (orgId, member) =>
        Effect.flatMap(requireMemberChange(orgId, member), ([id, body]) =>
          run<void>({ name: "updateMemberRole", method: "PUT", path: paths.members(id), orgId: id, body })),
      removeMember: (orgId, email) =>
        Effect.flatMap(Effect.all([requireOrgId(orgId), requireText("email", email)]), ([id, trimmed]) =>
          run<void>({ name: "removeMember", method: "DELETE", path: paths.members(id), orgId: id, body: { email: trimmed } }))
    })
  })

/** One debug line per attempt: method, path, status or error tag, duration and attempt number. */
const logAttempt = (op: Operation<unknown>, attempt: number) =>
<A extends { readonly status: number }>(self: Effect.Effect<A, Mem0RequestError>) =>
  Effect.flatMap(FiberRef.get(FiberRef.currentMinimumLogLevel), (minimum) =>
    LogLevel.greaterThan(minimum, LogLevel.Debug) ? self : timedLog(op, attempt, self))

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

/**
 * A layer of the client from options. Requires `HttpClient.HttpClient`.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
 * import * as Redacted from "effect/Redacted"
 * import { Mem0Client } from "effect-mem0"
 *
 * const Mem0Live = Mem0Client.layer({
 *   apiKey: Redacted.make(process.env.MEM0_API_KEY ?? ""),
 *   retry: { maxRetries: 4 },
 *   timeout: { perAttempt: "10 seconds" }
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Mem0ClientOptions): Layer.Layer<Mem0Client, Mem0ConfigError, HttpClient.HttpClient> =>
  Layer.effect(Mem0Client, make(options))

/**
 * A layer of the client reading `MEM0_API_KEY` (as `Redacted`) and
 * `MEM0_BASE_URL` (default `https://api.mem0.ai`) through Effect `Config`,
 * so any `ConfigProvider` works. A missing or empty key fails with
 * `Mem0ConfigError` when the layer is built.
 *
 * @example
 * ```ts
 * const Mem0Live = Mem0Client.layerConfig({ retry: { maxRetries: 1 } }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Mem0ClientOptions, "apiKey" | "baseUrl"> = {}
): Layer.Layer<Mem0Client, Mem0ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    Mem0Client,
    Effect.gen(function*() {
      const apiKey = yield* Config.redacted("MEM0_API_KEY").pipe(Effect.mapError(configError("MEM0_API_KEY")))
      const baseUrl = yield* Config.string("MEM0_BASE_URL").pipe(
        Config.withDefault(DEFAULT_BASE_URL),
        Effect.mapError(configError("MEM0_BASE_URL"))
      )
      return yield* make({ ...options, apiKey, baseUrl }).pipe(
        Effect.mapError((e) =>
          e.setting === "apiKey" || e.setting === "baseUrl"
            ? new Mem0ConfigError({ setting: e.setting === "apiKey" ? "MEM0_API_KEY" : "MEM0_BASE_URL", reason: e.reason })
            : e
        )
      )
    })
  )

const configError = (setting: string) => (error: ConfigError.ConfigError) =>
  new Mem0ConfigError({
    setting,
    reason: ConfigError.isMissingDataOnly(error) ? `${setting} is not set` : `${setting} could not be read`
  })

/**
 * `listOrganizations` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const listOrganizations = (): Effect.Effect<ReadonlyArray<Organization>, Mem0RequestError, Mem0Client> =>
  Effect.flatMap(Mem0Client, (client) => client.listOrganizations())

/**
 * `getOrganization` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const getOrganization = (orgId: string): Effect.Effect<Organization, Mem0RequestError, Mem0Client> =>
  Effect.flatMap(Mem0Client, (client) => client.getOrganization(orgId))

/**
 * `listMembers` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const listMembers = (orgId: string): Effect.Effect<ReadonlyArray<Member>, Mem0RequestError, Mem0Client> =>
  Effect.flatMap(Mem0Client, (client) => client.listMembers(orgId))
