/**
 * The extension as layers: VS Code services in, commands and the tree out.
 * `extension.ts` builds this into one `ManagedRuntime` per activation.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ApiKey } from "./model/ApiKey.js"
import { consume } from "./platform/Events.js"
import { AutoRefreshLive } from "./tree/AutoRefresh.js"
import { treeCommands } from "./commands/Commands.js"
import { keyCommands } from "./commands/KeyCommands.js"
import { memoryCommands } from "./commands/MemoryCommands.js"
import { ownerActions } from "./commands/OwnerActions.js"
import { Picks } from "./commands/Picks.js"
import { CommandRegistry } from "./commands/Registry.js"
import { documentCommands } from "./documents/Commands.js"
import { KeyClients } from "./model/KeyClients.js"
import { KeyStatusLive } from "./tree/KeyStatus.js"
import { ProjectDocuments } from "./documents/ProjectDocuments.js"
import { LoggerLive } from "./platform/Logging.js"
import { McpServersLive } from "./model/McpServers.js"
import { Mem0Data } from "./model/Mem0Data.js"
import { OrganizationsTree, OrganizationsView } from "./tree/OrganizationsTree.js"
import { VIEW_ID } from "./platform/Ids.js"
import { VsCode } from "./platform/VsCodeApi.js"

/** Registers the tree view. */
const ViewLive = Layer.scoped(
  OrganizationsView,
  Effect.flatMap(Effect.all([VsCode, OrganizationsTree]), ([vscode, tree]) => vscode.registerTree(VIEW_ID, tree.source))
)

/**
 * Keeps the `mem0.hasApiKey` context key true to the key store (it drives the
 * welcome view), and reloads the tree when the key or a `mem0.*` setting
 * changes. Reads no network.
 */
const WatchersLive = Layer.scopedDiscard(
  Effect.gen(function*() {
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
)

/** Every command, by feature: each feature is built on the first use of one of its commands. */
const CommandsLive = Layer.scopedDiscard(
  Effect.gen(function*() {
    const registry = yield* CommandRegistry
    yield* registry.feature(treeCommands)
    yield* registry.feature(keyCommands)
    yield* registry.feature(ownerActions)
    yield* registry.feature(documentCommands)
    yield* registry.feature(memoryCommands)
  })
)

/** Everything but the VS Code services, which the caller provides. */
export const MainLayer = Layer.mergeAll(CommandsLive, WatchersLive, KeyStatusLive, AutoRefreshLive, McpServersLive).pipe(
  Layer.provideMerge(Picks.layer),
  Layer.provideMerge(CommandRegistry.layer),
  Layer.provideMerge(ViewLive),
  Layer.provideMerge(ProjectDocuments.layer),
  Layer.provideMerge(OrganizationsTree.layer),
  Layer.provideMerge(Mem0Data.layer),
  Layer.provideMerge(KeyClients.layer),
  Layer.provideMerge(ApiKey.layer),
  Layer.provide(FetchHttpClient.layer),
  Layer.provideMerge(LoggerLive)
)
