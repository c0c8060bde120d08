/**
 * The MCP endpoint, as Mem0's hosted MCP server (`https://mcp.mem0.ai/mcp/`) is reached: Streamable HTTP,
 * JSON-RPC 2.0 over `POST /mcp/`, answered as one JSON body (no event stream), with the key in
 * `Authorization: Token <key>`. Served here: the handshake (`initialize`, `notifications/initialized`,
 * `ping`), `tools/list` and `tools/call` for Mem0's read tools (`search_memories`, `get_memories`,
 * `get_memory`, `list_entities`) over the key's project. Mem0's change tools (add, update, delete) are not
 * served: they are not listed, and calling one answers JSON-RPC's "method not found" for the tool.
 * Every request is in the request log with the key's user, like any other.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { caller, isRecord, json, readJson, type State, unauthorized } from "./State.js"
import type { Reply } from "./Store.js"

/** The path Mem0's hosted MCP server answers on. */
export const MCP_PATH = "/mcp/"

/** The protocol version answered when the client asks for none the server knows. */
const LATEST_PROTOCOL = "2025-06-18"
const KNOWN_PROTOCOLS = new Set(["2024-11-05", "2025-03-26", LATEST_PROTOCOL, "2025-11-25"])

/** The read tools served, with their input schemas (the arguments Mem0's tools take). */
export const MCP_TOOLS = [
  {
    name: "search_memories",
    description: "Semantic search across the memories of this key's project.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "What to look for, in natural language." },
        filters: { type: "object", description: "Mem0 filters, e.g. {\"user_id\": \"alex\"}." },
        limit: { type: "integer", minimum: 1, maximum: 100 }
      },
      required: ["query"]
    }
  },
  {
    name: "get_memories",
    description: "List memories with filters, a page at a time.",
    inputSchema: {
      type: "object",
      properties: {
        filters: { type: "object" },
        page: { type: "integer", minimum: 1 },
        page_size: { type: "integer", minimum: 1, maximum: 200 }
      }
    }
  },
  {
    name: "get_memory",
    description: "One memory by its id.",
    inputSchema: { type: "object", properties: { memory_id: { type: "string" } }, required: ["memory_id"] }
  },
  {
    name: "list_entities",
    description: "The users, agents, apps and runs of this key's project.",
    inputSchema: { type: "object", properties: {} }
  }
] as const

type Id = string | number | null

const result = (id: Id, value: unknown): Reply => ({ status: 200, body: { jsonrpc: "2.0", id, result: value } })
const failure = (id: Id, code: number, message: string): Reply => ({ status: 200, body: { jsonrpc: "2.0", id, error: { code, message } } })

/** A tool's answer: the API's JSON as text, an error when the API refused. */
const toolAnswer = (reply: Reply) => ({
  content: [{ type: "text", text: JSON.stringify(reply.body) }],
  isError: reply.status >= 400
})

const ALL_ENTITIES = { OR: [{ user_id: "*" }, { agent_id: "*" }, { app_id: "*" }, { run_id: "*" }] }

/** The `POST /mcp/` handler. */
export const mcpHandler = (state: State) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const user = caller(state, request)
    if (user === undefined) return json(unauthorized)
    const read = yield* readJson(request)
    if (Either.isRight(read)) return json(read.right)
    const message = read.left
    if (!isRecord(message) || message["jsonrpc"] !== "2.0" || typeof message["method"] !== "string") {
      return json({ status: 400, body: { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid Request" } } })
    }
    const method = message["method"]
    // a notification (no id) is taken, with nothing to answer
    if (!("id" in message)) return HttpServerResponse.empty({ status: 202 })
    const id = (typeof message["id"] === "string" || typeof message["id"] === "number" ? message["id"] : null) as Id
    const params = isRecord(message["params"]) ? message["params"] : {}
    const url = new URL(request.url, `http://${request.headers["host"] ?? "127.0.0.1"}`)
    const api = state.store.memoryApi(user, url.origin)
    switch (method) {
      case "initialize": {
        const asked = params["protocolVersion"]
        return json(result(id, {
          protocolVersion: typeof asked === "string" && KNOWN_PROTOCOLS.has(asked) ? asked : LATEST_PROTOCOL,
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: "mem0-local-server", version: "0.3.0" },
          instructions: "Mem0 memories of the project this API key belongs to (a local Mem0-compatible server)."
        }))
      }
      case "ping":
        return json(result(id, {}))
      case "tools/list":
        return json(result(id, { tools: MCP_TOOLS }))
      case "tools/call": {
        const args = isRecord(params["arguments"]) ? params["arguments"] : {}
        const filters = isRecord(args["filters"]) ? args["filters"] : ALL_ENTITIES
        switch (params["name"]) {
          case "search_memories":
            return json(result(id, toolAnswer(api.search({ query: args["query"], filters, top_k: args["limit"] ?? 10 }))))
          case "get_memories": {
            const query = new URLSearchParams()
            if (typeof args["page"] === "number") query.set("page", String(args["page"]))
            if (typeof args["page_size"] === "number") query.set("page_size", String(args["page_size"]))
            return json(result(id, toolAnswer(api.list(query, { filters }))))
          }
          case "get_memory":
            return json(result(id, toolAnswer(api.get(typeof args["memory_id"] === "string" ? args["memory_id"] : ""))))
          case "list_entities":
            return json(result(id, toolAnswer(api.entities(new URLSearchParams()))))
          default:
            return json(failure(id, -32601, `Unknown tool: ${String(params["name"])}`))
        }
      }
      default:
        return json(failure(id, -32601, `Method not found: ${method}`))
    }
  })

/** `GET` (an event stream) and `DELETE` (a session's end): neither is offered, as the spec allows. */
export const mcpNotAllowed = Effect.succeed(HttpServerResponse.empty({ status: 405, headers: { allow: "POST" } }))
