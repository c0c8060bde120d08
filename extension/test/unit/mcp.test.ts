/**
 * Mem0's memory tools in Copilot: one MCP server per stored key, offered to VS Code while
 * `mem0.mcp.enabled` is on. The definitions VS Code gets carry no secret; the key goes into the
 * header only when VS Code starts a server, read from SecretStorage then; key changes tell VS Code.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { DEMO_KEY, startLocalServer } from "mem0-local-server"
import { keySecret } from "../../src/model/ApiKey.js"
import { DEFAULT_MCP_URL, MCP_PROVIDER_ID, serverLabel } from "../../src/model/McpServers.js"
import { COMMANDS } from "../../src/platform/Ids.js"
import type { McpServer } from "../../src/platform/VsCodeApi.js"
import { waitFor } from "@mem0-organizations/workbench/waitFor"
import { activate, server, useLocalServer } from "./harness.js"

useLocalServer()

const BO_KEY = "m0-demo-bo-00000000000000000"

type Ext = Awaited<ReturnType<typeof activate>>

const source = (ext: Ext) => {
  const registered = ext.fake.record.mcpProviders.get(MCP_PROVIDER_ID)
  if (registered === undefined) throw new Error("no MCP provider registered")
  return registered
}
const provide = (ext: Ext) => Effect.runPromise(source(ext).provide)
const resolve = (ext: Ext, label: string) => Effect.runPromise(source(ext).resolve(label)).then(Option.getOrUndefined)

/** The demo key (stored as "default") and bo's key added as "work", both for the local server. */
const withTwoKeys = async (settings: Parameters<typeof activate>[0] = {}) => {
  const ext = await activate(settings)
  ext.fake.script.inputBox.push("work", BO_KEY)
  await ext.command(COMMANDS.addKey)
  return ext
}

/** Nothing of either key, in any encoding a definition or a log could carry it. */
const expectNoKey = (text: string) => {
  for (const key of [DEMO_KEY, BO_KEY]) {
    expect(text).not.toContain(key)
    expect(text).not.toContain(Buffer.from(key).toString("base64"))
    expect(text).not.toContain(encodeURIComponent(`Token ${key}`))
  }
}

