/**
 * The demo (README: `npm run demo`): the local Mem0 server with the demo data,
 * and VS Code (the newest code-server pinned; MEM0_VSCODE=oldest for VS Code 1.100) on 127.0.0.1 only with the packaged
 * extension installed and the demo key already set (as MEM0_API_KEY, the
 * extension's documented fallback). The page asks for a random password,
 * printed with the URL, so another user of the machine (or a forwarded port)
 * cannot drive it; workspace trust stays on (the demo folder opens in
 * Restricted Mode, where the extension works as it does anywhere).
 * Ctrl-C stops everything.
 *
 * DEMO_PORT picks the VS Code port (default: a free one); MEM0_LOCAL_PORT the server's.
 */
import { DEMO_KEY, startLocalServer } from "mem0-local-server"
import { randomBytes } from "node:crypto"
import { packageExtension, startWorkbench, vscodeChoice } from "@mem0-organizations/workbench/workbench"

const port = (name: string): number | undefined => {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, not ${raw}`)
  return n
}

console.log("Building and packaging the extension…")
const vsix = packageExtension()
const server = await startLocalServer({ port: port("MEM0_LOCAL_PORT") ?? 0, log: (line) => console.log(`[mem0 server] ${line}`) })
console.log(`Local Mem0 server: ${server.url}`)
console.log("Starting VS Code (code-server) with the extension…")
const vsCodePort = port("DEMO_PORT")
const password = randomBytes(18).toString("base64url")
const workbench = await startWorkbench({
  vsix,
  vscode: vscodeChoice("newest"),
  settings: { "mem0.apiBaseUrl": server.url },
  env: { MEM0_API_KEY: DEMO_KEY },
  password,
  trust: "untrusted",
  ...(vsCodePort === undefined ? {} : { port: vsCodePort })
}).catch(async (error: unknown) => {
  await server.close()
  throw error
})

console.log(`
  Mem0 demo is running.

  Open VS Code:  ${workbench.url}
  Password:      ${password}
  Then click the Mem0 icon in the activity bar: your organizations and their members.
  (VS Code listens on 127.0.0.1 only; the folder opens in Restricted Mode, workspace trust on.)

  Demo API key (already set): ${DEMO_KEY}
  Faults and request log:     ${server.url}/__admin/  (see packages/mem0-local-server/README.md)

  Press Ctrl-C to stop.
`)

let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping VS Code and the local server…`)
  await workbench.stop()
  await server.close()
  console.log("Stopped.")
  process.exit(0)
}
process.on("SIGINT", () => void stop("SIGINT"))
process.on("SIGTERM", () => void stop("SIGTERM"))
