/**
 * Test doubles for the core: a fake HttpClient that answers from a script,
 * a tracer that records every span, and a logger that records every line.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import * as Mem0Client from "../src/Mem0Client.js"
import { isMem0Error, type Mem0Error } from "../src/Mem0Error.js"

/** One request as the fake transport saw it. */
export interface SeenRequest {
  readonly url: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
  /** TestClock time when it arrived, in ms. */
  readonly at: number
  readonly signal: AbortSignal
  /** The request body as text, when it had one. */
  readonly body: string | undefined
}

/** What the script answers: a Response, or an Effect of one (to hang, fail, or delay). */
export type Answer = Response | Effect.Effect<Response, unknown>

/**
 * A fake `HttpClient` layer answering request n (from 0) with `script(n, request)`,
 * and a Ref of the requests it saw.
 */
export const fakeHttp = (script: (n: number, request: HttpClientRequest.HttpClientRequest) => Answer) =>
  Effect.gen(function*() {
    const seen = yield* Ref.make<ReadonlyArray<SeenRequest>>([])
    const client = HttpClient.make((request, url, signal) =>
      Effect.gen(function*() {
        const at = yield* Clock.currentTimeMillis
        const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
        const n = (yield* Ref.getAndUpdate(seen, (all) => [
          ...all,
          { url: url.toString(), method: request.method, headers: { ...request.headers }, at, signal, body }
        ])).length
        const answer = script(n, request)
        const response = Effect.isEffect(answer)
          ? yield* Effect.mapError(
            answer,
            (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
          )
          : answer
        return HttpClientResponse.fromWeb(request, response)
      })
    )
    return { layer: Layer.succeed(HttpClient.HttpClient, client), seen }
  })

/** A JSON response. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/** A text response. */
export const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers })

/** A span as the recording tracer kept it. */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ name: string; attributes: Record<string, unknown> | undefined }>
  ended: boolean
}

/** A tracer that records every span and its attributes. */
export const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let counter = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, _startTime, kind) {
      const record: RecordedSpan = { name, attributes: new Map(), events: [], ended: false }
      spans.push(record)
      const id = String(++counter)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: id,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes: record.attributes,
        links: [...links],
        sampled: true,
        kind,
        end() {
          record.ended = true
        },
        attribute(key, value) {
          record.attributes.set(key, value)
        },
        event(eventName, _time, attributes) {
          record.events.push({ name: eventName, attributes })
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}

/** A logger that records every line with its annotations, as text. */
export const recordingLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, logLevel, message }) => {
    const parts = Array.isArray(message) ? message : [message]
    lines.push(`${logLevel.label} ${parts.map(String).join(" ")} ${JSON.stringify(Object.fromEntries(annotations))}`)
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}

/** The Option's value or a thrown error, for terse assertions. */
export const getOrThrow = <A>(o: Option.Option<A>): A => Option.getOrThrow(o)

/** The key the test clients use. */
export const API_KEY = "m0-test-SECRET-key-1234567890"

/**
 * Builds a client over a transport answering from `script` (no jitter unless
 * the options say), forks the call, drives the TestClock forward until it ends,
 * and returns its exit with the requests the transport saw.
 */
export const withClientTimed = <A>(
  script: (n: number) => Answer,
  use: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>,
  options: Partial<Mem0Client.Mem0ClientOptions> = {},
  advance: Duration.DurationInput = "5 minutes"
) =>
  Effect.gen(function*() {
    const http = yield* fakeHttp(script)
    const client = yield* Mem0Client.make({ apiKey: Redacted.make(API_KEY), retry: { jitter: 0 }, ...options }).pipe(
      Effect.provide(http.layer)
    )
    const fiber = yield* Effect.fork(Effect.exit(use(client)))
    yield* TestClock.adjust(advance)
    const result = yield* Fiber.join(fiber)
    return { result, seen: yield* Ref.get(http.seen) }
  })

/** The typed error an exit failed with; throws when it succeeded or died. */
export const failure = <A>(exit: Exit.Exit<A, unknown>): Mem0Error => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const error = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (!isMem0Error(error)) throw new Error(`expected a typed Mem0Error, got ${String(exit.cause)}`)
  return error
}

/** The value an exit succeeded with; throws when it failed. */
export const success = <A>(exit: Exit.Exit<A, unknown>): A => {
  if (Exit.isFailure(exit)) throw new Error(`expected success, got ${String(exit.cause)}`)
  return exit.value
}
