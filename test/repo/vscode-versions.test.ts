/**
 * The VS Code versions the end-to-end suite runs in are pinned once, in scripts/ensure-code-server.sh
 * (OLDEST, NEWEST). What the documentation says about them must follow a bump of that one line.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, "utf8")
const pin = (name: string) => {
  const value = new RegExp(`^${name}="(\\d+\\.\\d+\\.\\d+)"`, "m").exec(read("scripts/ensure-code-server.sh"))?.[1]
  if (value === undefined) throw new Error(`no ${name}= line in scripts/ensure-code-server.sh`)
  return value
}
/** code-server 4.X.Y is VS Code 1.X.Y. */
const vscodeOf = (codeServer: string) => codeServer.replace(/^4\./, "1.")

describe("the tested VS Code versions", () => {
  it("README and the extension's README name the pinned oldest and newest", () => {
    const oldest = pin("OLDEST")
    const newest = pin("NEWEST")
    const readme = read("README.md")
    expect(readme).toContain(`VS Code ${vscodeOf(oldest)} (code-server ${oldest}`)
    expect(readme).toContain(`VS Code ${vscodeOf(newest)} (code-server ${newest}`)
    expect(read("extension/README.md")).toContain(`${vscodeOf(oldest)} (the oldest it supports) and ${vscodeOf(newest)} (code-server ${newest}`)
    // the oldest is the one engines.vscode allows
    const engines = (JSON.parse(read("extension/package.json")) as { engines: { vscode: string } }).engines.vscode
    expect(engines).toBe(`^${vscodeOf(oldest).replace(/\.\d+$/, ".0")}`)
  })
})
