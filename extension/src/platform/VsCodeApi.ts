/**
 * The small slice of the VS Code API the extension uses, as an Effect
 * service. The real implementation lives in `platform/VsCode.ts`, the only
 * module that imports `vscode` at run time; tests provide a fake that records
 * what happened (clipboard writes, messages, quick picks, tree refreshes).
 */
import type { Subscribe } from "./Events.js"
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"

/** What a tree row shows, as plain data (the bridge turns it into a `vscode.TreeItem`). */
export interface TreeItemData {
  readonly id: string
  readonly label: string
  readonly description?: string
  /** Plain text shown on hover; never Markdown, so nothing in it can become a link. */
  readonly tooltip?: string
  /**
   * What a screen reader says for the row. VS Code would otherwise read a
   * plain-text tooltip in full; this keeps it to what the row shows.
   */
  readonly accessibilityLabel: string
  /** A codicon id, e.g. `organization`, and an optional theme color id. */
  readonly icon?: { readonly id: string; readonly color?: string }
  readonly collapsible: "none" | "collapsed" | "expanded"
  /** Drives `view/item/context` menus; absent for rows without actions. */
  readonly contextValue?: string
  /** Run when the row is clicked. */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: ReadonlyArray<unknown> }
}

/** A tree's data, as the bridge asks for it. */
export interface TreeSource<N> {
  readonly getChildren: (node: N | undefined) => Effect.Effect<ReadonlyArray<N>>
  readonly getTreeItem: (node: N) => TreeItemData
  /** Subscribes to "these rows changed" (`undefined`: the whole tree); returns the unsubscribe. */
  readonly onDidChange: (listener: (node: N | undefined) => void) => () => void
  /** The row a row is under (`undefined` at the root): the same object `getChildren` gave. Needed to reveal. */
  readonly getParent: (node: N) => N | undefined
  /**
   * Subscribes to "show this row" (its ancestors expanded; selected and focused when `select`, else
   * neither); returns the unsubscribe.
   */
  readonly onReveal: (listener: (node: N, options: { readonly select: boolean }) => void) => () => void
}

/** A registered tree view. */
export interface TreeHandle<N> {
  /** The rows selected now. */
  readonly selection: () => ReadonlyArray<N>
  /** Whether the view is visible now. */
  readonly visible: () => boolean
}

/** An entry of a quick pick. Its texts are shown as typed: the bridge escapes `$(icon)` syntax. */
export interface QuickPickEntry<A> {
  readonly label: string
  readonly description?: string
  readonly detail?: string
  readonly value: A
}

/** Options of an input box. */
export interface InputBoxOptions {
  readonly title?: string
  readonly prompt: string
  readonly placeHolder?: string
  /** The text the box opens with (all of it selected). */
  readonly value?: string
  readonly password?: boolean
  /** A message when the value cannot be accepted, `undefined` when it can. */
  readonly validate?: (value: string) => string | undefined
}

/** What the status bar item shows. The text is shown as typed (`$(icon)` syntax escaped); `icon` is a codicon id. */
export interface StatusContent {
  readonly icon: string
  readonly text: string
  /** Plain text, never Markdown. */
  readonly tooltip: string
}

/** The extension's status bar item. */
export interface StatusItem {
  readonly show: (content: StatusContent) => Effect.Effect<void>
  readonly hide: Effect.Effect<void>
}

/** Why a `mem0:` document cannot be read or written; the message is fixed wording, never a server's text. */
export interface DocumentFailure {
  readonly reason: "notFound" | "noPermissions" | "unavailable"
  readonly message: string
}

/** A document served under the extension's URI scheme. */
export interface ServedDocument {
  readonly content: string
  readonly readonly: boolean
  /** When it last changed on the server (ms since the epoch; 0 when unknown). */
  readonly mtime: number
}

/** Serves the `mem0:` documents: paths are the URI's path, e.g. `/org_1/proj_1/project.json`. */
export interface DocumentSource {
  /** A document, or `None` when the path is a folder (`/org_1`, `/org_1/proj_1`). */
  readonly read: (path: string) => Effect.Effect<Option.Option<ServedDocument>, DocumentFailure>
  /**
   * Saves a document (only those served writable): `content` is the editor's text as typed, `served`
   * what the editor last read (to tell a change made on the server meanwhile). A failure keeps the
   * editor dirty with its message.
   */
  readonly write: (path: string, content: string, served: ServedDocument | undefined) => Effect.Effect<void, DocumentFailure>
}

