/**
 * A Mem0-compatible Organizations and Members server on 127.0.0.1, built on
 * `@effect/platform`'s `HttpRouter` and served by `@effect/platform-node`.
 *
 * @example
 * ```ts
 * import { startLocalServer, DEMO_KEY } from "mem0-local-server"
 * const server = await startLocalServer({ port: 0 })
 * console.log(server.url, DEMO_KEY)
 * server.faults.add({ path: "/api/v1/orgs/organizations/", faults: [{ kind: "status", status: 503 }] })
 * await server.close()
 * ```
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Http from "node:http"
import type * as Net from "node:net"
import { drift, type Fault, FaultBook, FaultRule } from "./Faults.js"
import { demo, type Fixture, type FixtureUser } from "./Fixture.js"
import { type Reply, type Shape, Store } from "./Store.js"

/** Largest request body the server reads; larger ones get 413, and reading stops at the limit. */
export const MAX_BODY_BYTES = 64 * 1024

/** Requests kept in the request log (`requests()`, `GET /__admin/requests`): the newest ones. */
export const MAX_LOGGED_REQUESTS = 1000

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number
  /** The data; the demo fixture by default. */
  readonly fixture?: Fixture
  /** Response shape when a request does not ask (`x-mem0-shape` header). Default `current`. */
  readonly shape?: Shape
  /** Where the one-line-per-request log goes; nothing is logged when absent. */
  readonly log?: (line: string) => void
  /** Serve the `/__admin/...` endpoints (faults, request log, reset). Default true. */
  readonly admin?: boolean
}

/** One request as the server logged it. The key is never kept. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
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

/** A running server. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string
  readonly port: number
  readonly store: Store
  readonly faults: FaultBook
  /** Requests served so far (admin requests excluded). */
  readonly requests: () => ReadonlyArray<LoggedRequest>
  /** Forgets the request log. */
  readonly clearRequests: () => void
  /** How many responses the client abandoned before they completed (hangs and stalls cut by the client). */
  readonly clientAborts: () => number
  /** Connections open right now. */
  readonly openConnections: () => number
  /** Sets the default response shape. */
  readonly setShape: (shape: Shape) => void
  /** Back to the start: the fixture's data, the default shape, no faults, an empty request log. */
  readonly reset: () => void
  /** Stops listening and closes every connection. */
  readonly close: () => Promise<void>
}

const API = "/api/v1/orgs/organizations/"

const json = (reply: Reply) =>
  HttpServerResponse.unsafeJson(reply.body, {
    status: reply.status,
    // A refused body may still be on the wire: close the connection rather than read it.
    ...(reply.status === 413 ? { headers: { connection: "close" } } : {})
  })

interface State {
  readonly store: Store
  readonly faults: FaultBook
  readonly log: Array<LoggedRequest>
  shape: Shape
  readonly initialShape: Shape
  clientAborts: number
  readonly writeLog: ((line: string) => void) | undefined
}

/** Reads the caller from `Authorization: Token <key>`. */
const caller = (state: State, request: HttpServerRequest.HttpServerRequest): FixtureUser | undefined => {
  const header = request.headers["authorization"] ?? ""
  const match = /^Token\s+(\S+)\s*$/i.exec(header)
  return match === null ? undefined : state.store.userForKey(match[1]!)
}

