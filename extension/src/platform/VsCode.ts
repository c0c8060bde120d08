/**
 * The bridge to VS Code: the only module that imports `vscode` at run time
 * (a lint rule keeps it so). Every `Disposable` is owned by the scope that
 * acquired it; thenables are turned into effects that also handle rejection;
 * interrupting an effect cancels the VS Code token it passed, and a VS Code
 * dismissal interrupts the effect waiting on it.
 */
import { fromListener } from "./Events.js"
import { addRelease, around, ownSync } from "./Owned.js"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as os from "node:os"
import * as path from "node:path"
import * as vscode from "vscode"
import { noIcons } from "./Display.js"
import { setTranslator, t } from "./L10n.js"
import { userValue } from "../model/Settings.js"
import { inputBoxOptions, messageText, quickPickItem } from "./Rendered.js"
import { type SaveReason, saveRefusal, servedBytes } from "../documents/Saves.js"
import { type DocumentFailure, type DocumentSource, type ServedDocument, type TreeItemData, VsCode, type VsCodeApi } from "./VsCodeApi.js"

/** A thenable as an effect; a rejection is a defect (VS Code APIs here do not reject by contract). */
const fromThenable = <A>(thunk: () => Thenable<A>): Effect.Effect<A> =>
  Effect.async<A>((resume) => {
    thunk().then(
      (value) => resume(Effect.succeed(value)),
      (error: unknown) => resume(Effect.die(error))
    )
  })

/** Owns a disposable for the life of the current scope. */
const own = <D extends vscode.Disposable>(acquire: () => D) =>
  ownSync(acquire, (d) => d.dispose())

/** A disposable's `dispose`, as the unregister of `fromListener`. */
const disposer = (d: vscode.Disposable) => () => void d.dispose()

/** Runs `use` with a token that is cancelled when the fiber is interrupted. */
const withToken = <A>(use: (token: vscode.CancellationToken) => Thenable<A>): Effect.Effect<A> =>
  Effect.async<A>((resume) => {
    const source = new vscode.CancellationTokenSource()
    use(source.token).then(
      (value) => {
        source.dispose()
        resume(Effect.succeed(value))
      },
      (error: unknown) => {
        source.dispose()
        resume(Effect.die(error))
      }
    )
    return Effect.sync(() => {
      source.cancel()
      source.dispose()
    })
  })

const toTreeItem = (data: TreeItemData): vscode.TreeItem => {
  const item = new vscode.TreeItem(
    data.label,
    data.collapsible === "none"
      ? vscode.TreeItemCollapsibleState.None
      : data.collapsible === "collapsed"
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded
  )
  item.id = data.id
  if (data.description !== undefined) item.description = data.description
  if (data.tooltip !== undefined) item.tooltip = data.tooltip // plain text: no Markdown, no links
  item.accessibilityInformation = { label: data.accessibilityLabel }
  if (data.icon !== undefined) {
    item.iconPath = new vscode.ThemeIcon(
      data.icon.id,
      data.icon.color === undefined ? undefined : new vscode.ThemeColor(data.icon.color)
    )
  }
  if (data.contextValue !== undefined) item.contextValue = data.contextValue
  if (data.command !== undefined) {
    item.command = { command: data.command.command, title: data.command.title, arguments: [...(data.command.arguments ?? [])] }
  }
  return item
}

const fileSystemError = (failure: DocumentFailure): vscode.FileSystemError =>
  failure.reason === "notFound"
    ? vscode.FileSystemError.FileNotFound(failure.message)
    : failure.reason === "noPermissions"
    ? vscode.FileSystemError.NoPermissions(failure.message)
    : vscode.FileSystemError.Unavailable(failure.message)

/**
 * How long one read of a document answers VS Code's repeated stats and reads (it stats a file many times
 * while opening and showing it, spread over seconds on a busy machine), unless it changes first: a refresh
 * or a save drops it, closing the document drops it, and a save reads afresh.
 */
const READ_REUSE_MS = 30_000

