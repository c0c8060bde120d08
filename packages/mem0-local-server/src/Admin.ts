/**
 * `/__admin/...`: fault rules, the request log, the response shape and reset,
 * on the server's own loopback port, refused to other sites.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { FaultRule } from "./Faults.js"
import { isRecord, json, readJson, resetState, type State } from "./State.js"
import type { Reply } from "./Store.js"

const decodeRule = Schema.decodeUnknownEither(FaultRule)

/** The header a script may send instead of a JSON content type on an admin write without a body. */
export const ADMIN_HEADER = "x-mem0-admin"

/**
 * Why an admin request is refused, or `undefined` when it may go on. The
 * admin endpoint changes what the server does, so a web page the tester has
 * open must not reach it:
 * - a `Host` other than this server's own loopback address and port is refused (DNS rebinding);
 * - a request with an `Origin` other than this server's own (a web page's, or `null` from a sandboxed
 *   frame or a file) is refused;
 * - every write (`POST`, `PUT`, `DELETE`, ...) needs `content-type: application/json` or the
 *   {@link ADMIN_HEADER} header, with or without a body: a page can send neither without a CORS
 *   preflight, which this server never grants (a bodyless `POST /__admin/reset` is a "simple" request).
 */
export const adminRefusal = (request: HttpServerRequest.HttpServerRequest, port: number): Reply | undefined => {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
  const host = (request.headers["host"] ?? "").toLowerCase()
  if (!own.includes(host)) {
    return { status: 421, body: { message: `The admin endpoint answers only to Host 127.0.0.1:${port}.` } }
  }
  const origin = request.headers["origin"]
  if (origin !== undefined && !own.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return { status: 403, body: { message: "The admin endpoint refuses requests from web pages (Origin)." } }
  }
  if (request.method === "GET" || request.method === "HEAD") return undefined
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
  if (type !== "application/json" && request.headers[ADMIN_HEADER] === undefined) {
    return { status: 415, body: { message: `Admin writes take content-type: application/json (or the ${ADMIN_HEADER} header).` } }
  }
  return undefined
}

/** `/__admin/...`: faults, request log, shape, reset. Loopback only, like the server. */
export const adminRouter = (state: State) =>
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

