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
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Http from "node:http"
import type * as Net from "node:net"
import { adminRefusal, adminRouter } from "./Admin.js"
import { FaultBook } from "./Faults.js"
import { demo, type Fixture } from "./Fixture.js"
import { withFaultsAndLog } from "./Playback.js"
import { apiRouter } from "./Routes.js"
import { json, type LoggedRequest, resetState, type State } from "./State.js"
import { type Shape, Store } from "./Store.js"

export { type LoggedRequest, MAX_BODY_BYTES, MAX_LOGGED_REQUESTS } from "./State.js"

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
  /** The server's clock (timestamps it writes, expiry, when a PENDING delete event ends). Default: the system's. */
  readonly clock?: () => Date
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

/** Starts the server on 127.0.0.1. */
export const startLocalServer = async (options: LocalServerOptions = {}): Promise<LocalServer> => {
  const fixture = options.fixture ?? demo
  const state: State = {
    store: new Store(fixture, options.clock),
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
