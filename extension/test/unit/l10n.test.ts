/**
 * Localizable: every string the extension shows goes through t() (so
 * `vscode.l10n.t`), and the bundle of messages is up to date. The runtime
 * check runs the commands under a pseudo-locale that brackets every
 * translated string, and looks at what a person would see: any of our words
 * outside brackets bypassed t(). Data (names, ids, emails, roles from the
 * server, numbers) is exempt.
 */
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { COMMANDS } from "../../src/platform/Ids.js"
import { format, setTranslator } from "../../src/platform/L10n.js"
import type { TreeNode } from "../../src/tree/Rows.js"
import { activate, type Activated, server, useLocalServer } from "./harness.js"

useLocalServer()

const root = fileURLToPath(new URL("../..", import.meta.url))
const OPEN = "⟪"
const CLOSE = "⟫"

let previous: ReturnType<typeof setTranslator> | undefined
beforeEach(() => {
  previous = setTranslator((message, args) => `${OPEN}${format(message, args)}${CLOSE}`)
})
afterEach(() => {
  if (previous !== undefined) setTranslator(previous)
})

/** What is left of a shown text once the translated parts and the data are taken out. */
const untranslated = (text: string, data: ReadonlyArray<string>): string => {
  let rest = text
  // innermost first: a translated string may hold another as an argument
  for (let i = 0; i < 10 && rest.includes(OPEN); i++) rest = rest.replace(/⟪[^⟪⟫]*⟫/g, " ")
  for (const d of [...data].sort((a, b) => b.length - a.length)) if (d !== "") rest = rest.split(d).join(" ")
  rest = rest.replace(/\b(org|proj)_[0-9a-f]+\b/g, " ")
  return rest.replace(/[\s\d·:.,()/"'…?!@_-]+/g, "").replace(/^(Mem0|m0)+$/, "")
}

/** Every string the server can send for ana (names, ids, emails, roles), and values the extension copies. */
const data = [
  "Personal", "Zürich Lab 研究所", "Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days)",
  "Empty sandbox 🧪", "Support bot memories", "Default project", "Research notes", "Lab notebook 実験ノート",
  "Production assistant", "Staging", "ana@example.com", "bo@zurich.example", "cy@example.org", "dee@zurich.example",
  "eli@example.net", "ana", "eli", "bo", "owner", "reader", "OWNER", "READER", "pro", "free",
  "Acme Customer Support Memory Platform", "What the support assistant remembers about customers.", "high", "Mem0", "MEM0_ORG_ID",
  "MEM0_PROJECT_ID", "org_id", "project_id", "user_id", "user_email", "email", "API", "name@example.com", "m0-", "Research"
]

/** The texts shown, with what is data among them (an error row's detail is the core's message, as it came). */
const shownTexts = async (ext: Activated, extraData: Array<string>) => {
  const record = ext.fake.record
  const tree = ext.fake.tree()
  const texts: Array<[string, string]> = []
  const add = (where: string, text: string | undefined) => {
    if (text !== undefined) texts.push([where, text])
  }
  for (const m of record.messages) {
    add("message", m.message)
    m.actions.forEach((a) => add("message action", a))
  }
  for (const box of record.inputBoxes) {
    add("input title", box.title)
    add("input prompt", box.prompt)
    if (box.placeHolder !== "m0-…" && box.placeHolder !== "name@example.com") add("input placeholder", box.placeHolder)
    add("input validation", box.validate?.(""))
    add("input validation", box.validate?.("a b/\u0001"))
  }
  for (const pick of record.quickPicks) {
    add("pick title", pick.title)
    if (Array.isArray(pick.entries)) {
      for (const e of pick.entries) {
        add("pick entry detail", e.detail)
        add("pick entry description", e.description)
      }
    }
  }
  record.flashes.forEach((f) => add("flash", f))
  for (const c of record.confirms) {
    add("confirm", c.message)
    add("confirm detail", c.detail)
    add("confirm action", c.action)
  }
  if (record.status !== "hidden") add("status tooltip", record.status.tooltip)
  const visit = async (node: TreeNode | undefined, depth: number): Promise<void> => {
    for (const row of await ext.fake.rows(node)) {
      const item = tree.getTreeItem(row.node)
      if (row.node._tag === "Error") extraData.push(row.node.detail)
      // what the server sent of an organization or a project is data
      if (row.node._tag === "Organization" || row.node._tag === "Project") {
        const model = row.node._tag === "Project" ? row.node.project : row.node.org
        for (const value of Object.values(model)) if (typeof value === "string") extraData.push(value)
      }
      if (row.node._tag === "Member" || row.node._tag === "ProjectMember") {
        for (const value of Object.values(row.node.member)) if (typeof value === "string") extraData.push(value)
      }
      if (row.node._tag === "Group" || row.node._tag === "Message" || row.node._tag === "Error") add(`${row.node._tag} label`, item.label)
      add(`${row.node._tag} description`, item.description)
      add(`${row.node._tag} tooltip`, item.tooltip)
      if (depth < 3 && item.collapsible !== "none") await visit(row.node, depth + 1)
    }
  }
  await visit(undefined, 0)
  return texts
}

describe("localizable", () => {
  it("every string shown, in the tree, notifications, boxes, picks, modals and the status bar, goes through t()", async () => {
    const ext = await activate()
    await ext.rows()
    await ext.keyProject()
    // a tour of the commands: copies, owner actions (some refused), keys, failures
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.copyOrgId)
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.copyOrgAndProjectId)
    ext.fake.script.inputBox.push("Research")
    await ext.command(COMMANDS.newOrganization)
    await ext.command(COMMANDS.deleteOrganization)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.label.startsWith("Acme")), () => 1, () => 1)
    await ext.command(COMMANDS.changeMemberRole)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.label.startsWith("Acme")), () => 2)
    ext.fake.script.confirm.push(false)
    await ext.command(COMMANDS.removeMember)
    ext.fake.script.inputBox.push("new@example.com")
    ext.fake.script.quickPick.push(() => 0, () => 0)
    await ext.command(COMMANDS.inviteMember)
    server.faults.add({ method: "POST", faults: [{ kind: "status", status: 500 }] })
    ext.fake.script.inputBox.push("Broken")
    await ext.command(COMMANDS.newOrganization)
    ext.fake.script.inputBox.push("work", "m0-demo-bo-00000000000000000")
    await ext.command(COMMANDS.addKey)
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.switchKey)
    await ext.command(COMMANDS.removeKey)
    await ext.command(COMMANDS.whoAmI)
    await ext.command(COMMANDS.copyProjectId, { _tag: "nothing" })
    // a list that fails under its group (Retry), then the whole tree (Set API Key)
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.switchKey)
    server.faults.add({ path: "/api/v1/orgs/organizations/org_7f3a9c1e5d2b4a60/members/", faults: [{ kind: "status", status: 403 }], times: 5 })
    await ext.command(COMMANDS.refresh)
    const errorDetails: Array<string> = []
    const before = await shownTexts(ext, errorDetails)
    server.faults.add({ path: "/api/v1/orgs/organizations/*", faults: [{ kind: "status", status: 403 }], times: 20 })
    await ext.command(COMMANDS.refresh)
    await ext.keyProject()

    const texts = [...before, ...(await shownTexts(ext, errorDetails))]
    expect(texts.map(([, text]) => text)).toContain("⟪Retry⟫")
    expect(texts.length).toBeGreaterThan(60)
    const bypassed = texts
      .map(([where, text]) => [where, text, untranslated(text, [...data, ...errorDetails])] as const)
      .filter(([, , rest]) => rest !== "")
    expect(bypassed.map(([where, text]) => `${where}: ${text}`)).toEqual([])
  })

  it("the bundle of messages (l10n/bundle.l10n.json) lists every message given to t()", () => {
    expect(() => execFileSync("node", ["scripts/l10n-bundle.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow()
  })
})
