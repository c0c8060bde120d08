/**
 * Mem0's memory tools in Copilot: Mem0's hosted MCP server (`mem0.mcp.serverUrl`, Streamable HTTP,
 * `Authorization: Token <key>`), offered to VS Code once per stored key, named by the key's name.
 *
 * - Off until `mem0.mcp.enabled` (user settings only): nothing is registered before.
 * - Offered: the keys stored for the API base URL in use (a key goes only with the server it was
 *   stored for); the definitions VS Code gets carry the key's name and the server URL, never the key.
 * - Resolved, when VS Code starts a server: the key is read from SecretStorage then and put in the
 *   header; a key removed or stored for another server meanwhile starts nothing.
 * - Adding, replacing, switching or removing a key, or changing a `mem0.*` setting, tells VS Code.
 * - VS Code 1.100 has no MCP API: the extension works as before, without the servers.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Scope from "effect/Scope"
import * as Exit from "effect/Exit"
import * as Display from "../platform/Display.js"
import { consume } from "../platform/Events.js"
import { t } from "../platform/L10n.js"
import { addRelease } from "../platform/Owned.js"
import type { McpServer, McpServersHandle, RawSettings } from "../platform/VsCodeApi.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { ApiKey } from "./ApiKey.js"
import { checkBaseUrl, checkServerUrl, DEFAULT_BASE_URL, type SettingsProblem } from "./Settings.js"

/** The provider id, as declared in `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = "mem0.mcpServers"
/** Mem0's hosted MCP server. */
export const DEFAULT_MCP_URL = "https://mcp.mem0.ai/mcp/"

/** The MCP settings: whether to offer servers, and the URL they are at (checked as the API's base URL is). */
export interface McpSettings {
  readonly enabled: boolean
  readonly url: Either.Either<string, SettingsProblem>
  /** The API base URL in use: the keys stored for it are offered. */
  readonly baseUrl: Either.Either<string, SettingsProblem>
}

export const mcpSettings = (raw: RawSettings): McpSettings => ({
  enabled: raw.mcpEnabled === true,
  url: checkServerUrl(raw.mcpServerUrl ?? DEFAULT_MCP_URL, "mem0.mcp.serverUrl", DEFAULT_MCP_URL),
  baseUrl: checkBaseUrl(raw.apiBaseUrl ?? DEFAULT_BASE_URL)
})

/** The server's name in VS Code: the key's name, as plain text on one line. */
export const serverLabel = (keyName: string): string => t("Mem0 ({0})", Display.label(keyName, 60))

/** A stored key offered as a server: the server VS Code is told of (no secret), and the key as read now. */
interface Offered {
  readonly name: string
  readonly key: Redacted.Redacted<string>
  readonly server: McpServer
}

/** The servers to offer now: one per key stored for the base URL in use. Reads no network. */
const offered = Effect.gen(function*() {
  const vscode = yield* VsCode
  const apiKey = yield* ApiKey
  const settings = mcpSettings(yield* vscode.readSettings)
  if (!settings.enabled || Either.isLeft(settings.url) || Either.isLeft(settings.baseUrl)) return []
  const url = settings.url.right
  const baseUrl = settings.baseUrl.right
  const { names } = yield* apiKey.index
  const entries = yield* Effect.forEach(names, (name) =>
    Effect.map(apiKey.entryOf(name), Option.map((entry) => ({ name, entry }))))
  return entries.flatMap(Option.toArray).flatMap(({ entry, name }): Array<Offered> =>
    entry.baseUrl === baseUrl
      // the version follows the stored entry (a key set again under the same name is a new entry) and the URL
      ? [{ name, key: entry.key, server: { label: serverLabel(name), url, version: `${entry.id} ${url}`, headers: {} } }]
      : []
  )
})

/** What the provider answers: the servers without secrets, and a started one with its key. */
export const mcpServerSource = Effect.gen(function*() {
  const context = yield* Effect.context<VsCode | ApiKey>()
  const provide = offered.pipe(
    Effect.map((list) => list.map((o) => o.server)),
    Effect.tap((list) => Effect.logInfo(`MCP servers offered: ${list.length}`)),
    Effect.provide(context)
  )
  const resolve = (label: string) =>
    Effect.gen(function*() {
      const found = (yield* offered).find((o) => o.server.label === label)
      if (found === undefined) {
        yield* Effect.logWarning(`MCP server ${Display.logText(label)} is no longer offered (key removed, or mem0.mcp settings changed): not started`)
        return Option.none<McpServer>()
      }
      // `offered` read SecretStorage just now: the key this name holds at this moment
      yield* Effect.logInfo(`MCP server ${Display.logText(label)} started with key ${Display.logText(found.name)}`)
      return Option.some<McpServer>({ ...found.server, headers: { Authorization: `Token ${Redacted.value(found.key)}` } })
    }).pipe(Effect.provide(context))
  return { provide, resolve }
})

/**
 * Registers the provider while `mem0.mcp.enabled` is on (and VS Code has the API), unregisters it when
 * turned off, and tells VS Code when keys or settings change.
 */
export const mcpServers = Effect.gen(function*() {
  const vscode = yield* VsCode
  const apiKey = yield* ApiKey
  const source = yield* mcpServerSource
  const registered = yield* Ref.make<Option.Option<{ readonly scope: Scope.CloseableScope; readonly handle: McpServersHandle }>>(
    Option.none()
  )
  let missingSaid = false
  const sync = Effect.gen(function*() {
    const { enabled, url } = mcpSettings(yield* vscode.readSettings)
    const current = yield* Ref.get(registered)
    if (enabled && Option.isSome(current)) return current.value.handle.changed()
    if (!enabled && Option.isSome(current)) {
      yield* Ref.set(registered, Option.none())
      yield* Effect.logInfo("MCP servers: mem0.mcp.enabled is off, no longer offered")
      return yield* Scope.close(current.value.scope, Exit.void)
    }
    if (!enabled) return
    if (Either.isLeft(url)) yield* Effect.logWarning(url.left.message)
    const scope = yield* Scope.make()
    const handle = yield* Scope.extend(vscode.registerMcpServers(MCP_PROVIDER_ID, source), scope)
    if (Option.isNone(handle)) {
      yield* Scope.close(scope, Exit.void)
      if (!missingSaid) yield* Effect.logInfo("MCP servers: this VS Code has no MCP API (VS Code 1.101 or later has it)")
      missingSaid = true
      return
    }
    yield* Ref.set(registered, Option.some({ scope, handle: handle.value }))
    yield* Effect.logInfo("MCP servers: offered to VS Code, one per stored key")
  })
  yield* addRelease(
    Effect.flatMap(Ref.get(registered), Option.match({ onNone: () => Effect.void, onSome: ({ scope }) => Scope.close(scope, Exit.void) }))
  )
  yield* sync
  yield* consume(vscode.settingChanges, () => sync)
  yield* consume(apiKey.changes, () =>
    Effect.flatMap(Ref.get(registered), Option.match({ onNone: () => Effect.void, onSome: ({ handle }) => Effect.sync(handle.changed) })))
})