describe("Mem0's MCP servers for Copilot", () => {
  it("off by default: no provider is registered, whatever keys are stored", async () => {
    const ext = await withTwoKeys()
    expect(ext.fake.record.mcpRegistrations).toEqual([])
    expect(ext.fake.record.mcpProviders.size).toBe(0)
  })

  it("on: one server per stored key, named by the key's name, at mem0.mcp.serverUrl, with no secret", async () => {
    const ext = await withTwoKeys({ settings: { mcpEnabled: true } })
    expect(ext.fake.record.mcpRegistrations).toEqual([MCP_PROVIDER_ID])
    const servers = await provide(ext)
    expect(servers.map((s) => [s.label, s.url, s.headers])).toEqual([
      ["Mem0 (default)", DEFAULT_MCP_URL, {}],
      ["Mem0 (work)", DEFAULT_MCP_URL, {}]
    ])
    expectNoKey(JSON.stringify(servers))
    // the version follows the stored entry, never the key
    expect(new Set(servers.map((s) => s.version)).size).toBe(2)
    expectNoKey(ext.fake.record.logs.join("\n"))
  })

  it("the key goes in only when VS Code starts the server, read from SecretStorage then", async () => {
    const ext = await withTwoKeys({ settings: { mcpEnabled: true, mcpServerUrl: "http://127.0.0.1:9/mcp/" } })
    const [, work] = await provide(ext)
    const reads = ext.fake.record.secretReads
    const started = await resolve(ext, work!.label)
    expect(started).toEqual<McpServer>({ ...work!, headers: { Authorization: `Token ${BO_KEY}` } })
    expect(ext.fake.record.secretReads).toBeGreaterThan(reads)
    // the key replaced under the same name: the next start sends the new one, and the version changed
    const replaced = "m0-replaced-000000000000000000"
    ext.fake.secrets.set(keySecret("work"), JSON.stringify({ key: replaced, baseUrl: server.url, id: "new-entry" }))
    const again = await resolve(ext, work!.label)
    expect(again?.headers).toEqual({ Authorization: `Token ${replaced}` })
    expect(again?.version).not.toBe(work!.version)
    // a label VS Code no longer has a key for starts nothing
    expect(await resolve(ext, serverLabel("gone"))).toBeUndefined()
    expectNoKey(ext.fake.record.logs.join("\n"))
  })

  it("adding, switching and removing keys tell VS Code; a removed key's server is gone and starts nothing", async () => {
    const ext = await activate({ settings: { mcpEnabled: true } })
    expect((await provide(ext)).map((s) => s.label)).toEqual(["Mem0 (default)"])
    const before = ext.fake.record.mcpChanges
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    await waitFor(() => ext.fake.record.mcpChanges > before)
    expect((await provide(ext)).map((s) => s.label)).toEqual(["Mem0 (default)", "Mem0 (work)"])

    const afterAdd = ext.fake.record.mcpChanges
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "default"))
    await ext.command(COMMANDS.switchKey)
    await waitFor(() => ext.fake.record.mcpChanges > afterAdd)

    const afterSwitch = ext.fake.record.mcpChanges
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "work"))
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.removeKey)
    await waitFor(() => ext.fake.record.mcpChanges > afterSwitch)
    expect((await provide(ext)).map((s) => s.label)).toEqual(["Mem0 (default)"])
    expect(await resolve(ext, "Mem0 (work)")).toBeUndefined()
  })

  it("only keys stored for the API base URL in use are offered: another server's keys never go to MCP", async () => {
    const other = await startLocalServer({ port: 0 })
    try {
      const ext = await withTwoKeys({ settings: { mcpEnabled: true } })
      expect(await provide(ext)).toHaveLength(2)
      ext.fake.changeSettings({ apiBaseUrl: other.url })
      expect(await provide(ext)).toEqual([])
      expect(await resolve(ext, "Mem0 (work)")).toBeUndefined()
    } finally {
      await other.close()
    }
  })

  it("an MCP URL the base-URL rule refuses (plain http to another machine) offers nothing and says why", async () => {
    const ext = await withTwoKeys({ settings: { mcpEnabled: true, mcpServerUrl: "http://mcp.example/mcp/" } })
    expect(await provide(ext)).toEqual([])
    expect(await resolve(ext, "Mem0 (default)")).toBeUndefined()
    expect(ext.fake.record.logs.join("\n")).toContain("mem0.mcp.serverUrl \"http://mcp.example\" is refused")
  })

  it("turning mem0.mcp.enabled off unregisters the provider; on registers it again", async () => {
    const ext = await withTwoKeys({ settings: { mcpEnabled: true } })
    await ext.rows()
    const reloads = () => server.requests().filter((r) => r.path === "/api/v1/orgs/organizations/").length
    const treeChanges = reloads()
    ext.fake.changeSettings({ mcpEnabled: false })
    await waitFor(() => ext.fake.record.mcpProviders.size === 0)
    ext.fake.changeSettings({ mcpEnabled: true })
    await waitFor(() => ext.fake.record.mcpProviders.size === 1)
    expect(ext.fake.record.mcpRegistrations).toEqual([MCP_PROVIDER_ID, MCP_PROVIDER_ID])
    // a setting that changes nothing of the registration tells VS Code to ask again
    const changes = ext.fake.record.mcpChanges
    ext.fake.changeSettings({ mcpServerUrl: "https://mcp.example/mcp/" })
    await waitFor(() => ext.fake.record.mcpChanges > changes)
    expect((await provide(ext)).map((s) => s.url)).toEqual(["https://mcp.example/mcp/", "https://mcp.example/mcp/"])
    // the MCP settings are not the tree's: it was not reloaded
    expect(reloads()).toBe(treeChanges)
    expect(ext.fake.record.logs.join("\n")).not.toContain("mem0 settings changed: reloading")
    // a setting the tree reads still reloads it
    ext.fake.changeSettings({ maxRetries: 1 })
    await waitFor(() => reloads() > treeChanges)
  })

  it("the walkthrough's button turns it on in the user's settings, and offers List MCP Servers", async () => {
    const ext = await withTwoKeys()
    ext.fake.script.messageAction.push("List MCP Servers")
    await ext.command(COMMANDS.enableMcp)
    expect(ext.fake.record.settingsWritten).toEqual([{ name: "mcp.enabled", value: true }])
    await waitFor(() => ext.fake.record.mcpProviders.size === 1)
    expect(ext.fake.record.messages.at(-1)?.message).toContain("\"Mem0 (key name)\"")
    expect(ext.fake.record.executed).toContainEqual(["workbench.mcp.listServer"])
  })

  it("a VS Code without the MCP API (1.100): nothing registered, the button says so and changes nothing", async () => {
    const ext = await withTwoKeys({ mcpApi: false, settings: { mcpEnabled: true } })
    expect(ext.fake.record.mcpRegistrations).toEqual([])
    expect(ext.fake.record.logs.join("\n")).toContain("this VS Code has no MCP API")
    await ext.command(COMMANDS.enableMcp)
    expect(ext.fake.record.settingsWritten).toEqual([])
    expect(ext.fake.record.messages.at(-1)).toMatchObject({ level: "warning", message: expect.stringContaining("VS Code 1.101") })
    // the tree works as before
    expect((await ext.rows()).length).toBeGreaterThan(0)
  })
})
