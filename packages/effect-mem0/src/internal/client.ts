/**
 * The request pipeline behind `Mem0Client.make`: one attempt (request,
 * same-origin redirects, capped body, status mapping, decode), its timeout,
 * the retry loop driven by the schedule, the span and the attempt log.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import * as Tracer from "effect/Tracer"
import type { Mem0ClientOptions, Mem0ClientService } from "../Mem0Client.js"
import {
  type Mem0ConfigError,
  Mem0DecodeError,
  Mem0RedirectRefused,
  type Mem0RequestError,
  Mem0ResponseTooLarge,
  Mem0Timeout,
  Mem0TransportError
} from "../Mem0Error.js"
import { fill } from "../Routes.js"
import { excerpt, readBody, tryParseJson } from "./body.js"
import { collectDrift } from "./drift.js"
import { cut, describeIssue, ISSUE_LIMIT } from "./issue.js"
import { within } from "./bound.js"
import { logAttempt } from "./log.js"
import type { Operation, OperationName } from "./operation.js"
import { type Declaration, operations, type Request } from "./operations.js"
import { resolveOptions } from "./options.js"
import { errorFromStatus, transportDetail } from "./response.js"
import { makeScrubber } from "./secret.js"

/** No retry ever starts sooner than this after the previous attempt, whatever the server asks. */
const MIN_RETRY_WAIT_MS = 100

/** Same-origin redirects of a read followed within one attempt, at most. */
const MAX_REDIRECTS = 5

/** Response headers copied onto the call's span; no other header value ever reaches a span. */
const SPAN_HEADERS = ["content-type", "content-length", "retry-after", "retry-after-ms", "x-request-id"] as const