/** What the file system provider keeps per document path. */
interface DocumentState {
  /** Reads under way or just done, answering VS Code's repeated stats. */
  readonly recent: Map<string, { readonly at: number; readonly document: Promise<ServedDocument | undefined> }>
  /** What VS Code last read of each document (`readFile`): the version its editor shows. */
  readonly lastRead: Map<string, ServedDocument>
  /** Saves under way (from `onWillSaveTextDocument`), by URI, with their reason. */
  readonly saving: Map<string, SaveReason>
}

const saveReason = (reason: vscode.TextDocumentSaveReason): SaveReason =>
  reason === vscode.TextDocumentSaveReason.Manual ? "manual" : reason === vscode.TextDocumentSaveReason.AfterDelay ? "afterDelay" : "focusOut"

/**
 * A `FileSystemProvider` over a `DocumentSource`. VS Code stats a file
 * several times and reads it while opening it: a read is reused for
 * {@link READ_REUSE_MS}, so one open costs one request (a change told by the
 * source, a write or closing the document drops it); while a save is under
 * way every stat reads afresh, so VS Code compares the server's `updated_at`
 * of that moment with the one its editor read. Nothing can be created, renamed or deleted.
 * A write is taken only as the explicit save of an open, dirty editor
 * (`Saves.saveRefusal`), and what goes to the source is that editor's text
 * as typed, not the bytes VS Code encoded. VS Code itself compares the
 * `mtime` it read (the project's `updated_at`) with a fresh stat before
 * writing; the source compares the content.
 */
const fileSystem = (
  source: DocumentSource,
  run: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>,
  onDidChangeFile: vscode.Event<Array<vscode.FileChangeEvent>>,
  state: DocumentState
): vscode.FileSystemProvider => {
  const read = (uri: vscode.Uri): Promise<ServedDocument | undefined> => {
    const known = state.recent.get(uri.path)
    const saving = state.saving.has(uri.toString())
    if (known !== undefined && !saving && Date.now() - known.at < READ_REUSE_MS) return known.document
    const document = run(Effect.either(source.read(uri.path))).then((result) => {
      if (Either.isLeft(result)) {
        state.recent.delete(uri.path) // a failure is not kept: the next try asks again
        throw fileSystemError(result.left)
      }
      return Option.getOrUndefined(result.right)
    })
    state.recent.set(uri.path, { at: Date.now(), document })
    return document
  }
  const refuse = () => {
    throw vscode.FileSystemError.NoPermissions(t("Mem0 documents cannot be created, renamed or deleted here."))
  }
  return {
    onDidChangeFile,
    watch: () => new vscode.Disposable(() => undefined),
    stat: async (uri) => {
      const document = await read(uri)
      if (document === undefined) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 }
      return {
        type: vscode.FileType.File,
        ctime: 0,
        mtime: document.mtime,
        size: servedBytes(document.content).byteLength,
        ...(document.readonly ? { permissions: vscode.FilePermission.Readonly } : {})
      }
    },
    readFile: async (uri) => {
      const document = await read(uri)
      if (document === undefined) throw vscode.FileSystemError.FileIsADirectory(uri)
      state.lastRead.set(uri.path, document)
      return servedBytes(document.content)
    },
    readDirectory: () => [],
    createDirectory: refuse,
    writeFile: async (uri) => {
      const key = uri.toString()
      const reason = state.saving.get(key)
      state.saving.delete(key)
      const editor = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)
      const refusal = saveRefusal(editor === undefined ? undefined : { dirty: editor.isDirty }, reason)
      if (refusal !== undefined || editor === undefined) throw fileSystemError(refusal ?? { reason: "noPermissions", message: "" })
      // the text as typed, whatever encoding VS Code was told to write it in
      const result = await run(Effect.either(source.write(uri.path, editor.getText(), state.lastRead.get(uri.path))))
      state.recent.delete(uri.path) // the next stat gets the server's new updated_at
      if (Either.isLeft(result)) throw fileSystemError(result.left)
    },
    delete: refuse,
    rename: refuse
  }
}