/** A registered document scheme. */
export interface DocumentsHandle {
  /** Tells open editors these documents changed on the server (they reload). */
  readonly changed: (paths: ReadonlyArray<string>) => void
}

/** The extension's log channel (a `LogOutputChannel`). */
export interface LogChannel {
  readonly trace: (message: string) => void
  readonly debug: (message: string) => void
  readonly info: (message: string) => void
  readonly warn: (message: string) => void
  readonly error: (message: string) => void
  readonly show: () => void
}

/** Raw values of the `mem0.*` settings, unvalidated. */
export interface RawSettings {
  readonly apiBaseUrl: unknown
  readonly requestTimeoutSeconds: unknown
  readonly maxRetries: unknown
  readonly autoRefreshMinutes: unknown
  readonly readOnly: unknown
  readonly mcpEnabled: unknown
  readonly mcpServerUrl: unknown
}

/**
 * An MCP server (Streamable HTTP) offered to VS Code. As provided it carries no secret (`headers` empty);
 * only the resolved one, made when VS Code starts the server, has the key in its headers.
 */
export interface McpServer {
  /** Shown in VS Code's MCP server list; also how VS Code names the server when it asks to resolve it. */
  readonly label: string
  readonly url: string
  /** Changes when what the server would be started with changes (VS Code then restarts it). */
  readonly version: string
  readonly headers: Readonly<Record<string, string>>
}

/** What an MCP server definition provider answers. */
export interface McpServerSource {
  /** The servers to offer: never a secret in them. */
  readonly provide: Effect.Effect<ReadonlyArray<McpServer>>
  /** The server VS Code is starting, named by its label, with its headers; none: do not start it. */
  readonly resolve: (label: string) => Effect.Effect<Option.Option<McpServer>>
}

/** A registered MCP server definition provider. */
export interface McpServersHandle {
  /** Tells VS Code the servers changed (it provides them again). */
  readonly changed: () => void
}

