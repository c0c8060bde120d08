/**
 * A fake VS Code for unit tests: it records what the extension does
 * (clipboard writes, messages, quick picks, tree refreshes, context keys,
 * commands) and answers input boxes, quick picks and messages from a script.
 */
import { fromListener } from "../../src/platform/Events.js"
import { around } from "../../src/platform/Owned.js"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type {
  DocumentSource,
  InputBoxOptions,
  McpServerSource,
  StatusContent,
  QuickPickEntry,
  RawSettings,
  ServedDocument,
  TreeItemData,
  TreeSource,
  VsCodeApi
} from "../../src/platform/VsCodeApi.js"
import { VsCode } from "../../src/platform/VsCodeApi.js"
import type { TreeNode } from "../../src/tree/Rows.js"

export interface FakeOptions {
  readonly secrets?: Record<string, string>
  readonly state?: Record<string, unknown>
  readonly settings?: Partial<RawSettings>
  readonly env?: Record<string, string>
  /** Whether this VS Code has the MCP API (1.101+; 1.100 has not). Default: it has. */
  readonly mcpApi?: boolean
}

export interface RecordedMessage {
  readonly level: "info" | "warning" | "error"
  readonly message: string
  readonly actions: ReadonlyArray<string>
}

export const makeFakeVsCode = (options: FakeOptions = {}) => {
  const secrets = new Map(Object.entries(options.secrets ?? {}))
  /** The extension's global state. */
  const state = new Map<string, unknown>(Object.entries(options.state ?? {}))
  let settings: RawSettings = {
    apiBaseUrl: "https://api.mem0.ai",
    requestTimeoutSeconds: 30,
    maxRetries: 2,
    autoRefreshMinutes: 0,
    readOnly: false,
    mcpEnabled: false,
    mcpServerUrl: "https://mcp.mem0.ai/mcp/",
    ...options.settings
  }
  const secretListeners = new Set<(key: string) => void>()
  const settingsListeners = new Set<() => void>()
  /** Registered trees, asked for rows as VS Code asks: with the runtime captured at registration. */
  const trees = new Map<
    string,
    { readonly source: TreeSource<TreeNode>; readonly run: <A>(effect: Effect.Effect<A>) => Promise<A> }
  >()
  let selection: ReadonlyArray<TreeNode> = []
  /** The view's visibility and the window's focus, as a test sets them. */
  const view = { visible: true, focused: true }
  const documentSources = new Map<string, DocumentSource>()
  /** What an editor of each document last read. */
  const lastRead = new Map<string, ServedDocument>()
  /** Ids of the rows shown, with the id of their parent ("" for the root), as VS Code keeps them. */
  const shownIds = new Map<string, string>()
  /**
   * The row objects VS Code holds now, to hand to a command chosen on a row: like VS Code, it
   * forgets every row when told the whole tree changed, and a row's descendants when told that row
   * changed, until it has asked for them again.
   */
  const held = new Set<TreeNode>()
  const forget = (source: TreeSource<TreeNode>, changed: TreeNode | undefined) => {
    if (changed === undefined) return held.clear()
    for (const node of [...held]) {
      for (let up = source.getParent(node); up !== undefined; up = source.getParent(up)) {
        if (up === changed) {
          held.delete(node)
          break
        }
      }
    }
  }

  const record = {
    clipboard: [] as Array<string>,
    messages: [] as Array<RecordedMessage>,
    flashes: [] as Array<string>,
    quickPicks: [] as Array<{
      title: string
      entries: ReadonlyArray<QuickPickEntry<unknown>> | "failed"
      dismissed: boolean
    }>,
    inputBoxes: [] as Array<InputBoxOptions>,
    treeChanges: [] as Array<TreeNode | undefined>,
    contexts: new Map<string, unknown>(),
    /** Registered commands, run as VS Code runs them: with the runtime captured at registration. */
    commands: new Map<string, (...args: ReadonlyArray<unknown>) => Promise<void>>(),
    disposedCommands: [] as Array<string>,
    logs: [] as Array<string>,
    progress: 0,
    openedSettings: [] as Array<string>,
    openedUrls: [] as Array<string>,
    /** VS Code commands run by the extension, with their arguments. */
    executed: [] as Array<ReadonlyArray<unknown>>,
    logsShown: 0,
    /** SecretStorage reads, all keys. */
    secretReads: 0,
    /** Rows the tree asked VS Code to reveal, in order. */
    reveals: [] as Array<TreeNode>,
    /** Rows revealed and selected (after a change). */
    selected: [] as Array<TreeNode>,
    /** Modal confirmations asked. */
    confirms: [] as Array<{ readonly message: string; readonly detail: string; readonly action: string }>,
    /** The status bar item: what it shows, or `hidden`. */
    status: "hidden" as StatusContent | "hidden",
    statusCommand: undefined as string | undefined,
    /** Documents opened (`scheme:path`), and what each read gave. */
    opened: [] as Array<{ readonly uri: string; readonly content: string; readonly readonly: boolean }>,
    /** Paths the document source said changed. */
    documentChanges: [] as Array<string>,
    /** Modals with several actions. */
    choices: [] as Array<{ readonly message: string; readonly detail: string; readonly actions: ReadonlyArray<string> }>,
    multiPicks: [] as Array<{ readonly title: string; readonly entries: ReadonlyArray<QuickPickEntry<unknown> & { readonly picked?: boolean }> }>,
    saveDialogs: [] as Array<{ readonly title: string; readonly defaultName: string }>,
    /** Progress notifications: their title and each message reported. */
    progressShown: [] as Array<{ readonly title: string; readonly messages: Array<string> }>,
    /** User settings the extension wrote (`mem0.` + name). */
    settingsWritten: [] as Array<{ readonly name: string; readonly value: unknown }>,
    /** MCP server definition providers registered and not yet disposed, by id. */
    mcpProviders: new Map<string, McpServerSource>(),
    /** MCP provider ids, each time one was registered. */
    mcpRegistrations: [] as Array<string>,
    /** How many times a provider told VS Code its servers changed. */
    mcpChanges: 0
  }

  /** Scripted answers, taken in order; absent means "dismissed". */
  const script = {
    inputBox: [] as Array<string | undefined>,
    /** Chooses an entry from the loaded list; `undefined` dismisses. */
    quickPick: [] as Array<(entries: ReadonlyArray<QuickPickEntry<unknown>>) => number | undefined>,
    messageAction: [] as Array<string | undefined>,
    /** Answers to modal confirmations, in order; absent means "Cancel". */
    confirm: [] as Array<boolean>,
    /** Actions chosen in modals with several, in order; absent means "Cancel". */
    choose: [] as Array<string | undefined>,
    /** Picks several entries: the indexes chosen; `undefined` dismisses. */
    multiPick: [] as Array<(entries: ReadonlyArray<QuickPickEntry<unknown> & { readonly picked?: boolean }>) => ReadonlyArray<number> | undefined>,
    /** Paths chosen in save dialogs; absent means "Cancel". */
    saveDialog: [] as Array<string | undefined>,
    /** Cancels a progress notification once its reported messages satisfy this (absent: never). */
    cancelProgress: undefined as ((messages: ReadonlyArray<string>) => boolean) | undefined
  }

  const api: VsCodeApi = {
    showMessage: (level, message, ...actions) =>
      Effect.sync(() => {
        record.messages.push({ level, message, actions })
        const action = script.messageAction.shift()
        return action !== undefined && actions.includes(action) ? Option.some(action) : Option.none()
      }),
    confirm: (message, detail, action) =>
      Effect.sync(() => {
        record.confirms.push({ message, detail, action })
        return script.confirm.shift() ?? false
      }),
    choose: (message, detail, actions) =>
      Effect.sync(() => {
        record.choices.push({ message, detail, actions })
        const chosen = script.choose.shift()
        return chosen !== undefined && actions.includes(chosen) ? Option.some(chosen) : Option.none()
      }),
    showMultiPick: (entries, opts) =>
      Effect.sync(() => {
        record.multiPicks.push({ title: opts.title, entries })
        const indexes = script.multiPick.shift()?.(entries)
        return indexes === undefined ? Option.none() : Option.some(indexes.map((i) => entries[i]!.value))
      }),
    showSaveDialog: (opts) =>
      Effect.sync(() => {
        record.saveDialogs.push({ title: opts.title, defaultName: opts.defaultName })
        return Option.fromNullable(script.saveDialog.shift())
      }),
    withProgress: (title, work) =>
      Effect.gen(function*() {
        const shown = { title, messages: [] as Array<string> }
        record.progressShown.push(shown)
        const cancel = yield* Deferred.make<void>()
        const report = (message: string) =>
          Effect.suspend(() => {
            shown.messages.push(message)
            return script.cancelProgress?.(shown.messages) === true ? Deferred.succeed(cancel, undefined) : Effect.void
          })
        const result = yield* Effect.raceFirst(Effect.map(work(report), Option.some), Effect.as(Deferred.await(cancel), Option.none()))
        return result
      }),
    showInputBox: (box) =>
      Effect.sync(() => {
        record.inputBoxes.push(box)
        const value = script.inputBox.shift()
        if (value === undefined) return Option.none()
        // VS Code keeps the box open while validateInput objects: the fake treats that as a dismissal.
        return box.validate?.(value) === undefined ? Option.some(value) : Option.none()
      }),
    showQuickPick: (entries, opts) =>
      Effect.gen(function*() {
        const exit = yield* Effect.exit(entries)
        if (Exit.isFailure(exit)) {
          record.quickPicks.push({ title: opts.title, entries: "failed", dismissed: true })
          return yield* Effect.failCause(exit.cause)
        }
        const chooser = script.quickPick.shift()
        const index = chooser?.(exit.value)
        record.quickPicks.push({ title: opts.title, entries: exit.value, dismissed: index === undefined })
        return index === undefined ? Option.none() : Option.fromNullable(exit.value[index]?.value)
      }),
    // the loads in flight, counted as the real one counts them for its one bar
    withViewProgress: (_viewId, effect) => around(() => record.progress++, () => record.progress--, effect),
    flash: (text) => Effect.sync(() => void record.flashes.push(text)),
    writeClipboard: (text) => Effect.sync(() => void record.clipboard.push(text)),
    registerCommands: (commands) =>
      Effect.flatMap(Effect.runtime<never>(), (runtime) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            for (const [id, handler] of commands) {
              if (record.commands.has(id)) throw new Error(`command ${id} registered twice`)
              record.commands.set(id, (...args) => Runtime.runPromise(runtime)(Effect.interruptible(handler(...args))))
            }
          }),
          () =>
            Effect.sync(() => {
              for (const [id] of [...commands].reverse()) {
                record.commands.delete(id)
                record.disposedCommands.push(id)
              }
            })
        )),
    setContext: (key, value) => Effect.sync(() => void record.contexts.set(key, value)),
    getSecret: (key) =>
      Effect.sync(() => {
        record.secretReads++
        return Option.fromNullable(secrets.get(key))
      }),
    storeSecret: (key, value) =>
      Effect.sync(() => {
        secrets.set(key, value)
        for (const listener of secretListeners) listener(key)
      }),
    deleteSecret: (key) =>
      Effect.sync(() => {
        secrets.delete(key)
        for (const listener of secretListeners) listener(key)
      }),
    getState: (key) => Effect.sync(() => state.get(key)),
    setState: (key, value) => Effect.sync(() => void state.set(key, value)),
    secretChanges: fromListener((emit) => {
      secretListeners.add(emit)
      return () => void secretListeners.delete(emit)
    }),
    readSettings: Effect.sync(() => settings),
    settingChanges: fromListener<void>((emit) => {
      settingsListeners.add(emit)
      return () => void settingsListeners.delete(emit)
    }),
    openSettings: (query) => Effect.sync(() => void record.openedSettings.push(query)),
    setUserSetting: (name, value) =>
      Effect.sync(() => {
        record.settingsWritten.push({ name, value })
        const field = { "mcp.enabled": "mcpEnabled", "mcp.serverUrl": "mcpServerUrl", readOnly: "readOnly" }[name]
        if (field === undefined) throw new Error(`the fake has no setting mem0.${name}`)
        settings = { ...settings, [field]: value }
        for (const listener of settingsListeners) listener()
      }),
    openExternal: (url) => Effect.sync(() => void record.openedUrls.push(url)),
    executeCommand: (id, ...args) => Effect.sync(() => void record.executed.push([id, ...args])),
    registerTree: <N>(viewId: string, source: TreeSource<N>) =>
      Effect.flatMap(Effect.runtime<never>(), (runtime) => Effect.acquireRelease(
        Effect.sync(() => {
          const run = <A>(effect: Effect.Effect<A>) => Runtime.runPromise(runtime)(Effect.interruptible(effect))
          trees.set(viewId, { source: source as unknown as TreeSource<TreeNode>, run })
          const unsubscribe = source.onDidChange((node) => {
            record.treeChanges.push(node as TreeNode | undefined)
            forget(source as unknown as TreeSource<TreeNode>, node as TreeNode | undefined)
          })
          const unsubscribeReveal = source.onReveal((node, { select }) => {
            if (select) record.selected.push(node as TreeNode)
            else record.reveals.push(node as TreeNode)
          })
          return {
            handle: { selection: () => selection as unknown as ReadonlyArray<N>, visible: () => view.visible },
            unsubscribe,
            unsubscribeReveal
          }
        }),
        ({ unsubscribe, unsubscribeReveal }) =>
          Effect.sync(() => {
            unsubscribe()
            unsubscribeReveal()
            trees.delete(viewId)
          })
      )).pipe(Effect.map(({ handle }) => handle)),
    statusItem: ({ command }) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          record.statusCommand = command
          return {
            show: (content: StatusContent) => Effect.sync(() => void (record.status = content)),
            hide: Effect.sync(() => void (record.status = "hidden"))
          }
        }),
        () => Effect.sync(() => void (record.status = "hidden"))
      ),
    mcpAvailable: () => options.mcpApi !== false,
    registerMcpServers: (id, source) =>
      options.mcpApi === false
        ? Effect.succeed(Option.none())
        : Effect.acquireRelease(
          Effect.sync(() => {
            record.mcpProviders.set(id, source)
            record.mcpRegistrations.push(id)
            return Option.some({ changed: () => void record.mcpChanges++ })
          }),
          () => Effect.sync(() => void record.mcpProviders.delete(id))
        ),
    registerDocuments: (scheme, source) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          documentSources.set(scheme, source)
          return { changed: (paths: ReadonlyArray<string>) => void record.documentChanges.push(...paths) }
        }),
        () => Effect.sync(() => void documentSources.delete(scheme))
      ),
    openDocument: (scheme, path) =>
      Effect.gen(function*() {
        const source = documentSources.get(scheme)
        if (source === undefined) return yield* Effect.fail(`no provider for ${scheme}`)
        const read = yield* Effect.either(source.read(path))
        if (read._tag === "Left") return yield* Effect.fail(read.left.message)
        if (Option.isNone(read.right)) return yield* Effect.fail("is a directory")
        lastRead.set(path, read.right.value)
        record.opened.push({ uri: `${scheme}:${path}`, content: read.right.value.content, readonly: read.right.value.readonly })
      }),
    log: {
      trace: (m) => void record.logs.push(`trace ${m}`),
      debug: (m) => void record.logs.push(`debug ${m}`),
      info: (m) => void record.logs.push(`info ${m}`),
      warn: (m) => void record.logs.push(`warn ${m}`),
      error: (m) => void record.logs.push(`error ${m}`),
      show: () => void record.logsShown++
    },
    windowFocused: () => view.focused,
    env: (name) => options.env?.[name]
  }

  return {
    layer: Layer.succeed(VsCode, api),
    record,
    script,
    secrets,
    state,
    /** The registered tree's data. */
    tree: (viewId = "mem0.organizations") => {
      const tree = trees.get(viewId)
      if (tree === undefined) throw new Error(`no tree ${viewId}`)
      return tree.source
    },
    /**
     * Rows and their rendering, asked for as VS Code asks. Like VS Code, it throws
     * when a row's id is already shown elsewhere in the tree.
     */
    rows: async (node?: TreeNode) => {
      const tree = trees.get("mem0.organizations")
      if (tree === undefined) throw new Error("no tree")
      const nodes = await tree.run(tree.source.getChildren(node))
      for (const n of nodes) held.add(n)
      const rows = nodes.map((n) => ({ node: n, item: tree.source.getTreeItem(n) as TreeItemData }))
      const parent = node === undefined ? "" : tree.source.getTreeItem(node).id
      if (node === undefined) shownIds.clear()
      for (const [id, owner] of shownIds) if (owner === parent) shownIds.delete(id)
      for (const row of rows) {
        if (shownIds.has(row.item.id)) throw new Error(`Element with id ${row.item.id} is already registered`)
        shownIds.set(row.item.id, parent)
      }
      return rows
    },
    /** What VS Code passes to a command chosen on a row shown on screen: the row, if it still holds it. */
    argFor: (node: TreeNode): TreeNode | undefined => (held.has(node) ? node : undefined),
    /** Runs a registered command as VS Code would. */
    run: (id: string, ...args: ReadonlyArray<unknown>): Promise<void> => {
      const handler = record.commands.get(id)
      if (handler === undefined) return Promise.reject(new Error(`command ${id} is not registered`))
      return handler(...args)
    },
    /**
     * What VS Code does to reveal a row: walks up with `getParent`, and checks each parent's
     * children hold the very object below it. Returns the labels from the root down.
     */
    resolveReveal: async (node: TreeNode): Promise<ReadonlyArray<string>> => {
      const tree = trees.get("mem0.organizations")
      if (tree === undefined) throw new Error("no tree")
      const chain: Array<TreeNode> = [node]
      for (let parent = tree.source.getParent(node); parent !== undefined; parent = tree.source.getParent(parent)) {
        chain.unshift(parent)
        if (chain.length > 10) throw new Error("getParent loops")
      }
      let above: TreeNode | undefined = undefined
      for (const element of chain) {
        const children: ReadonlyArray<TreeNode> = await tree.run(tree.source.getChildren(above))
        if (!children.includes(element)) {
          throw new Error(`getParent gave a row that getChildren does not list: ${tree.source.getTreeItem(element).id}`)
        }
        above = element
      }
      return chain.map((n) => tree.source.getTreeItem(n).label)
    },
    /** Saves a served document as VS Code does: the editor's text, with what the editor last read. */
    writeDocument: (scheme: string, path: string, content: string) => {
      const source = documentSources.get(scheme)
      if (source === undefined) throw new Error(`no provider for ${scheme}`)
      return Effect.runPromise(Effect.either(source.write(path, content, lastRead.get(path))))
    },
    /** Reads a served document as VS Code would (an editor then shows this version). */
    readDocument: (scheme: string, path: string) => {
      const source = documentSources.get(scheme)
      if (source === undefined) throw new Error(`no provider for ${scheme}`)
      return Effect.runPromise(Effect.either(source.read(path))).then((read) => {
        if (read._tag === "Right" && read.right._tag === "Some") lastRead.set(path, read.right.value)
        return read
      })
    },
    /** Shows or hides the view, focuses or blurs the window. */
    setView: (state: { readonly visible?: boolean; readonly focused?: boolean }) => {
      Object.assign(view, state)
    },
    setSelection: (nodes: ReadonlyArray<TreeNode>) => {
      selection = nodes
    },
    changeSettings: (next: Partial<RawSettings>) => {
      settings = { ...settings, ...next }
      for (const listener of settingsListeners) listener()
    }
  }
}

export type FakeVsCode = ReturnType<typeof makeFakeVsCode>