const showQuickPick: VsCodeApi["showQuickPick"] = (entries, options) =>
    Effect.gen(function*() {
      const load = yield* Effect.fork(entries)
      const items = Runtime.runPromise(yield* Effect.runtime<never>())(Fiber.join(load)).then((list) =>
        // Quick picks render `$(icon)` syntax in all three texts: escaped, they show as typed.
        list.map(quickPickItem)
      )
      items.catch(() => undefined) // a failed load is reported below, from the fiber
      const picked = yield* withToken((token) =>
        vscode.window.showQuickPick(
          items,
          { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true },
          token
        )
      ).pipe(Effect.catchAllDefect(() => Effect.succeed(undefined)))
      const done = yield* Fiber.poll(load)
      if (Option.isSome(done) && Exit.isFailure(done.value) && !Cause.isInterruptedOnly(done.value.cause)) {
        return yield* Effect.failCause(done.value.cause)
      }
      if (picked === undefined) {
        yield* Fiber.interrupt(load) // dismissed while loading: stop the load
        return Option.none()
      }
      const list = yield* Fiber.join(load)
      return Option.fromNullable(list[picked.index]?.value)
    })

/** A view's progress bar: how many of its loads run, and how to end it. */
interface ViewBar {
  running: number
  finish: () => void
}

/** The views showing progress now. */
const viewsLoading = new Map<string, ViewBar>()

/**
 * One progress bar on a view while any of its loads runs, not one per load: expanding a tree of 200
 * organizations runs 200 member loads, and each bar is a message to VS Code's window.
 */
const withViewProgress: VsCodeApi["withViewProgress"] = (viewId, effect) =>
  around(
    () => {
      const shown = viewsLoading.get(viewId)
      if (shown !== undefined) {
        shown.running++
        return shown
      }
      // ended before VS Code ran the bar's task: the task ends at once
      let ended = false
      const bar: ViewBar = { running: 1, finish: () => void (ended = true) }
      viewsLoading.set(viewId, bar)
      void vscode.window.withProgress({ location: { viewId } }, () =>
        new Promise<void>((resolve) => {
          if (ended) resolve()
          else bar.finish = resolve
        }))
      return bar
    },
    (bar) => {
      if (--bar.running > 0) return
      viewsLoading.delete(viewId)
      bar.finish()
    },
    effect
  )

const withProgress: VsCodeApi["withProgress"] = (title, work) =>
  Effect.gen(function*() {
    const runtime = yield* Effect.runtime<never>()
    let report: (message: string) => void = () => {}
    let cancelled = false
    const fiber = yield* Effect.fork(work((message) => Effect.sync(() => report(message))))
    const shown = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: noIcons(title), cancellable: true },
      (progress, token) => {
        report = (message) => progress.report({ message: noIcons(message) })
        token.onCancellationRequested(() => {
          cancelled = true
          Runtime.runFork(runtime)(Fiber.interrupt(fiber))
        })
        return Runtime.runPromise(runtime)(Fiber.await(fiber))
      }
    )
    void shown
    const exit = yield* Fiber.await(fiber)
    if (Exit.isSuccess(exit)) return Option.some(exit.value)
    if (cancelled && Cause.isInterruptedOnly(exit.cause)) return Option.none()
    return yield* Effect.failCause(exit.cause)
  })

const readSettings: VsCodeApi["readSettings"] = Effect.sync(() => {
    const config = vscode.workspace.getConfiguration("mem0")
    return {
      // Where the key is sent: from the user's settings only, never a workspace's (Settings.userValue).
      apiBaseUrl: userValue(config.inspect<unknown>("apiBaseUrl")),
      requestTimeoutSeconds: config.get<unknown>("requestTimeoutSeconds"),
      maxRetries: config.get<unknown>("maxRetries"),
      // How often the key is sent on its own: the user's settings only, like the base URL.
      autoRefreshMinutes: userValue(config.inspect<unknown>("autoRefreshMinutes")),
      // Whether changes are allowed: the user's settings only (a workspace cannot turn it off).
      readOnly: userValue(config.inspect<unknown>("readOnly")),
      // Whether keys go to an MCP server, and where: the user's settings only.
      mcpEnabled: userValue(config.inspect<unknown>("mcp.enabled")),
      mcpServerUrl: userValue(config.inspect<unknown>("mcp.serverUrl"))
    }
  })

const settingChanges: VsCodeApi["settingChanges"] = fromListener<void>((emit) =>
    disposer(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("mem0")) emit()
    }))
  )

