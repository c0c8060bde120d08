/**
 * A hostile workspace and a hostile server against the extension: the key
 * only goes where the user's settings say, server text is shown and never
 * obeyed (no links, no icons, no control characters, no forged log lines),
 * and repeated ids never break the tree.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { organizationEntry } from "../../src/commands/Commands.js"
import { clean, logText, MAX_NAME, noIcons, visible } from "../../src/platform/Display.js"
import { checkBaseUrl, userValue } from "../../src/model/Settings.js"
import { COMMANDS } from "../../src/platform/Ids.js"
import type { OrganizationNode, TreeNode } from "../../src/tree/Rows.js"
import { activate, deactivate, server, useLocalServer } from "./harness.js"

const ORGS = "/api/v1/orgs/organizations/"
const LAB = "org_2b8d0f44a1c9e7b3"

useLocalServer()

/** The server answers the organizations list with `body` (once per fault). */
const serveOrganizations = (body: unknown, times = 1) =>
  server.faults.add({
    method: "GET",
    path: ORGS,
    faults: [{ kind: "status", status: 200, body: JSON.stringify(body), headers: { "content-type": "application/json" } }],
    times
  })

describe("a workspace cannot redirect the key", () => {
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: Array<string> }; virtualWorkspaces: boolean }
    contributes: { configuration: { properties: Record<string, { scope?: string }> } }
  }

  it("mem0.apiBaseUrl is a setting only the user's settings can set", () => {
    expect(manifest.contributes.configuration.properties["mem0.apiBaseUrl"]?.scope).toBe("application")
  })

  it("declares limited support for untrusted workspaces, with the Mem0 settings restricted, and virtual workspaces", () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe("limited")
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(
      expect.arrayContaining(["mem0.apiBaseUrl", "mem0.requestTimeoutSeconds", "mem0.maxRetries"])
    )
    expect(manifest.capabilities.virtualWorkspaces).toBe(true)
  })

  it("the base URL is read from user settings, never from a workspace or folder", () => {
    expect(userValue({ defaultValue: "https://api.mem0.ai", workspaceValue: "https://evil.example" })).toBe(
      "https://api.mem0.ai"
    )
    expect(
      userValue({
        defaultValue: "https://api.mem0.ai",
        globalValue: "http://127.0.0.1:1234",
        workspaceValue: "https://evil.example",
        workspaceFolderValue: "https://evil2.example"
      })
    ).toBe("http://127.0.0.1:1234")
    expect(userValue(undefined)).toBeUndefined()
  })
})

describe("a base URL's credentials are never repeated", () => {
  it("a URL with a password, an http one with a password, and a string that is not a URL: refused without echoing it", () => {
    for (const raw of [
      "https://user:hunter2secret@api.example.com",
      "http://ana:hunter2secret@evil.example",
      "ftp://ana:hunter2secret@evil.example",
      "https//ana:hunter2secret@:::"
    ]) {
      const result = checkBaseUrl(raw)
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left.setting).toBe("mem0.apiBaseUrl")
        expect(result.left.message).not.toContain("hunter2secret")
      }
    }
    expect(checkBaseUrl("http://evil.example/x")).toMatchObject({ left: { message: expect.stringContaining("http://evil.example") } })
    expect(checkBaseUrl("http://127.0.0.1:8080/")).toMatchObject({ _tag: "Right", right: "http://127.0.0.1:8080" })
  })
})

