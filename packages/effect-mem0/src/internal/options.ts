/**
 * Checking a client's options and filling the defaults. Every problem is a
 * `Mem0ConfigError` naming the setting, raised before any request.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type { BackoffOptions, Mem0ClientOptions } from "../Mem0Client.js"
import { Mem0ConfigError, type Mem0RequestError } from "../Mem0Error.js"
import { type Backoff, backoffSchedule, DEFAULT_BACKOFF, DEFAULT_RETRY_STATUSES } from "./retry.js"
import { keyProblem } from "./secret.js"

/** Where requests go when no base URL is given. */
export const DEFAULT_BASE_URL = "https://api.mem0.ai"

/** The largest response body read by default: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** The default time limits: 30 s per attempt, 60 s per call. */
export const DEFAULT_TIMEOUT = { perAttempt: Duration.seconds(30), total: Duration.seconds(60) } as const

/** A server wait longer than this fails at once, by default. */
export const DEFAULT_MAX_RETRY_AFTER = Duration.seconds(60)

/** Options with every field checked and set. */
export interface ResolvedOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly retry: {
    readonly schedule: Schedule.Schedule<unknown, Mem0RequestError>
    readonly maxRetryAfter: Duration.Duration
    readonly retryMethods: ReadonlySet<string>
  }
  readonly timeout: { readonly perAttempt: Duration.Duration; readonly total: Duration.Duration }
  readonly maxResponseBytes: number
  readonly transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

const configError = (setting: string, reason: string) => new Mem0ConfigError({ setting, reason })

const validDuration = (
  setting: string,
  input: Duration.DurationInput | undefined,
  fallback: Duration.Duration,
  allowZero = false
): Either.Either<Duration.Duration, Mem0ConfigError> => {
  if (input === undefined) return Either.right(fallback)
  const decoded = Duration.decodeUnknown(input)
  if (Option.isNone(decoded)) return Either.left(configError(setting, "is not a duration"))
  const millis = Duration.toMillis(decoded.value)
  if (Number.isNaN(millis) || millis < 0 || (!allowZero && millis === 0)) {
    return Either.left(configError(setting, `must be ${allowZero ? "zero or more" : "more than zero"}`))
  }
  return Either.right(decoded.value)
}

/** Hosts a key may be sent to over plain `http://`: this machine only. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

/** Why a base URL cannot be used. Messages never repeat the URL: it may hold a password. */
export type BaseUrlProblem =
  | { readonly _tag: "NotAUrl"; readonly message: string }
  | { readonly _tag: "NotHttp"; readonly message: string }
  | { readonly _tag: "Credentials"; readonly message: string }
  | { readonly _tag: "QueryOrFragment"; readonly message: string }
  | { readonly _tag: "PlainHttp"; readonly message: string; readonly origin: string }

/**
 * The one base-URL rule: an `https://` URL, or `http://` to this machine only (so a key never crosses
 * a network unencrypted), without credentials, query or fragment. Returns the URL without trailing
 * slashes, or why it cannot be used.
 */
export const checkBaseUrl = (raw: string): { readonly url: string } | { readonly problem: BaseUrlProblem } => {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { problem: { _tag: "NotAUrl", message: "is not a URL" } }
  }
  if (url.username !== "" || url.password !== "") {
    return { problem: { _tag: "Credentials", message: "must not carry credentials" } }
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { problem: { _tag: "NotHttp", message: "must start with https://" } }
  }
  if (url.search !== "" || url.hash !== "") {
    return { problem: { _tag: "QueryOrFragment", message: "must not carry a query or a fragment" } }
  }
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      problem: {
        _tag: "PlainHttp",
        origin: url.origin,
        message: `${url.origin} must use https:// (plain http:// only for localhost, 127.0.0.1 and [::1]), so the key is never sent unencrypted`
      }
    }
  }
  return { url: url.href.replace(/\/+$/, "") }
}

/** A base URL by {@link checkBaseUrl}'s rule, or a `Mem0ConfigError` naming why not. */
export const parseBaseUrl = (raw: string): Effect.Effect<string, Mem0ConfigError> => {
  const checked = checkBaseUrl(raw)
  return "url" in checked ? Effect.succeed(checked.url) : Effect.fail(configError("baseUrl", checked.problem.message))
}

/**
 * The one rule for the numbers of the default backoff, as the layers and `Mem0Client.retrySchedule`
 * both apply it: `maxRetries` a whole number from 0 to 10, `jitter` from 0 to 1, delays zero or more.
 */
export const checkBackoff = (backoff: BackoffOptions): Either.Either<Backoff, Mem0ConfigError> =>
  // pure (an Either, no runtime): the default schedule is built from it when the module loads
  Either.gen(function*() {
    const maxRetries = backoff.maxRetries ?? DEFAULT_BACKOFF.maxRetries
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
      return yield* Either.left(configError("retry.maxRetries", "must be a whole number from 0 to 10"))
    }
    const jitter = backoff.jitter ?? DEFAULT_BACKOFF.jitter
    if (!(jitter >= 0 && jitter <= 1)) return yield* Either.left(configError("retry.jitter", "must be between 0 and 1"))
    return {
      maxRetries,
      jitter,
      baseDelay: yield* validDuration("retry.baseDelay", backoff.baseDelay, DEFAULT_BACKOFF.baseDelay, true),
      maxDelay: yield* validDuration("retry.maxDelay", backoff.maxDelay, DEFAULT_BACKOFF.maxDelay, true),
      retryStatuses: backoff.retryStatuses ? new Set(backoff.retryStatuses) : DEFAULT_RETRY_STATUSES
    }
  })

/** The retry schedule the options ask for: theirs, or the backoff built from their numbers. */
const retrySchedule = (retry: NonNullable<Mem0ClientOptions["retry"]>) =>
  retry === false
    ? Effect.succeed(Schedule.stop as Schedule.Schedule<unknown, Mem0RequestError>)
    : retry.schedule !== undefined
    ? Effect.succeed(retry.schedule)
    : Effect.map(checkBackoff(retry), backoffSchedule)

/** Checks options and fills defaults; fails with `Mem0ConfigError` on the first unusable one. */
export const resolveOptions = (options: Mem0ClientOptions): Effect.Effect<ResolvedOptions, Mem0ConfigError> =>
  Effect.gen(function*() {
    const rawKey = Redacted.isRedacted(options.apiKey) ? Redacted.value(options.apiKey) : options.apiKey
    const key = typeof rawKey === "string" ? rawKey.trim() : ""
    const problem = keyProblem(key)
    if (problem !== undefined) return yield* configError("apiKey", problem.message)
    const baseUrl = yield* parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
    const retry = options.retry ?? {}
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
    if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
      return yield* configError("maxResponseBytes", "must be a whole number of bytes above zero")
    }
    return {
      apiKey: Redacted.make(key),
      baseUrl,
      retry: {
        schedule: yield* retrySchedule(retry),
        maxRetryAfter: yield* validDuration(
          "retry.maxRetryAfter",
          retry === false ? undefined : retry.maxRetryAfter,
          DEFAULT_MAX_RETRY_AFTER,
          true
        ),
        retryMethods: retry !== false && retry.retryMethods
          ? new Set(retry.retryMethods.map((m) => m.toUpperCase()))
          : new Set(["GET"])
      },
      timeout: {
        perAttempt: yield* validDuration("timeout.perAttempt", options.timeout?.perAttempt, DEFAULT_TIMEOUT.perAttempt),
        total: yield* validDuration("timeout.total", options.timeout?.total, DEFAULT_TIMEOUT.total)
      },
      maxResponseBytes,
      transformClient: options.transformClient
    }
  })
