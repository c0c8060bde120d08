// Runs the integration suite (Mocha inside a real VS Code Extension Development
// Host, through @vscode/test-electron) against the local Mem0 server.
//
// VS Code cannot be downloaded on these machines, so a local executable is
// required:  VSCODE_EXECUTABLE=/path/to/code pnpm --filter mem0-organizations test:integration
//        or  node scripts/run-integration.mjs --vscode /path/to/code
// Without one, it says plainly that it did not run (real VS Code is covered by
// the end-to-end suite under test/e2e, which drives code-server).
import { runTests } from "@vscode/test-electron"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { spawnSync } from "node:child_process"

const flag = process.argv.indexOf("--vscode")
const executable = flag >= 0 ? process.argv[flag + 1] : process.env.VSCODE_EXECUTABLE
if (!executable) {
  console.log(
    "Integration suite NOT RUN: desktop VS Code cannot be downloaded here and none was given (VSCODE_EXECUTABLE or --vscode PATH); " +
      "the end-to-end suite (test/e2e) runs the extension in the oldest and the newest VS Code (code-server, scripts/ensure-code-server.sh)."
  )
  process.exit(0)
}

const root = fileURLToPath(new URL("..", import.meta.url))
const build = spawnSync("node", ["scripts/build.mjs"], { cwd: root, stdio: "inherit" })
if (build.status !== 0) process.exit(build.status ?? 1)

const { startLocalServer, DEMO_KEY } = await import("mem0-local-server")
const server = await startLocalServer({ port: 0 })
const scratch = mkdtempSync(join(tmpdir(), "mem0-int-"))
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, "test/integration/index.cjs"),
    launchArgs: [scratch, "--disable-extensions", "--user-data-dir", join(scratch, "user"), "--disable-workspace-trust"],
    extensionTestsEnv: { MEM0_LOCAL_URL: server.url, MEM0_DEMO_KEY: DEMO_KEY }
  })
  console.log("Integration suite passed.")
} catch (error) {
  console.error("Integration suite failed:", error)
  process.exitCode = 1
} finally {
  await server.close()
  rmSync(scratch, { recursive: true, force: true })
}
