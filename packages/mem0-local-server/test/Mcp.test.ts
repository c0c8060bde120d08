/**
 * The MCP endpoint as Mem0's hosted MCP server is reached (Streamable HTTP, JSON-RPC over POST /mcp/,
 * `Authorization: Token <key>`): the handshake, the read tools over the key's project, the key required.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { DEMO_KEY } from "../src/Fixture.js"
import { MCP_TOOLS } from "../src/Mcp.js"
import { type LocalServer, startLocalServer } from "../src/Server.js"

let server: LocalServer
beforeAll(async () => {
  server = await startLocalServer({ port: 0 })
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const BO_KEY = "m0-demo-bo-00000000000000000"

const rpc = (body: unknown, key: string | null = DEMO_KEY, path = "/mcp/") =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(key === null ? {} : { authorization: `Token ${key}` })
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000)
  })

const call = async (name: string, args: Record<string, unknown>, key = DEMO_KEY) => {
  const res = await rpc({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name, arguments: args } }, key)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { result: { content: Array<{ type: string; text: string }>; isError: boolean } }
  return { isError: body.result.isError, data: JSON.parse(body.result.content[0]!.text) as Record<string, unknown> }
}

describe("the MCP endpoint", () => {
  it("initialize answers the version asked, with tools; the initialized notification gets 202; both logged with the key's user", async () => {
    const res = await rpc({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1" } }
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("application/json")
    expect(await res.json()).toMatchObject({
      jsonrpc: "2.0",
      id: 1,
      result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "mem0-local-server" } }
    })
    const note = await rpc({ jsonrpc: "2.0", method: "notifications/initialized" })
    expect(note.status).toBe(202)
    expect(await note.text()).toBe("")
    // a version it does not know: it answers its own
    const other = await rpc({ jsonrpc: "2.0", id: 2, method: "initialize", params: { protocolVersion: "1999-01-01" } })
    expect(((await other.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe("2025-06-18")
    expect(server.requests().filter((r) => r.path === "/mcp/").map((r) => [r.method, r.status, r.user])).toEqual([
      ["POST", 200, "ana"],
      ["POST", 202, "ana"],
      ["POST", 200, "ana"]
    ])
  })

  it("without a known key: 401, nothing answered", async () => {
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "tools/list" }, null)).status).toBe(401)
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "tools/list" }, "m0-unknown-0000000000000000")).status).toBe(401)
  })

  it("tools/list names the read tools; each reads the key's project only", async () => {
    const res = await rpc({ jsonrpc: "2.0", id: 3, method: "tools/list" }, DEMO_KEY, "/mcp")
    const { result } = (await res.json()) as { result: { tools: Array<{ name: string; inputSchema: { type: string } }> } }
    expect(result.tools.map((t) => t.name)).toEqual(["search_memories", "get_memories", "get_memory", "list_entities"])
    expect(result.tools.every((t) => t.inputSchema.type === "object")).toBe(true)
    expect(MCP_TOOLS).toHaveLength(4)

    const entities = await call("list_entities", {})
    expect(entities.isError).toBe(false)
    expect((entities.data["results"] as Array<{ id: string }>).map((e) => e.id)).toContain("kiosk-42")
    const page = await call("get_memories", { filters: { user_id: "kiosk-42" }, page_size: 5 })
    const rows = page.data["results"] as Array<{ id: string; user_id: string }>
    expect(rows).toHaveLength(5)
    expect(page.data["count"]).toBe(240)
    const one = await call("get_memory", { memory_id: rows[0]!.id })
    expect(one.data["id"]).toBe(rows[0]!.id)
    const found = await call("search_memories", { query: "tea", limit: 3 })
    expect(found.isError).toBe(false)
    expect(Array.isArray(found.data["results"])).toBe(true)
    // bo's key reads bo's project: ana's memory is not there
    expect((await call("get_memory", { memory_id: rows[0]!.id }, BO_KEY)).isError).toBe(true)
  })

  it("a refused read is a tool error; an unknown tool or method a JSON-RPC error; GET and DELETE 405", async () => {
    const missing = await call("get_memory", { memory_id: "no-such-memory" })
    expect(missing.isError).toBe(true)
    const unknownTool = await rpc({ jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "delete_all_memories", arguments: {} } })
    expect(await unknownTool.json()).toMatchObject({ id: 4, error: { code: -32601 } })
    const unknownMethod = await rpc({ jsonrpc: "2.0", id: 5, method: "resources/list" })
    expect(await unknownMethod.json()).toMatchObject({ id: 5, error: { code: -32601 } })
    const invalid = await rpc({ hello: "world" })
    expect(invalid.status).toBe(400)
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(`${server.url}/mcp/`, { method, headers: { authorization: `Token ${DEMO_KEY}` }, signal: AbortSignal.timeout(5000) })
      expect(res.status, method).toBe(405)
    }
  })
})