const registerTree: VsCodeApi["registerTree"] = (viewId, source) =>
    Effect.gen(function*() {
      type N = Parameters<typeof source.getTreeItem>[0]
      const runPromise = Runtime.runPromise(yield* Effect.runtime<never>())
      const emitter = yield* own(() => new vscode.EventEmitter<N | undefined>())
      yield* ownSync(() => source.onDidChange((node) => emitter.fire(node)), (unsubscribe) => unsubscribe())
      const view = yield* own(() =>
        vscode.window.createTreeView<N>(viewId, {
          treeDataProvider: {
            onDidChangeTreeData: emitter.event,
            getChildren: (node) => runPromise(Effect.interruptible(source.getChildren(node))).then((rows) => [...rows]),
            getTreeItem: (node) => toTreeItem(source.getTreeItem(node)),
            getParent: (node) => source.getParent(node)
          },
          showCollapseAll: true
        })
      )
      yield* ownSync(
        () =>
          source.onReveal((node, { select }) => {
            // Without `select`, shown, not taken: the person's selection and focus stay where they are.
            view.reveal(node, { select, focus: select, expand: false }).then(undefined, () => undefined)
          }),
        (unsubscribe) => unsubscribe()
      )
      return { selection: () => view.selection, visible: () => view.visible }
    })

const statusItem: VsCodeApi["statusItem"] = ({ command, id, name }) =>
    Effect.map(
      own(() => {
        const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, 0)
        item.name = name
        item.command = command
        return item
      }),
      (item) => ({
        show: (content) =>
          Effect.sync(() => {
            item.text = `$(${content.icon}) ${noIcons(content.text)}`
            item.tooltip = content.tooltip // plain text
            item.accessibilityInformation = { label: content.text }
            item.show()
          }),
        hide: Effect.sync(() => item.hide())
      })
    )

const registerDocuments: VsCodeApi["registerDocuments"] = (scheme, source) =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<never>()
      const run = <A, E>(effect: Effect.Effect<A, E>) => Runtime.runPromise(runtime)(Effect.interruptible(effect))
      const changes = yield* own(() => new vscode.EventEmitter<Array<vscode.FileChangeEvent>>())
      const state: DocumentState = { recent: new Map(), lastRead: new Map(), saving: new Map() }
      yield* own(() =>
        vscode.workspace.registerFileSystemProvider(scheme, fileSystem(source, run, changes.event, state), {
          isCaseSensitive: true
        })
      )
      // A closed document is read afresh when opened again.
      yield* own(() =>
        vscode.workspace.onDidCloseTextDocument((document) => {
          if (document.uri.scheme !== scheme) return
          state.recent.delete(document.uri.path)
          state.saving.delete(document.uri.toString())
        })
      )
      // Why each save of these documents happens: a write without an explicit save is refused.
      yield* own(() =>
        vscode.workspace.onWillSaveTextDocument((event) => {
          if (event.document.uri.scheme === scheme) state.saving.set(event.document.uri.toString(), saveReason(event.reason))
        })
      )
      return {
        changed: (paths) => {
          for (const path of paths) state.recent.delete(path)
          changes.fire(paths.map((path) => ({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.from({ scheme, path }) })))
        }
      }
    })

/** The parts of VS Code's MCP API (1.101+) used here; absent from 1.100's `vscode` module. */
interface McpApi {
  readonly registerMcpServerDefinitionProvider: (
    id: string,
    provider: {
      readonly onDidChangeMcpServerDefinitions: vscode.Event<void>
      readonly provideMcpServerDefinitions: (token: vscode.CancellationToken) => Thenable<Array<McpDefinition>>
      readonly resolveMcpServerDefinition: (server: McpDefinition, token: vscode.CancellationToken) => Thenable<McpDefinition | undefined>
    }
  ) => vscode.Disposable
  readonly McpHttpServerDefinition: new(label: string, uri: vscode.Uri, headers?: Record<string, string>, version?: string) => McpDefinition
}
interface McpDefinition {
  readonly label: string
  uri?: vscode.Uri
  headers?: Record<string, string>
  version?: string
}