/** Effect's own tracer, in place when no other is installed: it keeps spans nowhere. */
const builtInTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** Builds the client service from options, reading `HttpClient.HttpClient` from the context. */
export const make = (
  options: Mem0ClientOptions
): Effect.Effect<Mem0ClientService, Mem0ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* resolveOptions(options)
    const given = yield* HttpClient.HttpClient
    // The platform's own span copies every response header into its attributes, where a server could
    // echo the key: it is off for this client's requests, and the call's span carries an allow-list.
    const http = HttpClient.withTracerDisabledWhen(
      resolved.transformClient === undefined ? given : resolved.transformClient(given),
      () => true
    )
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
    const redirectTarget = (status: number, headers: Headers.Headers, from: string): URL | "invalid" | undefined => {
      if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) return undefined
      const location = headers["location"]
      if (location === undefined) return undefined
      try {
        return new URL(location, from)
      } catch {
        return "invalid"
      }
    }

    /** The response's status and allow-listed headers on the call's span (set directly: this runs on every call). */
    const annotateResponse = (span: Tracer.Span | undefined, status: number, headers: Headers.Headers) => {
      if (span === undefined) return
      span.attribute("http.response.status_code", status)
      for (const name of SPAN_HEADERS) {
        const value = headers[name]
        if (value !== undefined) span.attribute(`http.response.header.${name}`, cut(scrub(value), 256))
      }
    }

    /** One attempt, limited by the per-attempt timeout or, when nearer, the call's deadline. */
    const attemptOnce = <A>(
      op: Operation<A>,
      attempt: number,
      remainingMillis: number,
      span: Tracer.Span | undefined
    ): Effect.Effect<A, Mem0RequestError> =>
      Effect.gen(function*() {
        const transportError = (error: HttpClientError.HttpClientError | HttpClientError.ResponseError) =>
          new Mem0TransportError({ method: op.method, path: op.path, detail: cut(scrub(transportDetail(error)), 500) })
        let url = `${resolved.baseUrl}${op.path}`
        let response: HttpClientResponse.HttpClientResponse
        // The platform's response builds its headers anew on each read of `headers`: read once.
        let headers: Headers.Headers
        for (let hop = 0;; hop++) {
          const request = HttpClientRequest.make(op.method)(url).pipe(
            HttpClientRequest.setHeader("authorization", authorization),
            HttpClientRequest.acceptJson,
            (r) => (op.query === undefined || hop > 0 ? r : HttpClientRequest.setUrlParams(r, op.query)),
            (r) => (op.body === undefined ? r : HttpClientRequest.bodyUnsafeJson(r, op.body))
          )
          response = yield* Effect.mapError(manualRedirects(http.execute(request)), transportError)
          headers = response.headers
          const target = redirectTarget(response.status, headers, url)
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
        annotateResponse(span, response.status, headers)
        const body = yield* readBody(response, headers, maxResponseBytes).pipe(
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
        return yield* Effect.fail(errorFromStatus(op, response.status, headers, body, now, scrub))
      }).pipe(
        // One timer per attempt: the deadline is enforced here too, not by a second race around the loop.
        (self) =>
          remainingMillis < Duration.toMillis(timeout.perAttempt)
            ? within(self, Duration.millis(Math.max(0, remainingMillis)), () =>
              new Mem0Timeout({ method: op.method, path: op.path, timeout: timeout.total, scope: "deadline" }))
            : within(self, timeout.perAttempt, () =>
              new Mem0Timeout({ method: op.method, path: op.path, timeout: timeout.perAttempt, scope: "attempt" })),
        logAttempt(op, attempt),
        Effect.map((ok) => ok.value)
      )

    /** The call's attempts and retries; `span` is the call's span, when one is recorded. */
    const attempts = <A>(op: Operation<A>, span: Tracer.Span | undefined): Effect.Effect<A, Mem0RequestError> =>
      Effect.gen(function*() {
        const deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(timeout.total)
        let state = retry.schedule.initial
        for (let attempt = 1;; attempt++) {
          const result = yield* Effect.either(attemptOnce(op, attempt, deadline - (yield* Clock.currentTimeMillis), span))
          span?.attribute("mem0.attempts", attempt)
          if (Either.isRight(result)) return result.right
          const error = result.left
          // Whatever the schedule says: changes are not retried unless allowed, ...
          if (!retry.retryMethods.has(op.read === true ? "GET" : op.method)) return yield* Effect.fail(error)
          const now = yield* Clock.currentTimeMillis
          const [next, , decision] = yield* retry.schedule.step(now, error, state)
          if (ScheduleDecision.isDone(decision)) return yield* Effect.fail(error)
          state = next
          // ... the server's wait replaces the schedule's, unless it is beyond the cap, ...
          const asked = "retryAfter" in error ? error.retryAfter : undefined
          if (asked !== undefined && Duration.greaterThan(asked, retry.maxRetryAfter)) return yield* Effect.fail(error)
          const scheduled = Math.max(0, ScheduleIntervals.start(decision.intervals) - now)
          // ... no retry comes sooner than the floor, and none starts that could not finish by the deadline.
          const wait = Math.max(asked === undefined ? scheduled : Duration.toMillis(asked), MIN_RETRY_WAIT_MS)
          if (wait >= deadline - now) return yield* Effect.fail(error)
          yield* Effect.logDebug(`retrying ${op.path} in ${Math.round(wait)} ms after ${error._tag}`)
          yield* Effect.sleep(Duration.millis(wait))
        }
      })

    /**
     * The call in its span. Under Effect's built-in tracer, which records nothing (no tracer was installed), no
     * span is made: it could not be seen, and making and ending one was about a sixth of a call's client CPU.
     */
    const run = <A>(op: Operation<A>): Effect.Effect<A, Mem0RequestError> =>
      Effect.tracerWith((tracer) =>
        tracer === builtInTracer
          ? attempts(op, undefined)
          : Effect.flatMap(Effect.option(Effect.currentSpan), (span) => attempts(op, Option.getOrUndefined(span))).pipe(
            Effect.withSpan(`Mem0Client.${op.name}`, {
              kind: "client",
              // A stack trace taken here would name this file, never the caller's: not worth an Error per call.
              captureStackTrace: false,
              attributes: {
                "http.request.method": op.method,
                "url.path": op.path,
                ...(op.orgId === undefined ? {} : { "mem0.org_id": op.orgId }),
                ...(op.projectId === undefined ? {} : { "mem0.project_id": op.projectId })
              }
            })
          )
      )

    // Every operation of the table through the one pipeline: its arguments checked, its route filled in.
    const call = <Args extends ReadonlyArray<unknown>, A>(name: OperationName, declaration: Declaration<Args, A>) =>
    (...args: Args): Effect.Effect<A, Mem0RequestError> =>
      Effect.flatMap(declaration.request(...args), (request: Request) =>
        run<A>({
          name,
          method: declaration.route.method,
          path: fill(declaration.route.path, request.params),
          ...(request.params["org_id"] === undefined ? {} : { orgId: request.params["org_id"] }),
          ...(request.params["project_id"] === undefined ? {} : { projectId: request.params["project_id"] }),
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(request.query === undefined ? {} : { query: request.query }),
          ...(declaration.decode === undefined ? {} : { decode: declaration.decode }),
          ...(declaration.read === true ? { read: true } : {})
        }))
    const service = Object.fromEntries(
      Object.entries(operations).map(([name, declaration]) => [name, call(name as OperationName, declaration as Declaration<ReadonlyArray<unknown>, unknown>)])
    )
    // The table `satisfies` the service's operations one by one (operations.ts): this is their sum.
    return { baseUrl: resolved.baseUrl, ...service } as unknown as Mem0ClientService
  })

