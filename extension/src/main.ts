/**
 * The extension as layers: VS Code services in, commands and the tree out.
 * `extension.ts` builds this into one `ManagedRuntime` per activation.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import { ApiKey } from "./model/ApiKey.js"
import { consume } from "./platform/Events.js"
import { autoRefresh } from "./tree/AutoRefresh.js"
import { treeCommands } from "./commands/Commands.js"
import { keyCommands } from "./commands/KeyCommands.js"
import { memoryCommands } from "./commands/MemoryCommands.js"
import { ownerActions } from "./commands/OwnerActions.js"
import { Picks } from "./commands/Picks.js"
import { CommandRegistry } from "./commands/Registry.js"
import { documentCommands } from "./documents/Commands.js"
import { KeyClients } from "./model/KeyClients.js"
import { keyStatus } from "./tree/KeyStatus.js"
import { ProjectDocuments } from "./documents/ProjectDocuments.js"
import { logToChannel } from "./platform/Logging.js"
import { mcpServers } from "./model/McpServers.js"
import { Mem0Data } from "./model/Mem0Data.js"
import { OrganizationsTree, OrganizationsView } from "./tree/OrganizationsTree.js"
import { VIEW_ID } from "./platform/Ids.js"
import { VsCode } from "./platform/VsCodeApi.js"

/** Registers the tree view. */
const registerView = Effect.flatMap(Effect.all([VsCode, OrganizationsTree]), ([vscode, tree]) => vscode.registerTree(VIEW_ID, tree.source))

/**
 * Keeps the `mem0.hasApiKey` context key true to the key store (it drives the
 * welcome view), and reloads the tree when the key or a `mem0.*` setting
 * changes. Reads no network.
 */
const watchers = Effect.gen(function*() {
  const vscode = yield* VsCode
  const apiKey = yield* ApiKey
  const tree = yield* OrganizationsTree
  const syncKeyContext = Effect.flatMap(apiKey.current, (key) => vscode.setContext("mem0.hasApiKey", key._tag === "Some"))
  // menus hide every change while `mem0.readOnly` is on (the registry refuses them too)
  const syncReadOnly = Effect.flatMap(vscode.readSettings, (raw) => vscode.setContext("mem0.readOnly", raw.readOnly === true))
  yield* syncKeyContext
  yield* syncReadOnly
  // handled in order, in fibers of this scope (deactivate ends them)
  yield* consume(apiKey.changes, () => Effect.zipRight(syncKeyContext, tree.refresh))
  // only a setting the tree reads reloads it (mem0.mcp.* is McpServers' alone)
  const treeSettings = Effect.map(vscode.readSettings, ({ mcpEnabled: _enabled, mcpServerUrl: _url, ...rest }) => JSON.stringify(rest))
  let shown = yield* treeSettings
  yield* consume(vscode.settingChanges, () =>
    Effect.gen(function*() {
      yield* syncReadOnly
      const now = yield* treeSettings
      if (now === shown) return
      shown = now
      yield* Effect.logInfo("mem0 settings changed: reloading")
      yield* tree.refresh
    }))
})

/** Every command, by feature: each feature is built on the first use of one of its commands. */
const commands = Effect.gen(function*() {
  const registry = yield* CommandRegistry
  yield* registry.feature(treeCommands)
  yield* registry.feature(keyCommands)
  yield* registry.feature(ownerActions)
  yield* registry.feature(documentCommands)
  yield* registry.feature(memoryCommands)
})

/**
 * The extension, given the VS Code services: its logger, the HTTP client, every service, the view, the commands and
 * the watchers, built in order by one effect in the caller's scope (each step sees the services built before it);
 * `extension.ts` runs it with no layer at all. Effect builds every node of a layer graph with its own memo entry,
 * scope, FiberRef diff and finalizer: one layer per service made a graph of about 30, and that machinery alone was
 * half of activation (17 chained layers take about 45 ms to build in a fresh process, the same services built by
 * one effect about 10 ms); closing it was most of deactivation.
 */
export const main = Effect.gen(function*() {
  yield* logToChannel
  const http = yield* Layer.build(FetchHttpClient.layer)
  const base = Context.merge(yield* Effect.context<VsCode | Scope.Scope>(), http)
  const withApiKey = Context.add(base, ApiKey, yield* Effect.provide(ApiKey.make, base))
  const withClients = Context.add(withApiKey, KeyClients, yield* Effect.provide(KeyClients.make, withApiKey))
  const withData = Context.add(withClients, Mem0Data, yield* Effect.provide(Mem0Data.make, withClients))
  const withTree = Context.add(withData, OrganizationsTree, yield* Effect.provide(OrganizationsTree.make, withData))
  const withDocuments = Context.add(withTree, ProjectDocuments, yield* Effect.provide(ProjectDocuments.make, withTree))
  const withView = Context.add(withDocuments, OrganizationsView, yield* Effect.provide(registerView, withDocuments))
  const withRegistry = Context.add(withView, CommandRegistry, yield* Effect.provide(CommandRegistry.make, withView))
  const all = Context.add(withRegistry, Picks, yield* Effect.provide(Picks.make, withRegistry))
  for (const start of [commands, watchers, keyStatus, autoRefresh, mcpServers]) yield* Effect.provide(start, all)
  return Context.omit(VsCode, HttpClient.HttpClient, Scope.Scope)(all)
})

/** `main` as a layer (the tests provide a fake VS Code to it). */
export const MainLayer = Layer.scopedContext(main)