/** VS Code 1.100 has the function behind an API proposal (calling it throws); 1.101 made it stable. */
const MCP_SINCE: readonly [number, number] = [1, 101]

const mcpApi = (): McpApi | undefined => {
  const [major = 0, minor = 0] = vscode.version.split(".").map((part) => Number.parseInt(part, 10))
  if (major < MCP_SINCE[0] || (major === MCP_SINCE[0] && minor < MCP_SINCE[1])) return undefined
  const api = vscode as unknown as { readonly lm?: Partial<McpApi>; readonly McpHttpServerDefinition?: McpApi["McpHttpServerDefinition"] }
  const register = api.lm?.registerMcpServerDefinitionProvider
  const Definition = api.McpHttpServerDefinition
  return typeof register === "function" && typeof Definition === "function"
    ? { registerMcpServerDefinitionProvider: register.bind(api.lm), McpHttpServerDefinition: Definition }
    : undefined
}

const registerMcpServers: VsCodeApi["registerMcpServers"] = (id, source) =>
  Effect.gen(function*() {
    const api = mcpApi()
    if (api === undefined) return Option.none()
    const runtime = yield* Effect.runtime<never>()
    const run = <A>(effect: Effect.Effect<A>) => Runtime.runPromise(runtime)(Effect.interruptible(effect))
    const changes = yield* own(() => new vscode.EventEmitter<void>())
    const provider: Parameters<McpApi["registerMcpServerDefinitionProvider"]>[1] = {
      onDidChangeMcpServerDefinitions: changes.event,
      provideMcpServerDefinitions: () =>
        run(source.provide).then((servers) =>
          servers.map((server) => new api.McpHttpServerDefinition(server.label, vscode.Uri.parse(server.url), {}, server.version))
        ),
      // the key goes in here only, read when VS Code starts the server
      resolveMcpServerDefinition: (server: McpDefinition) =>
        run(source.resolve(server.label)).then((resolved) => {
          if (Option.isNone(resolved)) return undefined
          server.uri = vscode.Uri.parse(resolved.value.url)
          server.headers = { ...resolved.value.headers }
          return server
        })
    }
    // a VS Code that has the function but refuses it (a proposal it gates) is one without the API
    const registered = yield* Effect.option(Effect.try(() => api.registerMcpServerDefinitionProvider(id, provider)))
    if (Option.isNone(registered)) return Option.none()
    yield* addRelease(Effect.sync(() => registered.value.dispose()))
    return Option.some({ changed: () => changes.fire() })
  })

const openDocument: VsCodeApi["openDocument"] = (scheme, path) =>
    Effect.tryPromise({
      try: async () => {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path }))
        await vscode.window.showTextDocument(document, { preview: true })
      },
      catch: (error) => (error instanceof Error ? error.message : String(error))
    })

