/**
 * The state of one running server (data, fault rules, request log, shape)
 * and the small pieces every part of it uses: reading the caller, reading a
 * bounded JSON body, answering with JSON.
 */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Fault, FaultBook } from "./Faults.js"
import type { FixtureUser } from "./Fixture.js"
import type { Reply, Shape, Store } from "./Store.js"

/** Largest request body the server reads; larger ones get 413, and reading stops at the limit. */
export const MAX_BODY_BYTES = 64 * 1024

/** Requests kept in the request log (`requests()`, `GET /__admin/requests`): the newest ones. */
export const MAX_LOGGED_REQUESTS = 1000

/** One request as the server logged it. The key is never kept. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
  /** The query string, without `?` (absent when there is none). */
  readonly query?: string
  /** When the request arrived (ms since the epoch). */
  readonly at: number
  /** Status sent, or `reset`, `hang`, `stall` or `aborted` when none was completed. */
  readonly status: number | string
  readonly ms: number
  /** Username of the caller, when the key was known. */
  readonly user?: string
  /** The fault injected, if any. */
  readonly fault?: Fault["kind"]
}

/** Everything one running server holds. */
export interface State {
  readonly store: Store
  readonly faults: FaultBook
  readonly log: Array<LoggedRequest>
  shape: Shape
  readonly initialShape: Shape
  clientAborts: number
  readonly writeLog: ((line: string) => void) | undefined
}

/** Back to the start: the fixture's data, the default shape, no faults, an empty request log. */
export const resetState = (state: State) => {
  state.store.reset()
  state.faults.clear()
  state.log.length = 0
  state.shape = state.initialShape
}

/** What an API route answers a request without a known key. */
export const unauthorized: Reply = { status: 401, body: { detail: "Invalid API key or missing Authorization: Token <key>." } }

/** Answers a Reply as JSON. */
export const json = (reply: Reply) =>
  HttpServerResponse.unsafeJson(reply.body, {
    status: reply.status,
    // A refused body may still be on the wire: close the connection rather than read it.
    ...(reply.status === 413 ? { headers: { connection: "close" } } : {})
  })

export const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Reads the caller from `Authorization: Token <key>`. */
export const caller = (state: State, request: HttpServerRequest.HttpServerRequest): FixtureUser | undefined => {
  const header = request.headers["authorization"] ?? ""
  const match = /^Token\s+(\S+)\s*$/i.exec(header)
  return match === null ? undefined : state.store.userForKey(match[1]!)
}

export const shapeOf = (state: State, request: HttpServerRequest.HttpServerRequest): Shape => {
  const asked = request.headers["x-mem0-shape"]
  return asked === "seed" || asked === "current" ? asked : state.shape
}

const tooLarge: Reply = { status: 413, body: { message: `Request body larger than ${MAX_BODY_BYTES} bytes.` } }

/**
 * Reads a request body as text, holding at most {@link MAX_BODY_BYTES}: past
 * that, reading stops (the rest is never buffered) and the answer is 413,
 * sent with `connection: close` so the unread rest goes with the socket.
 */
const readLimited = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Either.Either<Reply, string>> =>
  Effect.async<Either.Either<Reply, string>>((resume) => {
    const declared = Number(request.headers["content-length"] ?? "0")
    if (declared > MAX_BODY_BYTES) return resume(Effect.succeed(Either.right(tooLarge)))
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    const parts: Array<Buffer> = []
    let received = 0
    let done = false
    const finish = (result: Either.Either<Reply, string>) => {
      if (done) return
      done = true
      incoming.off("data", onData)
      resume(Effect.succeed(result))
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > MAX_BODY_BYTES) {
        incoming.pause()
        return finish(Either.right(tooLarge))
      }
      parts.push(chunk)
    }
    incoming.on("data", onData)
    incoming.once("end", () => finish(Either.left(Buffer.concat(parts).toString("utf8"))))
    incoming.once("error", () => finish(Either.left("")))
  })

/** Reads a JSON body within {@link MAX_BODY_BYTES}; a Reply when it cannot. */
export const readJson = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Either.Either<Reply, unknown>> =>
  Effect.gen(function*() {
    const read = yield* readLimited(request)
    if (Either.isRight(read)) return Either.right(read.right)
    const text = read.left
    if (text.trim() === "") return Either.left({})
    try {
      return Either.left(JSON.parse(text) as unknown)
    } catch {
      return Either.right({ status: 400, body: { errors: { non_field_errors: ["Invalid JSON body."] } } })
    }
  })