const shapeOf = (state: State, request: HttpServerRequest.HttpServerRequest): Shape => {
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
const readJson = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Either.Either<Reply, unknown>> =>
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

const unauthorized: Reply = { status: 401, body: { detail: "Invalid API key or missing Authorization: Token <key>." } }

/** The API routes, each answering from the store. */
const apiRouter = (state: State) => {
  const authed = (
    f: (user: FixtureUser, request: HttpServerRequest.HttpServerRequest, orgId: string) => Effect.Effect<Reply>
  ) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      const user = caller(state, request)
      if (user === undefined) return json(unauthorized)
      return json(yield* f(user, request, params["org_id"] ?? ""))
    })
  const withBody = (f: (user: FixtureUser, orgId: string, body: unknown) => Reply) =>
    authed((user, request, orgId) =>
      Effect.map(readJson(request), Either.match({ onLeft: (body) => f(user, orgId, body), onRight: (r) => r }))
    )
  const { store } = state
  return HttpRouter.empty.pipe(
    HttpRouter.get(API, authed((user, request) => Effect.succeed(store.listOrganizations(user, shapeOf(state, request))))),
    HttpRouter.post(API, withBody((user, _orgId, body) => store.createOrganization(user, body))),
    HttpRouter.get(
      `${API}:org_id/`,
      authed((user, request, orgId) => Effect.succeed(store.getOrganization(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.del(`${API}:org_id/`, authed((user, _request, orgId) => Effect.succeed(store.deleteOrganization(user, orgId)))),
    HttpRouter.get(
      `${API}:org_id/members/`,
      authed((user, request, orgId) => Effect.succeed(store.listMembers(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.post(`${API}:org_id/members/`, withBody((user, orgId, body) => store.addMember(user, orgId, body))),
    HttpRouter.put(`${API}:org_id/members/`, withBody((user, orgId, body) => store.updateMemberRole(user, orgId, body))),
    HttpRouter.del(`${API}:org_id/members/`, withBody((user, orgId, body) => store.removeMember(user, orgId, body)))
  )
}

const decodeRule = Schema.decodeUnknownEither(FaultRule)

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Why an admin request is refused, or `undefined` when it may go on. The
 * admin endpoint changes what the server does, so a web page the tester has
 * open must not reach it: a `Host` other than this server's own loopback
 * address and port is refused (DNS rebinding), and so is a body that is not
 * `application/json` (a cross-site form or `text/plain` POST needs no preflight).
 */
const adminRefusal = (request: HttpServerRequest.HttpServerRequest, port: number): Reply | undefined => {
  const host = (request.headers["host"] ?? "").toLowerCase()
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host)) {
    return { status: 421, body: { message: `The admin endpoint answers only to Host 127.0.0.1:${port}.` } }
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD" &&
    (Number(request.headers["content-length"] ?? "0") > 0 || request.headers["transfer-encoding"] !== undefined)
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
  if (hasBody && type !== "application/json") {
    return { status: 415, body: { message: "The admin endpoint takes application/json bodies only." } }
  }
  return undefined
}

/** `/__admin/...`: faults, request log, shape, reset. Loopback only, like the server. */
const adminRouter = (state: State) =>
  HttpRouter.empty.pipe(
    HttpRouter.get("/__admin/faults", Effect.sync(() => json({ status: 200, body: state.faults.list() }))),
    HttpRouter.post(
      "/__admin/faults",
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
        Effect.map(readJson(request), (body) => {
          if (Either.isRight(body)) return json(body.right)
          const rule = decodeRule(body.left)
          if (Either.isLeft(rule)) {
            const issues = ParseResult.ArrayFormatter.formatErrorSync(rule.left)
            return json({ status: 400, body: { errors: { rule: issues.map((i) => `${i.path.join(".")}: ${i.message}`) } } })
          }
          return json({ status: 201, body: { id: state.faults.add(rule.right) } })
        }))
    ),
    HttpRouter.del("/__admin/faults", Effect.sync(() => (state.faults.clear(), json({ status: 200, body: {} })))),
    HttpRouter.get("/__admin/requests", Effect.sync(() => json({ status: 200, body: state.log }))),
    HttpRouter.del("/__admin/requests", Effect.sync(() => (state.log.length = 0, json({ status: 200, body: {} })))),
    HttpRouter.get(
      "/__admin/stats",
      Effect.sync(() => json({ status: 200, body: { clientAborts: state.clientAborts, shape: state.shape } }))
    ),
    HttpRouter.put(
      "/__admin/shape",
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
        Effect.map(readJson(request), (body) => {
          const shape = Either.isLeft(body) && isRecord(body.left) ? body.left["shape"] : undefined
          if (shape !== "seed" && shape !== "current") {
            return json({ status: 400, body: { errors: { shape: ["Use \"seed\" or \"current\"."] } } })
          }
          state.shape = shape
          return json({ status: 200, body: { shape } })
        }))
    ),
    HttpRouter.post(
      "/__admin/reset",
      Effect.sync(() => {
        resetState(state)
        return json({ status: 200, body: {} })
      })
    )
  )

const resetState = (state: State) => {
  state.store.reset()
  state.faults.clear()
  state.log.length = 0
  state.shape = state.initialShape
}

const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`

const responseText = (response: HttpServerResponse.HttpServerResponse): string =>
  response.body._tag === "Uint8Array" ? new TextDecoder().decode(response.body.body) : ""

/** Answers with a fault that needs the raw socket: the handler then waits until the client goes. */
const rawFault = (
  state: State,
  request: HttpServerRequest.HttpServerRequest,
  kind: "reset" | "stall" | "hang",
  realBody: string
) =>
  Effect.suspend(() => {
    const res = NodeHttpServerRequest.toServerResponse(request)
    res.on("close", () => {
      if (!res.writableEnded && kind !== "reset") state.clientAborts++
    })
    if (kind !== "hang") {
      const bytes = Buffer.from(realBody.length > 1 ? realBody : "[{\"org_id\": \"x\"}]")
      res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) })
      res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))))
      if (kind === "reset") setImmediate(() => res.socket?.resetAndDestroy())
    }
    return Effect.never
  })

/** Streams `bytes` bytes of JSON whitespace, waiting for the client to read; stops when it goes. */
const oversize = (state: State, request: HttpServerRequest.HttpServerRequest, bytes: number) =>
  Effect.suspend(() => {
    const res = NodeHttpServerRequest.toServerResponse(request)
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    res.on("close", () => {
      if (!res.writableEnded) state.clientAborts++
    })
    res.writeHead(200, { "content-type": "application/json" })
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        const part = bytes - sent >= chunk.length ? chunk : chunk.subarray(0, bytes - sent)
        sent += part.length
        if (!res.write(part)) return void res.once("drain", pump)
      }
      if (!res.destroyed) res.end()
    }
    pump()
    return Effect.never
  })

/** Applies latency and faults in front of the API, and logs one line per request. */
const withFaultsAndLog = (state: State, api: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, HttpServerRequest.HttpServerRequest>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const path = new URL(request.url, "http://127.0.0.1").pathname
    const started = Date.now()
    const user = caller(state, request)
    const key = /^Token\s+(\S+)/i.exec(request.headers["authorization"] ?? "")?.[1]
    const decision = state.faults.take(request.method, path, key)
    const record = (status: number | string) => {
      const entry: LoggedRequest = {
        method: request.method,
        path,
        at: started,
        status,
        ms: Date.now() - started,
        ...(user === undefined ? {} : { user: user.username }),
        ...(decision.fault === undefined ? {} : { fault: decision.fault.kind })
      }
      state.log.push(entry)
      if (state.log.length > MAX_LOGGED_REQUESTS) state.log.splice(0, state.log.length - MAX_LOGGED_REQUESTS)
      state.writeLog?.(
        `${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms${entry.user ? ` user=${entry.user}` : ""}${
          entry.fault ? ` fault=${entry.fault}` : ""
        }`
      )
    }
    if (decision.latencyMs > 0) yield* Effect.sleep(decision.latencyMs)
    const fault = decision.fault
    const real = () => Effect.catchAll(api, () => Effect.succeed(json({ status: 404, body: { message: "Not found" } })))
    const response: HttpServerResponse.HttpServerResponse = yield* Effect.gen(function*() {
      switch (fault?.kind) {
        case undefined:
        case "pass":
          return yield* real()
        case "status":
          return fault.body === undefined
            ? HttpServerResponse.unsafeJson({ message: `Injected ${fault.status}` }, {
              status: fault.status,
              headers: fault.headers ?? {}
            })
            : HttpServerResponse.text(fault.body, { status: fault.status, headers: fault.headers ?? {} })
        case "rate-limit": {
          const headers: Record<string, string> = {}
          if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds)
          if (fault.retryAfterDateSeconds !== undefined) {
            headers["retry-after"] = new Date(Date.now() + fault.retryAfterDateSeconds * 1000).toUTCString()
          }
          if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs)
          return HttpServerResponse.unsafeJson({ detail: "Request was throttled." }, { status: 429, headers })
        }
        case "malformed":
          return HttpServerResponse.text(`[{"org_id": "org_1", "name": "Trunc`, { status: 200, contentType: "application/json" })
        case "html-502":
          return HttpServerResponse.html(HTML_502).pipe(HttpServerResponse.setStatus(502))
        case "bom": {
          const realResponse = yield* real()
          return HttpServerResponse.text(`\uFEFF${responseText(realResponse)}`, {
            status: realResponse.status,
            contentType: "application/json"
          })
        }
        case "redirect":
          return HttpServerResponse.empty({ status: fault.status ?? 302, headers: { location: fault.location } })
        case "oversize":
          record("oversize")
          return yield* oversize(state, request, fault.bytes)
        case "drift": {
          const realResponse = yield* real()
          const text = responseText(realResponse)
          if (realResponse.status !== 200 || text === "") return realResponse
          return HttpServerResponse.unsafeJson(drift(JSON.parse(text), fault.variant), { status: 200 })
        }
        case "reset":
        case "stall":
        case "hang": {
          const body = fault.kind === "hang" ? "" : responseText(yield* real())
          record(fault.kind)
          return yield* rawFault(state, request, fault.kind, body)
        }
      }
    })
    record(response.status)
    return response
  }).pipe(Effect.onInterrupt(() => Effect.void))

/** Starts the server on 127.0.0.1. */
export const startLocalServer = async (options: LocalServerOptions = {}): Promise<LocalServer> => {
  const fixture = options.fixture ?? demo
  const state: State = {
    store: new Store(fixture),
    faults: new FaultBook(),
    log: [],
    shape: options.shape ?? "current",
    initialShape: options.shape ?? "current",
    clientAborts: 0,
    writeLog: options.log
  }
  const api = HttpRouter.toHttpApp(apiRouter(state)).pipe(Effect.runSync)
  const admin = options.admin === false ? undefined : HttpRouter.toHttpApp(adminRouter(state)).pipe(Effect.runSync)
  const app = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (admin !== undefined && request.url.startsWith("/__admin/")) {
      const refusal = adminRefusal(request, port)
      if (refusal !== undefined) return json(refusal)
      return yield* Effect.catchAll(admin, () => Effect.succeed(json({ status: 404, body: { message: "Not found" } })))
    }
    return yield* withFaultsAndLog(state, api)
  })
  const handler = await Effect.runPromise(NodeHttpServer.makeHandler(app))
  const sockets = new Set<Net.Socket>()
  const server = Http.createServer(handler)
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve())
  })
  const port = (server.address() as Net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store: state.store,
    faults: state.faults,
    requests: () => [...state.log],
    clearRequests: () => {
      state.log.length = 0
    },
    clientAborts: () => state.clientAborts,
    openConnections: () => sockets.size,
    setShape: (shape) => {
      state.shape = shape
    },
    reset: () => resetState(state),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}

/**
 * The running server as an Effect service.
 */
export class Mem0LocalServer extends Context.Tag("mem0-local-server/Mem0LocalServer")<Mem0LocalServer, LocalServer>() {}

/**
 * A layer that starts the server for the life of its scope and closes it after.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const server = yield* Mem0LocalServer
 *   console.log(server.url)
 * }).pipe(Effect.provide(layer({ port: 0 })))
 * ```
 */
export const layer = (options: LocalServerOptions = {}): Layer.Layer<Mem0LocalServer> =>
  Layer.scoped(
    Mem0LocalServer,
    Effect.acquireRelease(Effect.promise(() => startLocalServer(options)), (server) => Effect.promise(() => server.close()))
  )
