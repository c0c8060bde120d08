/**
 * The README's example program runs as printed: against the local server
 * through MEM0_API_KEY and MEM0_BASE_URL, it prints the caller's
 * organizations; with a rejected key it logs the handled error.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { DEMO_KEY, type LocalServer, startLocalServer } from "mem0-local-server"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const example = fileURLToPath(new URL("../examples/list-organizations.ts", import.meta.url))
const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8")
let server: LocalServer

beforeAll(async () => {
  server = await startLocalServer({ port: 0 })
})
afterAll(() => server.close())

const runExample = (key: string | undefined) => {
  const { MEM0_API_KEY: _ignored, ...env } = process.env
  return promisify(execFile)(process.execPath, ["--import", "tsx", example], {
    env: { ...env, MEM0_BASE_URL: server.url, ...(key === undefined ? {} : { MEM0_API_KEY: key }) },
    timeout: 20_000
  })
}

describe("the README's example program", () => {
  it("is the program printed in the README", () => {
    const code = readFileSync(example, "utf8").split("\n").slice(1).join("\n")
    expect(readme).toContain(code)
  })

  it("prints the caller's organizations", async () => {
    const { stdout } = await runExample(DEMO_KEY)
    expect(stdout.trim().split("\n")).toEqual([
      "org_7f3a9c1e5d2b4a60  Personal  OWNER",
      "org_2b8d0f44a1c9e7b3  Zürich Lab 研究所  READER",
      "org_c4e1a9f07b3d5e28  Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days)  OWNER",
      "org_0e9d8c7b6a5f4e3d  Empty sandbox 🧪  OWNER"
    ])
  }, 30_000)

  it("handles a rejected key with its catchTag branch", async () => {
    const { stdout, stderr } = await runExample("m0-revoked")
    expect(`${stdout}${stderr}`).toContain("The API key was rejected.")
    expect(`${stdout}${stderr}`).not.toContain("m0-revoked")
  }, 30_000)

  it("says which setting is missing, and exits 1, without a key", async () => {
    const failed = await runExample(undefined).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error
    )
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toContain("MEM0_API_KEY is not set")
  }, 30_000)
})
