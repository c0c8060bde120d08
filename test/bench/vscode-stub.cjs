// A stand-in for the `vscode` module, enough for the extension's activate() to
// run in a plain Node process (benchmark 4). It records nothing but counts.
class Disposable {
  constructor(fn = () => {}) { this.fn = fn }
  dispose() { this.fn() }
  static from(...disposables) { return new Disposable(() => { for (const d of disposables) d.dispose() }) }
}
class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (l) => { this.listeners.add(l); return new Disposable(() => this.listeners.delete(l)) } }
  fire(e) { for (const l of this.listeners) l(e) }
  dispose() { this.listeners.clear() }
}
class TreeItem { constructor(label, state) { this.label = label; this.collapsibleState = state } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color } }
class ThemeColor { constructor(id) { this.id = id } }
class MarkdownString { constructor(value) { this.value = value } }
class CancellationTokenSource {
  constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: () => new Disposable() } }
  cancel() { this.token.isCancellationRequested = true }
  dispose() {}
}
const channel = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, show() {}, dispose() {} }
const stats = (globalThis.__vscodeStub = { commands: 0, views: 0, fileSystems: 0, statusItems: 0 })
const statusItem = { text: "", show() {}, hide() {}, dispose() {} }
module.exports = {
  Disposable, EventEmitter, TreeItem, ThemeIcon, ThemeColor, MarkdownString, CancellationTokenSource,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  FileType: { File: 1, Directory: 2 },
  FilePermission: { Readonly: 1 },
  FileChangeType: { Changed: 1 },
  ConfigurationTarget: { Global: 1 },
  window: {
    createOutputChannel: () => channel,
    createTreeView: () => { stats.views++; return { selection: [], dispose() {} } },
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    showInputBox: async () => undefined,
    showQuickPick: async () => undefined,
    withProgress: (_o, task) => task({ report() {} }, new CancellationTokenSource().token),
    setStatusBarMessage: () => new Disposable(),
    createStatusBarItem: () => { stats.statusItems++; return statusItem }
  },
  commands: {
    registerCommand: () => { stats.commands++; return new Disposable() },
    executeCommand: async () => undefined
  },
  workspace: {
    getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }),
    onDidChangeConfiguration: () => new Disposable(),
    onWillSaveTextDocument: () => new Disposable(),
    onDidCloseTextDocument: () => new Disposable(),
    textDocuments: [],
    registerFileSystemProvider: () => { stats.fileSystems++; return new Disposable() }
  },
  l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (w, i) => String(args[i] ?? w)) },
  env: { clipboard: { writeText: async () => undefined, readText: async () => "" } }
}
