/**
 * The README's first command: the demo starts the local server and VS Code,
 * prints a URL that serves the workbench and the demo key, and stops
 * everything on Ctrl-C (SIGINT), exiting 0 with both ports closed.
 */
import { describe, expect, it } from "@effect/vitest"
import { DEMO_KEY } from "mem0-local-server"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { join } from "node:path"
import { ROOT, vscodeChoice } from "@mem0-organizations/workbench/workbench"

const reachable = (url: string) =>
  fetch(url, { redirect: "manual", signal: AbortSignal.timeout(3000) }).then(
    (res) => res.status,
    () => "unreachable"
  )

// the demo runs the newest VS Code unless MEM0_VSCODE says otherwise; this run tests the one the suite runs in
describe(`npm run demo (VS Code ${vscodeChoice("oldest")})`, () => {
  it("serves VS Code and the local server, then stops cleanly on Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/demo.ts")], {
      cwd: ROOT,
      env: { ...process.env, MEM0_VSCODE: vscodeChoice("oldest") },
      stdio: ["ignore", "pipe", "pipe"],
      // a process group of its own, so that a failed run can stop all of it (below)
      detached: true
    })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()))
    try {
      const deadline = Date.now() + 120_000
      while (!out.includes("Press Ctrl-C") && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(out).toContain("Mem0 demo is running.")
      expect(out).toContain(`Demo API key (already set): ${DEMO_KEY}`)
      const vscodeUrl = /Open VS Code:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)?.[1]
      const serverUrl = /Local Mem0 server: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      expect(vscodeUrl).toBeDefined()
      expect(serverUrl).toBeDefined()
      // 127.0.0.1 only, behind the printed password: without it, the login page; with it, the workbench
      const password = /Password:\s+(\S+)/.exec(out)?.[1]
      expect(password).toMatch(/^[\w-]{20,}$/)
      const origin = new URL(vscodeUrl!).origin
      // a bound for a hang, not a speed check: code-server's first pages can take seconds on a busy machine
      const signal = () => AbortSignal.timeout(30_000)
      const anonymous = await fetch(vscodeUrl!, { redirect: "manual", signal: signal() })
      expect(anonymous.status).toBe(302)
      expect(anonymous.headers.get("location")).toMatch(/login/)
      const wrong = await fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "password=wrong",
        signal: signal()
      })
      expect(wrong.headers.get("set-cookie") ?? "").not.toContain("code-server-session")
      const login = await fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `password=${encodeURIComponent(password!)}`,
        signal: signal()
      })
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!
      expect(cookie).toContain("code-server-session")
      const page = await fetch(vscodeUrl!, { headers: { cookie }, redirect: "manual", signal: signal() })
      expect(page.status).toBe(200)
      expect(out).toContain("Restricted Mode")
      const orgs = await fetch(`${serverUrl}/api/v1/orgs/organizations/`, {
        headers: { authorization: `Token ${DEMO_KEY}` },
        signal: signal()
      })
      expect(orgs.status).toBe(200)

      child.kill("SIGINT")
      const [code] = (await once(child, "exit")) as [number | null]
      expect(code).toBe(0)
      expect(out).toContain("Stopped.")
      expect(await reachable(vscodeUrl!)).toBe("unreachable")
      expect(await reachable(`${serverUrl}/api/v1/orgs/organizations/`)).toBe("unreachable")
    } finally {
      // A run that failed before its Ctrl-C: the demo is asked to stop as Ctrl-C asks (it stops its VS Code and
      // server; SIGKILL alone left its VS Code running beside the next suite), and what is left of its process
      // group after 15 s is killed.
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = once(child, "exit")
        process.kill(-child.pid, "SIGINT")
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch {
          // the group has ended
        }
      }
    }
  }, 180_000)
})
