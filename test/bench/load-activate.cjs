// Run in a fresh Node process: loads a bundle with `vscode` stubbed, runs
// activate(), and prints JSON: time to load, time to activate, network calls.
// Usage: node load-activate.cjs BUNDLE [STORAGE]   (STORAGE: the extension's global storage folder, where
// its loader keeps V8's code cache; without it, none)
const t0 = performance.now()
const Module = require("node:module")
const net = require("node:net")
const path = require("node:path")
const stub = path.join(__dirname, "vscode-stub.cjs")
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === "vscode" ? stub : resolve.call(this, request, ...rest)
}
let network = 0
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) { network++; return connect.apply(this, args) }
const realFetch = globalThis.fetch
globalThis.fetch = (...args) => { network++; return realFetch(...args) }

const bundle = require(path.resolve(process.argv[2]))
const loaded = performance.now()
const secrets = new Map()
const context = {
  subscriptions: [],
  ...(process.argv[3] === undefined ? {} : { globalStorageUri: { fsPath: path.resolve(process.argv[3]) } }),
  secrets: { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k), onDidChange: () => ({ dispose() {} }) }
}
Promise.resolve(bundle.activate(context)).then(async () => {
  const activated = performance.now()
  // give any stray request a moment to start, so it would be counted
  await new Promise((r) => setTimeout(r, 50))
  process.stdout.write(JSON.stringify({ loadMs: loaded - t0, activateMs: activated - loaded, network, stub: globalThis.__vscodeStub }))
  await bundle.deactivate?.()
  process.exit(0)
}, (error) => { console.error(error); process.exit(1) })
