/**
 * Owner actions from the tree and the palette (fake VS Code, real local
 * server): what is asked, what is sent, what reloads, what is selected, and
 * what a refusal looks like. Custom instructions and categories as documents.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { COMMANDS, CONTEXT_VALUES } from "../../src/platform/Ids.js"
import { documentPath, FILES, parseCategories } from "../../src/documents/ProjectDocuments.js"
import { emailProblem, nameProblem } from "../../src/commands/OwnerActions.js"
import type { GroupNode, ProjectNode, TreeNode } from "../../src/tree/Rows.js"
import { activate, type Activated, server, useLocalServer } from "./harness.js"

useLocalServer()

const ORGS = "/api/v1/orgs/organizations/"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const LAB = "org_2b8d0f44a1c9e7b3"
const ACME = "org_c4e1a9f07b3d5e28"
const SANDBOX = "org_0e9d8c7b6a5f4e3d"
const SUPPORT = "proj_9c1e5d2b4a607f3a"
const LAB_NOTEBOOK = "proj_44a1c9e7b32b8d0f"

const group = async (ext: Activated, orgId: string, which: "projects" | "members") =>
  (await ext.rows(await ext.orgRow(orgId))).find((r) => r.node._tag === "Group" && r.node.group === which)!.node as GroupNode
const project = async (ext: Activated, orgId: string, projectId: string) =>
  (await ext.projectRows(await ext.orgRow(orgId))).find((r) => r.node._tag === "Project" && r.node.project.project_id === projectId)!
    .node as ProjectNode
const labelOf = (ext: Activated, node: TreeNode | undefined) => (node === undefined ? undefined : ext.fake.tree().getTreeItem(node).label)
const requests = (method: string, path?: string) =>
  server.requests().filter((r) => r.method === method && (path === undefined || r.path === path))

describe("rules of the input boxes", () => {
  it("names: not empty, at most 200 characters; emails: an address", () => {
    expect(nameProblem("  ")).toBe("The name cannot be empty.")
    expect(nameProblem("x".repeat(201))).toBe("The name can have at most 200 characters.")
    expect(nameProblem("Research")).toBeUndefined()
    expect(emailProblem("")).toBe("Type the member's email address.")
    expect(emailProblem("bo@")).toBe("Enter an email address, like name@example.com.")
    expect(emailProblem(" bo@example.com ")).toBeUndefined()
  })
})

describe("organizations", () => {
  it("New Organization creates it, reloads the organizations only, and selects the new row", async () => {
    const ext = await activate()
    await ext.memberRows(await ext.orgRow(PERSONAL))
    server.clearRequests()
    ext.fake.script.inputBox.push("  Research  ")
    await ext.command(COMMANDS.newOrganization)
    expect(requests("POST", ORGS)).toHaveLength(1)
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("Research")
    expect((await ext.rows()).map((r) => r.item.label)).toContain("Research")
    // Personal's members were not loaded again
    expect(requests("GET", `${ORGS}${PERSONAL}/members/`)).toHaveLength(0)
    expect(ext.fake.record.flashes.at(-1)).toBe("Created organization Research")
  })

  it("an empty name is refused at the box; Mem0's 400 shows under the box with what was typed", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("   ")
    await ext.command(COMMANDS.newOrganization)
    expect(requests("POST")).toHaveLength(0)

    server.faults.add({
      method: "POST",
      path: ORGS,
      faults: [{
        kind: "status",
        status: 400,
        body: JSON.stringify({ errors: { name: ["An organization with this name exists."] } }),
        headers: { "content-type": "application/json" }
      }]
    })
    ext.fake.script.inputBox.push("Dup", "Dup 2")
    await ext.command(COMMANDS.newOrganization)
    const [, first, second] = ext.fake.record.inputBoxes
    expect(first?.value).toBeUndefined()
    expect(second?.value).toBe("Dup") // nothing typed is lost
    expect(second?.validate?.("Dup")).toBe("Mem0: An organization with this name exists.")
    expect(second?.validate?.("Dup 2")).toBeUndefined()
    expect(requests("POST", ORGS)).toHaveLength(2)
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("Dup 2")
  })

  it("a 500 is not retried by itself; Retry opens the box again with what was typed", async () => {
    const ext = await activate({ settings: { maxRetries: 2 } })
    server.faults.add({ method: "POST", path: ORGS, faults: [{ kind: "status", status: 500 }] })
    ext.fake.script.inputBox.push("Research", "Research")
    ext.fake.script.messageAction.push("Retry")
    await ext.command(COMMANDS.newOrganization)
    expect(ext.fake.record.messages[0]).toMatchObject({
      level: "error",
      message: "New Organization failed: Mem0 server error (500).",
      actions: ["Retry", "Show Logs"]
    })
    expect(ext.fake.record.inputBoxes[1]?.value).toBe("Research")
    expect(requests("POST", ORGS).map((r) => r.status)).toEqual([500, 201])
  })

  it("Delete Organization asks in a modal, then for the name typed; cancelling sends nothing", async () => {
    const ext = await activate()
    const sandbox = await ext.orgRow(SANDBOX)
    expect(ext.fake.tree().getTreeItem(sandbox).contextValue).toBe(CONTEXT_VALUES.organizationOwner)
    await ext.command(COMMANDS.deleteOrganization, sandbox) // the modal is cancelled
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("Empty sandbox") // not the name
    await ext.command(COMMANDS.deleteOrganization, sandbox)
    expect(requests("DELETE")).toHaveLength(0)
    expect(ext.fake.record.confirms[0]).toMatchObject({ message: "Delete the organization \"Empty sandbox 🧪\"?", action: "Delete..." })
    expect(ext.fake.record.confirms[0]?.detail).toContain("cannot be undone")

    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("Empty sandbox 🧪")
    await ext.command(COMMANDS.deleteOrganization, sandbox)
    expect(requests("DELETE", `${ORGS}${SANDBOX}/`)).toHaveLength(1)
    expect((await ext.rows()).map((r) => r.item.label)).not.toContain("Empty sandbox 🧪")
  })

  it("a reader is offered no owner action, and a 403 still ends in a clear message", async () => {
    const ext = await activate()
    const lab = await ext.orgRow(LAB)
    expect(ext.fake.tree().getTreeItem(lab).contextValue).toBe(CONTEXT_VALUES.organization)
    const groups = await ext.rows(lab)
    expect(groups.map((g) => g.item.contextValue)).toEqual([undefined, undefined])
    expect((await ext.memberRows(lab)).map((m) => m.item.contextValue)).toEqual([
      CONTEXT_VALUES.member,
      CONTEXT_VALUES.member,
      CONTEXT_VALUES.member
    ])
    // a reader's row passed to an owner command anyway (a keybinding, a link) is refused before anything is asked
    await ext.command(COMMANDS.deleteOrganization, lab)
    expect(requests("DELETE", `${ORGS}${LAB}/`)).toEqual([])
    expect(ext.fake.record.confirms).toEqual([])
    expect(ext.fake.record.messages.at(-1)?.message).toBe(
      "Delete Organization works on an organization you own, as the Mem0 tree shows it now."
    )
    // and where Mem0 itself refuses (403), the message is clear
    server.faults.add({ method: "DELETE", faults: [{ kind: "status", status: 403 }] })
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("Empty sandbox 🧪")
    await ext.command(COMMANDS.deleteOrganization, await ext.orgRow(SANDBOX))
    expect(requests("DELETE", `${ORGS}${SANDBOX}/`).map((r) => r.status)).toEqual([403])
    expect(ext.fake.record.messages.at(-1)?.message).toBe("Delete Organization failed: Mem0 allows this to owners only (403).")
  })

  it("from the palette, the pick lists only the organizations the key owns", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.deleteOrganization)
    const pick = ext.fake.record.quickPicks.at(-1)
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.map((e) => e.label)).toEqual([
      "Personal",
      "Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days)",
      "Empty sandbox 🧪"
    ])
  })
})

describe("projects", () => {
  it("New Project on the Projects group: reloads that organization's projects only and selects the new one", async () => {
    const ext = await activate()
    const projects = await group(ext, PERSONAL, "projects")
    expect(ext.fake.tree().getTreeItem(projects).contextValue).toBe(CONTEXT_VALUES.projectsOwner)
    await ext.projectRows(await ext.orgRow(ACME))
    server.clearRequests()
    ext.fake.script.inputBox.push("Agent memories", "What the agents remember")
    await ext.command(COMMANDS.newProject, projects)
    expect(requests("POST", `${ORGS}${PERSONAL}/projects/`)).toHaveLength(1)
    const selected = ext.fake.record.selected.at(-1)
    expect(labelOf(ext, selected)).toBe("Agent memories")
    expect(await ext.fake.resolveReveal(selected!)).toEqual(["Personal", "Projects (4)", "Agent memories"])
    expect(requests("GET", `${ORGS}${ACME}/projects/`)).toHaveLength(0)
    expect(requests("GET", ORGS)).toHaveLength(0)
  })

  it("Rename / Edit Description sends what changed, and selects the renamed row", async () => {
    const ext = await activate()
    const support = await project(ext, PERSONAL, SUPPORT)
    ext.fake.script.inputBox.push("Support bot", "What the support assistant remembers about customers.")
    await ext.command(COMMANDS.editProject, support)
    const patches = requests("PATCH", `${ORGS}${PERSONAL}/projects/${SUPPORT}/`)
    expect(patches).toHaveLength(1) // the description was left as it was
    expect(ext.fake.record.inputBoxes[0]?.value).toBe("Support bot memories")
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("Support bot")
  })

  it("Delete Project asks in a modal and for the name, then the row is gone", async () => {
    const ext = await activate()
    const research = await project(ext, PERSONAL, "proj_5d2b4a607f3a9c1e")
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("Research notes")
    await ext.command(COMMANDS.deleteProject, research)
    expect(requests("DELETE")).toHaveLength(1)
    expect((await ext.projectRows(await ext.orgRow(PERSONAL))).map((r) => r.item.label)).toEqual([
      "Default project",
      "Support bot memories"
    ])
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("Projects (2)")
  })
})

describe("members", () => {
  it("Invite Member: email, then role; the new row is selected and the count follows", async () => {
    const ext = await activate()
    const members = await group(ext, PERSONAL, "members")
    expect(ext.fake.tree().getTreeItem(members).contextValue).toBe(CONTEXT_VALUES.membersOwner)
    ext.fake.script.inputBox.push("new@example.com")
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "READER"))
    await ext.command(COMMANDS.inviteMember, members)
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("new@example.com")
    expect((await ext.rows(await ext.orgRow(PERSONAL))).map((r) => r.item.label)).toEqual(["Projects (3)", "Members (2)"])
  })

  it("a refused invite keeps the email typed, with Mem0's reason under the box", async () => {
    const ext = await activate()
    const members = await group(ext, PERSONAL, "members")
    ext.fake.script.inputBox.push("ana@example.com")
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "OWNER"))
    ext.fake.script.confirm.push(true) // making someone an owner asks
    await ext.command(COMMANDS.inviteMember, members) // the second box is dismissed
    expect(ext.fake.record.confirms[0]?.message).toBe("Make ana@example.com an owner of Personal?")
    const again = ext.fake.record.inputBoxes[1]
    expect(again?.value).toBe("ana@example.com")
    expect(again?.validate?.("ana@example.com")).toBe("Mem0: User is already a member of this organization.")
    // said in the prompt as well: VS Code shows a validation message only after an edit
    expect(again?.prompt).toBe("Mem0: User is already a member of this organization. The new member's email address")
  })

  it("Change Role and Remove Member on an organization's member", async () => {
    const ext = await activate()
    const acme = await ext.orgRow(ACME)
    const bo = (await ext.memberRows(acme)).find((m) => m.item.label === "bo@zurich.example")!
    expect(bo.item.contextValue).toBe(CONTEXT_VALUES.memberOwner)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "OWNER"))
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.changeMemberRole, bo.node)
    expect(ext.fake.record.confirms.at(-1)?.detail).toContain(`org_id: ${ACME}`)
    const pick = ext.fake.record.quickPicks.at(-1)
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.map((e) => e.description)).toEqual(["READER · current", "OWNER"])
    const selected = ext.fake.record.selected.at(-1)!
    expect(ext.fake.tree().getTreeItem(selected)).toMatchObject({ label: "bo@zurich.example", description: "owner" })

    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.removeMember, selected)
    expect(ext.fake.record.confirms.at(-1)?.message).toMatch(/^Remove bo@zurich\.example from Acme Customer Support Memory Platform .*…\?$/)
    expect((await ext.memberRows(await ext.orgRow(ACME))).map((m) => m.item.label)).not.toContain("bo@zurich.example")
  })

  it("a project's member: the email comes from the project; DELETE takes it as ?email=", async () => {
    const ext = await activate()
    const support = await project(ext, PERSONAL, SUPPORT)
    const eli = (await ext.rows(support)).find((m) => m.item.label === "eli@example.net")!
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.removeMember, eli.node)
    const removed = requests("DELETE")
    expect(removed.map((r) => [r.path, r.status])).toEqual([[`${ORGS}${PERSONAL}/projects/${SUPPORT}/members/`, 200]])
    const rows = await ext.projectMembers(await project(ext, PERSONAL, SUPPORT))
    expect(rows.map((r) => r.item.label)).toEqual(["ana@example.com"])
  })
})

describe("member actions from the palette", () => {
  it("Change Role: where (organizations and projects you own), then who, then the role", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push(
      (entries) => entries.findIndex((e) => e.detail === "organization" && e.label.startsWith("Acme")),
      (entries) => entries.findIndex((e) => e.label === "cy@example.org"),
      (entries) => entries.findIndex((e) => e.value === "OWNER")
    )
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.changeMemberRole)
    const [where, who] = ext.fake.record.quickPicks
    if (!Array.isArray(where?.entries) || !Array.isArray(who?.entries)) throw new Error("no entries")
    // only what ana owns: no Zürich Lab (a reader there), and its Lab notebook neither
    expect(where.entries.map((e) => e.label).join("|")).not.toContain("Zürich")
    expect(where.entries.map((e) => e.detail)).toEqual(expect.arrayContaining(["organization", "project"]))
    expect(who.entries.map((e) => e.label)).toContain("bo@zurich.example")
    expect(requests("PUT", `${ORGS}${ACME}/members/`).map((r) => r.status)).toEqual([200])
    expect(ext.fake.tree().getTreeItem(ext.fake.record.selected.at(-1)!)).toMatchObject({ label: "cy@example.org", description: "owner" })
  })

  it("Invite Member to a project from the palette", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push(
      (entries) => entries.findIndex((e) => e.label === "Personal / Research notes"),
      (entries) => entries.findIndex((e) => e.value === "READER")
    )
    ext.fake.script.inputBox.push("eli@example.net")
    await ext.command(COMMANDS.inviteMember)
    expect(requests("POST", `${ORGS}${PERSONAL}/projects/proj_5d2b4a607f3a9c1e/members/`).map((r) => r.status)).toEqual([200])
    expect(labelOf(ext, ext.fake.record.selected.at(-1))).toBe("eli@example.net")
  })
})

describe("custom instructions and categories in the editor", () => {
  const path = (file: string, projectId = SUPPORT, orgId = PERSONAL) => documentPath("default", orgId, projectId, file)

  it("opens the instructions, writable for an owner; saving PATCHes them and the next read has them", async () => {
    const ext = await activate()
    const support = await project(ext, PERSONAL, SUPPORT)
    await ext.command(COMMANDS.editCustomInstructions, support)
    const opened = ext.fake.record.opened.at(-1)!
    expect(opened).toMatchObject({ uri: `mem0:${path(FILES.instructions)}`, readonly: false })
    expect(opened.content).toContain("Never store payment details or passwords.")
    const before = await ext.fake.readDocument("mem0", path(FILES.instructions))
    const text = "Remember the customer's plan.\nNever store card numbers."
    expect(await ext.fake.writeDocument("mem0", path(FILES.instructions), text)).toEqual(Either.right(undefined))
    const after = await ext.fake.readDocument("mem0", path(FILES.instructions))
    if (Either.isLeft(after) || Either.isLeft(before)) throw new Error("read failed")
    expect(after.right).toMatchObject({ _tag: "Some", value: { content: text } })
    // updated_at moved on: VS Code compares it before a later save, and asks before overwriting a newer version
    const mtime = (read: typeof after) => (Either.isRight(read) && read.right._tag === "Some" ? read.right.value.mtime : 0)
    expect(mtime(after)).toBeGreaterThan(mtime(before))
  })

  it("categories: invalid JSON or shape is refused before sending; a valid list is saved", async () => {
    const ext = await activate()
    expect(await ext.fake.writeDocument("mem0", path(FILES.categories), "[{\"a\": 1}]")).toEqual(Either.left({
      reason: "unavailable",
      message: "custom_categories.mem0.json must be a JSON list of {\"category\": \"description\"} objects: the description of \"a\" (item 1) is not a string."
    }))
    expect(Either.isLeft(parseCategories("{"))).toBe(true)
    expect(requests("PATCH")).toHaveLength(0)
    const list = [{ billing: "Plans and invoices" }]
    expect(await ext.fake.writeDocument("mem0", path(FILES.categories), JSON.stringify(list))).toEqual(Either.right(undefined))
    const read = await ext.fake.readDocument("mem0", path(FILES.categories))
    expect(Either.isRight(read) && read.right._tag === "Some" && JSON.parse(read.right.value.content)).toEqual(list)
  })

  it("read-only for a reader; a refused save says so in fixed words and the server text goes to the log", async () => {
    const ext = await activate()
    const read = await ext.fake.readDocument("mem0", path(FILES.instructions, LAB_NOTEBOOK, LAB))
    expect(Either.isRight(read) && read.right._tag === "Some" && read.right.value.readonly).toBe(true)
    expect(await ext.fake.writeDocument("mem0", path(FILES.instructions, LAB_NOTEBOOK, LAB), "x")).toEqual(
      Either.left({ reason: "noPermissions", message: "Only an owner can change this project (403)." })
    )
    expect(await ext.fake.writeDocument("mem0", path(FILES.settings), "{}")).toEqual(
      Either.left({ reason: "noPermissions", message: "project.mem0.json is read-only." })
    )
  })
})