/** The VS Code service of one activation, for the life of the scope. */
export const make = (context: vscode.ExtensionContext): Effect.Effect<VsCode["Type"], never, Scope.Scope> =>
    Effect.gen(function*() {
      // Effects are run with the runtime of whoever registers a command or a tree (captured then),
      // not this service's: it is built before the logger and the other services exist.
      const channel = yield* own(() => vscode.window.createOutputChannel("Mem0", { log: true }))
      // Every string shown goes through t(): from now on, VS Code's translation of it.
      const previous = setTranslator((message, args) => vscode.l10n.t(message, ...args))
      yield* addRelease(Effect.sync(() => setTranslator(previous)))

      return VsCode.of({
        showMessage: (level, message, ...actions) =>
          Effect.map(
            fromThenable(() =>
              level === "info"
                ? vscode.window.showInformationMessage(message, ...actions)
                : level === "warning"
                ? vscode.window.showWarningMessage(message, ...actions)
                : vscode.window.showErrorMessage(message, ...actions)
            ),
            Option.fromNullable
          ),
        confirm: (message, detail, action) =>
          Effect.map(
            fromThenable(() =>
              vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, action)
            ),
            (chosen) => chosen === action
          ),
        choose: (message, detail, actions) =>
          Effect.map(
            fromThenable(() =>
              vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, ...actions)
            ),
            (chosen) => Option.fromNullable(chosen !== undefined && actions.includes(chosen) ? chosen : undefined)
          ),
        showMultiPick: (entries, options) =>
          Effect.map(
            withToken((token) =>
              vscode.window.showQuickPick(
                entries.map((entry, index) => ({ ...quickPickItem(entry, index), picked: entry.picked === true })),
                { title: options.title, placeHolder: options.placeHolder, canPickMany: true },
                token
              )
            ),
            (picked) => (picked === undefined ? Option.none() : Option.some(picked.map((p) => entries[p.index]!.value)))
          ),
        showSaveDialog: (options) =>
          Effect.map(
            fromThenable(() =>
              vscode.window.showSaveDialog({
                title: options.title,
                saveLabel: options.title,
                defaultUri: vscode.Uri.file(path.join(os.homedir(), options.defaultName)),
                filters: Object.fromEntries(Object.entries(options.filters).map(([name, ext]) => [name, [...ext]]))
              })
            ),
            // a file of this machine's (the extension host's) file system only
            (uri) => Option.fromNullable(uri?.scheme === "file" ? uri.fsPath : undefined)
          ),
        withProgress,
        showInputBox: (options) =>
          Effect.map(
            withToken((token) => vscode.window.showInputBox(inputBoxOptions(options), token)),
            Option.fromNullable
          ),
        showQuickPick,
        withViewProgress,
        flash: (text) =>
          Effect.sync(() => {
            vscode.window.setStatusBarMessage(`$(check) ${noIcons(text)}`, 3000)
          }),
        writeClipboard: (text) => fromThenable(() => vscode.env.clipboard.writeText(text)),
        registerCommands: (commands) =>
          Effect.flatMap(Effect.runtime<never>(), (runtime) => {
            const run = Runtime.runPromise(runtime)
            return Effect.asVoid(
              own(() => {
                const registered: Array<vscode.Disposable> = []
                try {
                  for (const [id, handler] of commands) {
                    registered.push(
                      vscode.commands.registerCommand(id, (...args: Array<unknown>) => run(Effect.interruptible(handler(...args))))
                    )
                  }
                } catch (error) {
                  // one refused (an id already taken): the ones registered before it are let go too
                  for (const d of registered) d.dispose()
                  throw error
                }
                return vscode.Disposable.from(...registered)
              })
            )
          }),
        setContext: (key, value) => Effect.asVoid(fromThenable(() => vscode.commands.executeCommand("setContext", key, value))),
        getSecret: (key) => Effect.map(fromThenable(() => context.secrets.get(key)), Option.fromNullable),
        storeSecret: (key, value) => fromThenable(() => context.secrets.store(key, value)),
        deleteSecret: (key) => fromThenable(() => context.secrets.delete(key)),
        getState: (key) => Effect.sync(() => context.globalState.get<unknown>(key)),
        setState: (key, value) => fromThenable(() => context.globalState.update(key, value)),
        secretChanges: fromListener((emit) => disposer(context.secrets.onDidChange((e) => emit(e.key)))),
        readSettings,
        settingChanges,
        openSettings: (query) =>
          Effect.asVoid(fromThenable(() => vscode.commands.executeCommand("workbench.action.openSettings", query))),
        setUserSetting: (name, value) =>
          fromThenable(() => vscode.workspace.getConfiguration("mem0").update(name, value, vscode.ConfigurationTarget.Global)),
        openExternal: (url) => Effect.asVoid(fromThenable(() => vscode.env.openExternal(vscode.Uri.parse(url, true)))),
        executeCommand: (id, ...args) => Effect.asVoid(fromThenable(() => vscode.commands.executeCommand(id, ...args))),
        registerTree,
        statusItem,
        registerDocuments,
        registerMcpServers,
        mcpAvailable: () => mcpApi() !== undefined,
        openDocument,
        windowFocused: () => vscode.window.state.focused,
        log: {
          trace: (m) => channel.trace(m),
          debug: (m) => channel.debug(m),
          info: (m) => channel.info(m),
          warn: (m) => channel.warn(m),
          error: (m) => channel.error(m),
          show: () => channel.show(true)
        },
        env: (name) => process.env[name]
      })
    })