describe("server text is never markup", () => {
  const link = "Access denied. [Open fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)"

  it("a 403 whose message carries a command link shows fixed wording in the notification; the text goes only to the log", async () => {
    server.faults.add({
      path: ORGS,
      faults: [{ kind: "status", status: 403, body: JSON.stringify({ message: link }), headers: { "content-type": "application/json" } }]
    })
    const { fake } = await activate()
    await fake.run(COMMANDS.copyOrgId)
    const shown = fake.record.messages.at(-1)
    expect(shown?.level).toBe("error")
    expect(shown?.message).toBe("Could not load your Mem0 organizations: This API key may not list organizations (403).")
    for (const m of fake.record.messages) {
      expect(m.message).not.toMatch(/\[|\]\(|command:|Open fix/)
      for (const action of m.actions) expect(action).not.toContain("Open fix")
    }
    expect(fake.record.logs.some((l) => l.includes("Open fix"))).toBe(true)
  })

  it("error rows say fixed words; the server's text is only in the plain-text tooltip, cleaned", async () => {
    server.faults.add({
      path: ORGS,
      faults: [{
        kind: "status",
        status: 403,
        body: JSON.stringify({ message: `${link}\u202e\nsecond line` }),
        headers: { "content-type": "application/json" }
      }]
    })
    const { fake } = await activate()
    const [row] = await fake.rows()
    expect(row?.item.label).toBe("This API key may not list organizations (403)")
    expect(row?.item.description).toBe("Set API Key")
    expect(row?.item.tooltip).toContain("Open fix")
    expect(row?.item.tooltip).not.toMatch(/[\u202e]/)
    expect(row?.item.tooltip?.split("\n")[0]).toContain("second line")
  })

  it("every error type maps to fixed wording, whatever its server-provided fields say", async () => {
    const evil = "[x](command:evil) $(alert)"
    for (const [status, body] of [[400, { errors: { name: [evil] } }], [418, evil], [500, { message: evil }]] as const) {
      server.reset()
      server.faults.add({ path: ORGS, faults: [{ kind: "status", status, body: JSON.stringify(body) }] })
      const { fake } = await activate()
      const [row] = await fake.rows()
      expect(row?.item.label).not.toContain("command:")
      expect(row?.item.label).not.toContain("$(")
      expect(row?.item.description ?? "").not.toContain("command:")
      await deactivate()
    }
  })
})

/** Control characters (C0, DEL, C1) and bidi controls; built from code points so the source holds none. */
const UNSAFE = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}\u007f-\u009f\u202a-\u202e\u2066-\u2069]`)

describe("names from the server are shown, not obeyed", () => {
  const hostileName = `Acme\u202eevil\u2066 \u0007bell\u0000nul\u009b[31m\nnext line $(alert) ${"x".repeat(300)}`

  it("labels, descriptions and tooltips drop control and bidi characters; long names are cut at 200 with an ellipsis", async () => {
    serveOrganizations([{ org_id: "org_hostile", name: hostileName, user_role: "OWNER\u202e$(zap)" }])
    const { fake } = await activate()
    const [row] = await fake.rows()
    const item = row!.item
    expect(item.label).not.toMatch(UNSAFE)
    expect(item.label.length).toBe(MAX_NAME)
    expect(item.label.endsWith("…")).toBe(true)
    expect(item.label.startsWith("Acmeevil bellnul[31m next line $(alert) xx")).toBe(true)
    expect(item.description).not.toMatch(/[\u202e]/)
    // the whole name, cleaned, in the tooltip
    expect(item.tooltip).toContain(clean(hostileName))
    // line breaks of the tooltip's own layout only
    for (const line of item.tooltip!.split("\n")) expect(line).not.toMatch(UNSAFE)
  })

  it("quick-pick entries and copy confirmations are cleaned and cut, invisible characters escaped in picks; icon syntax is escaped where VS Code renders it", async () => {
    serveOrganizations([{ org_id: "org_$(zap)\u202e", name: hostileName }], 2)
    const { fake } = await activate()
    fake.script.quickPick.push(() => 0)
    await fake.run(COMMANDS.copyOrgId)
    const pick = fake.record.quickPicks.at(-1)
    const entries = pick?.entries
    if (!Array.isArray(entries)) throw new Error("no quick pick entries")
    // controls and line breaks gone, bidi shown as escapes (a pick is where rows are told apart)
    expect(entries[0]?.label).toBe(visible(hostileName))
    expect(entries[0]?.label).not.toMatch(UNSAFE)
    expect(entries[0]?.description).toBe("org_$(zap)\\u202e")
    // the clipboard gets the id as sent; the confirmation shows it cleaned
    expect(fake.record.clipboard).toEqual(["org_$(zap)\u202e"])
    expect(fake.record.flashes.at(-1)).toBe("Copied org_id: org_$(zap)")
    // the bridge escapes icon syntax in quick picks and the status bar
    expect(noIcons("org_$(zap)")).toBe("org_\\$(zap)")
    // in a pick, where a person tells rows apart, invisible characters show as escapes
    expect(organizationEntry({ org_id: "o", name: "n\u202e" } as never).label).toBe("n\\u202e")
  })

  it("a newline in a server string never starts a new log line", async () => {
    const orgId = "org_x\n2026-11-29 12:00:00.000 [error] forged entry"
    serveOrganizations([{ org_id: orgId, name: "Forger" }])
    const { fake } = await activate()
    const [row] = await fake.rows()
    await fake.rows(row!.node) // its members fail (no such org): the failure is logged, naming the org_id
    const failure = fake.record.logs.find((l) => l.includes("failed"))
    expect(failure).toContain("org_x\\n2026-11-29")
    for (const line of fake.record.logs) {
      expect(line).not.toContain("\n2026")
      expect(line.split("\n").every((part, i) => i === 0 || part.startsWith("    "))).toBe(true)
    }
    expect(logText("a\nb\u202ec")).toBe("a\\nb\\u202ec")
  })
})

describe("repeated ids never break the tree", () => {
  it("two organizations with one org_id are both shown with unique row ids; the repeat is logged once", async () => {
    serveOrganizations([
      { org_id: LAB, name: "First" },
      { org_id: LAB, name: "Second" },
      { org_id: "org/a/member/b", name: "Slashes" }
    ], 2)
    const { fake, memberRows } = await activate()
    const rows = await fake.rows()
    expect(rows.map((r) => r.item.label)).toEqual(["First", "Second", "Slashes"])
    const ids = rows.map((r) => r.item.id)
    expect(new Set(ids).size).toBe(3)
    // both expand (to the same members), with row ids of their own
    const first = await memberRows(rows[0]!.node)
    const second = await memberRows(rows[1]!.node)
    expect(first.length).toBeGreaterThan(0)
    expect(second.map((r) => r.item.label)).toEqual(first.map((r) => r.item.label))
    await fake.run(COMMANDS.refresh)
    await fake.rows()
    expect(fake.record.logs.filter((l) => l.includes("more than once"))).toHaveLength(1)
  })

  it("two members with one user_id are both shown", async () => {
    server.faults.add({
      path: `${ORGS}${LAB}/members/`,
      faults: [{
        kind: "status",
        status: 200,
        body: JSON.stringify({
          members: [{ user_id: "bo", role: "OWNER", email: "bo@a.example" }, { user_id: "bo", role: "READER", email: "bo@b.example" }]
        })
      }],
      times: 10
    })
    const { fake, memberRows } = await activate()
    const lab = (await fake.rows()).find((r) => r.node._tag === "Organization" && r.node.org.org_id === LAB)!
      .node as OrganizationNode
    const members = await memberRows(lab as TreeNode)
    expect(members.map((r) => r.item.label)).toEqual(["bo@a.example", "bo@b.example"])
    expect(new Set(members.map((r) => r.item.id)).size).toBe(2)
    expect(fake.record.logs.filter((l) => l.includes("user_id") && l.includes("more than once"))).toHaveLength(1)
  })
})
