/**
 * A real VS Code (code-server) on 127.0.0.1 with the packaged extension
 * installed into a fresh profile: the oldest VS Code the extension claims
 * (code-server 4.100.3 = VS Code 1.100.3) or the newest code-server on npm
 * (pinned in scripts/ensure-code-server.sh, on the Node it needs). Used by the
 * end-to-end suite and by the demo. Every process it starts is stopped by `stop()`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url))
export const VSIX = join(ROOT, "extension/dist/mem0-organizations.vsix")

/** Which VS Code: the oldest `engines.vscode` allows, or the newest code-server pinned. */
export type VsCodeChoice = "oldest" | "newest"

/**
 * The VS Code a run asks for in `MEM0_VSCODE` (`oldest` or `newest`); `fallback` when unset.
 * Anything else is refused, so a typo never silently tests the other version.
 */
export const vscodeChoice = (fallback: VsCodeChoice): VsCodeChoice => {
  const value = process.env["MEM0_VSCODE"]
  if (value === undefined || value === "") return fallback
  if (value === "oldest" || value === "newest") return value
  throw new Error(`MEM0_VSCODE must be "oldest" or "newest", not ${JSON.stringify(value)}`)
}

/** Installs code-server if needed (cached under .cache/) and returns its launcher. */
export const ensureCodeServer = (vscode: VsCodeChoice): string =>
  execFileSync("bash", [join(ROOT, "scripts/ensure-code-server.sh"), vscode], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"]
  })
    .trim()
    .split("\n")
    .at(-1)!

/** The versions a choice runs: code-server's, and the VS Code inside it (installs it if needed). */
export const codeServerVersions = (vscode: VsCodeChoice): { readonly codeServer: string; readonly vscode: string } => {
  const packageDir = join(dirname(ensureCodeServer(vscode)), "node_modules/code-server")
  const version = (file: string): string => (JSON.parse(readFileSync(join(packageDir, file), "utf8")) as { version: string }).version
  return { codeServer: version("package.json"), vscode: version("lib/vscode/package.json") }
}

/** Builds and packages the extension; returns the .vsix path. */
export const packageExtension = (): string => {
  execFileSync("pnpm", ["--filter", "mem0-organizations", "run", "package"], { cwd: ROOT, stdio: "pipe" })
  return VSIX
}

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export interface WorkbenchOptions {
  readonly vsix: string
  readonly vscode: VsCodeChoice
  /** User settings (settings.json). */
  readonly settings: Record<string, unknown>
  /** Environment of code-server and so of the extension host (e.g. MEM0_API_KEY for the demo). */
  readonly env?: Record<string, string>
  readonly port?: number
  /** Settings of the opened folder (`.vscode/settings.json`), as a cloned repository may bring. */
  readonly workspaceSettings?: Record<string, unknown>
  /**
   * Workspace trust: `off` (the default) turns the feature off, so every folder is trusted;
   * `untrusted` turns it on and opens the folder untrusted, in Restricted Mode, without asking.
   */
  readonly trust?: "off" | "untrusted"
  /**
   * A password the page asks for (code-server's `--auth password`); none (`--auth none`) when absent,
   * as the tests' own browser needs. The demo always sets one.
   */
  readonly password?: string
  /** Keep code-server's output on this process's stdout. */
  readonly verbose?: boolean
}

export interface Workbench {
  /** The workbench URL, with the workspace folder opened. */
  readonly url: string
  readonly userDataDir: string
  /** The extension's log channel ("Mem0"), as written so far. */
  readonly extensionLog: () => string
  /** code-server's own output so far. */
  readonly output: () => string
  readonly stop: () => Promise<void>
}

const findFiles = (dir: string, name: string): Array<string> => {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? findFiles(path, name) : entry === name ? [path] : []
  })
}

const waitForHttp = async (url: string, child: ChildProcess, output: () => string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`)
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) })
      if (res.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${output()}`)
}

/** Starts code-server with the extension installed in a fresh profile. */
export const startWorkbench = async (options: WorkbenchOptions): Promise<Workbench> => {
  const codeServer = ensureCodeServer(options.vscode)
  const base = mkdtempSync(join(tmpdir(), "mem0-workbench-"))
  const userDataDir = join(base, "user-data")
  const extensionsDir = join(base, "extensions")
  const workspace = join(base, "workspace")
  for (const dir of [userDataDir, extensionsDir, workspace, join(userDataDir, "User"), join(base, "config")]) {
    mkdirSync(dir, { recursive: true })
  }
  writeFileSync(join(workspace, "README.md"), "# Mem0 demo workspace\n")
  if (options.workspaceSettings !== undefined) {
    mkdirSync(join(workspace, ".vscode"), { recursive: true })
    writeFileSync(join(workspace, ".vscode/settings.json"), JSON.stringify(options.workspaceSettings, null, 2))
  }
  const untrusted = options.trust === "untrusted"
  writeFileSync(
    join(userDataDir, "User/settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.welcomePage.walkthroughs.openOnInstall": false,
        "security.workspace.trust.enabled": untrusted,
        ...(untrusted ? { "security.workspace.trust.startupPrompt": "never", "security.workspace.trust.banner": "always" } : {}),
        "extensions.ignoreRecommendations": true,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "workbench.enableExperiments": false,
        "npm.fetchOnlinePackageInfo": false,
        "chat.commandCenter.enabled": false,
        // newer VS Code opens Chat in the secondary side bar at start: the tests and the demo are about the extension
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        ...options.settings
      },
      null,
      2
    )
  )
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(base, "config"),
    XDG_DATA_HOME: join(base, "data"),
    // Nothing leaves this machine: the extension gallery is pointed at a closed loopback port.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: "http://127.0.0.1:9/gallery",
      itemUrl: "http://127.0.0.1:9/items",
      resourceUrlTemplate: "http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}"
    }),
    ...options.env,
    ...(options.password === undefined ? {} : { PASSWORD: options.password })
  }
  execFileSync(
    codeServer,
    ["--install-extension", options.vsix, "--extensions-dir", extensionsDir, "--user-data-dir", userDataDir],
    { env, stdio: "pipe" }
  )
  const port = options.port ?? (await freePort())
  let output = ""
  const child = spawn(
    codeServer,
    [
      "--auth",
      options.password === undefined ? "none" : "password",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      ...(untrusted ? [] : ["--disable-workspace-trust"]),
      "--disable-getting-started-override",
      "--user-data-dir",
      userDataDir,
      "--extensions-dir",
      extensionsDir,
      workspace
    ],
    { env, detached: true, stdio: ["ignore", "pipe", "pipe"] }
  )
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    if (options.verbose) process.stdout.write(chunk)
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
      const exited = new Promise((resolve) => child.once("exit", resolve))
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {
          // already gone
        }
      }, 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(base, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, () => output, 60_000)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url,
    userDataDir,
    extensionLog: () => findFiles(join(userDataDir, "logs"), "Mem0.log").map((f) => readFileSync(f, "utf8")).join("\n"),
    output: () => output,
    stop
  }
}
