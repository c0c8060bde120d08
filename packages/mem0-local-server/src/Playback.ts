/**
 * Fault playback: in front of the API, each request takes the latency and the
 * next fault its rules give it (a status, a rate limit, a reset, a hang, a
 * drifted or oversized body, ...), and is logged in one line.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Effect from "effect/Effect"
import { drift } from "./Faults.js"
import { caller, json, type LoggedRequest, MAX_LOGGED_REQUESTS, type State } from "./State.js"

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
export const withFaultsAndLog = (state: State, api: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, HttpServerRequest.HttpServerRequest>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, "http://127.0.0.1")
    const path = url.pathname
    const started = Date.now()
    const user = caller(state, request)
    const key = /^Token\s+(\S+)/i.exec(request.headers["authorization"] ?? "")?.[1]
    const decision = state.faults.take(request.method, path, key)
    const record = (status: number | string) => {
      const entry: LoggedRequest = {
        method: request.method,
        path,
        ...(url.search === "" ? {} : { query: url.search.slice(1) }),
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
    const held = decision.held
    if (held !== undefined) yield* Effect.promise(() => held)
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