export interface VsCodeApi {
  /** Shows a notification; resolves to the action chosen, if any. */
  readonly showMessage: (
    level: "info" | "warning" | "error",
    message: string,
    ...actions: ReadonlyArray<string>
  ) => Effect.Effect<Option.Option<string>>
  /**
   * Asks to confirm a change in a modal dialog: `true` only when `action` is chosen. `detail` is
   * plain text under the message.
   */
  readonly confirm: (message: string, detail: string, action: string) => Effect.Effect<boolean>
  /** A modal with several actions: the one chosen, or none (Cancel). */
  readonly choose: (message: string, detail: string, actions: ReadonlyArray<string>) => Effect.Effect<Option.Option<string>>
  /** Several entries picked at once (`picked`: checked when shown): the ones chosen, or none when dismissed. */
  readonly showMultiPick: <A>(
    entries: ReadonlyArray<QuickPickEntry<A> & { readonly picked?: boolean }>,
    options: { readonly title: string; readonly placeHolder: string }
  ) => Effect.Effect<Option.Option<ReadonlyArray<A>>>
  /** A save dialog: the local file path chosen, or none. */
  readonly showSaveDialog: (options: {
    readonly title: string
    readonly defaultName: string
    readonly filters: Readonly<Record<string, ReadonlyArray<string>>>
  }) => Effect.Effect<Option.Option<string>>
  /**
   * Runs `work` under a cancellable progress notification; `report` sets its message. Cancel interrupts the
   * work (none is returned then).
   */
  readonly withProgress: <A, E>(
    title: string,
    work: (report: (message: string) => Effect.Effect<void>) => Effect.Effect<A, E>
  ) => Effect.Effect<Option.Option<A>, E>
  /** Asks for text; `None` when dismissed. Interrupting the effect closes the box. */
  readonly showInputBox: (options: InputBoxOptions) => Effect.Effect<Option.Option<string>>
  /**
   * A quick pick whose entries load while it is open (busy until then). `None`
   * when dismissed; dismissing interrupts the load. A failed load closes the
   * pick and fails with the load's error.
   */
  readonly showQuickPick: <A, E>(
    entries: Effect.Effect<ReadonlyArray<QuickPickEntry<A>>, E>,
    options: { readonly title: string; readonly placeHolder: string }
  ) => Effect.Effect<Option.Option<A>, E>
  /** Shows progress in a view while the effect runs. */
  readonly withViewProgress: <A, E, R>(viewId: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** A brief confirmation in the status bar, shown as typed (`$(icon)` syntax escaped). */
  readonly flash: (text: string) => Effect.Effect<void>
  readonly writeClipboard: (text: string) => Effect.Effect<void>
  /** Registers commands (id and handler) for the life of the scope, in one step. */
  readonly registerCommands: (
    commands: ReadonlyArray<readonly [id: string, handler: (...args: ReadonlyArray<unknown>) => Effect.Effect<void>]>
  ) => Effect.Effect<void, never, Scope.Scope>
  readonly setContext: (key: string, value: unknown) => Effect.Effect<void>
  readonly getSecret: (key: string) => Effect.Effect<Option.Option<string>>
  readonly storeSecret: (key: string, value: string) => Effect.Effect<void>
  readonly deleteSecret: (key: string) => Effect.Effect<void>
  /** A value of the extension's global state (never a secret: it is stored in clear on disk). */
  readonly getState: (key: string) => Effect.Effect<unknown>
  readonly setState: (key: string, value: unknown) => Effect.Effect<void>
  /** The ids of the secrets that change (in any window), from the subscription on. */
  readonly secretChanges: Subscribe<string>
  readonly readSettings: Effect.Effect<RawSettings>
  /** Each change of a `mem0.*` setting, from the subscription on. */
  readonly settingChanges: Subscribe<void>
  readonly openSettings: (query: string) => Effect.Effect<void>
  /** Sets a `mem0.*` setting in the user's settings (never a workspace's). */
  readonly setUserSetting: (name: string, value: unknown) => Effect.Effect<void>
  /** Opens a web page of ours (never a server's URL) in the browser, as VS Code does (it may ask first). */
  readonly openExternal: (url: string) => Effect.Effect<void>
  /** Runs one of VS Code's own commands (e.g. `workbench.action.openWalkthrough`). */
  readonly executeCommand: (id: string, ...args: ReadonlyArray<unknown>) => Effect.Effect<void>
  /** Registers a tree view for the life of the scope. */
  readonly registerTree: <N>(viewId: string, source: TreeSource<N>) => Effect.Effect<TreeHandle<N>, never, Scope.Scope>
  /** Creates the status bar item (hidden until shown) for the life of the scope; clicking it runs `command`. */
  readonly statusItem: (options: { readonly id: string; readonly name: string; readonly command: string }) => Effect.Effect<
    StatusItem,
    never,
    Scope.Scope
  >
  /**
   * Registers an MCP server definition provider (the id declared in `contributes.mcpServerDefinitionProviders`)
   * for the life of the scope; none when this VS Code has no such API (before 1.101).
   */
  /** Whether this VS Code can take MCP server definition providers (1.101 or later). */
  readonly mcpAvailable: () => boolean
  readonly registerMcpServers: (
    id: string,
    source: McpServerSource
  ) => Effect.Effect<Option.Option<McpServersHandle>, never, Scope.Scope>
  /** Serves documents under `scheme:` for the life of the scope. */
  readonly registerDocuments: (scheme: string, source: DocumentSource) => Effect.Effect<DocumentsHandle, never, Scope.Scope>
  /**
   * Opens `scheme:path` in an editor (the path exactly as a `DocumentSource` gets it); fails with
   * VS Code's reason when it could not be read.
   */
  readonly openDocument: (scheme: string, path: string) => Effect.Effect<void, string>
  /** Whether a VS Code window has the focus now. */
  readonly windowFocused: () => boolean
  readonly log: LogChannel
  /** Reads an environment variable of the extension host. */
  readonly env: (name: string) => string | undefined
}

/** The VS Code service. */
export class VsCode extends Context.Tag("mem0-vscode/VsCode")<VsCode, VsCodeApi>() {}
