/**
 * The project the key is bound to (`GET /v1/ping/`): marked in the tree and
 * revealed once, the status bar item, and Show Project Settings (a read-only
 * `mem0:` JSON document).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { COMMANDS, CONTEXT_VALUES } from "../../src/platform/Ids.js"
import { jsonText, parsePath, settingsPath } from "../../src/documents/ProjectDocuments.js"
import { statusContent } from "../../src/tree/KeyStatus.js"
import { DEMO_KEY } from "mem0-local-server"
import type { ProjectNode } from "../../src/tree/Rows.js"
import { activate, eventually, server, useLocalServer } from "./harness.js"

useLocalServer()

const ORGS = "/api/v1/orgs/organizations/"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const SUPPORT = "proj_9c1e5d2b4a607f3a"

describe("the key's project in the tree", () => {
  it("is marked (icon, description, tooltip) and revealed once, as VS Code resolves it", async () => {
    const ext = await activate()
    await ext.rows()
    const located = await ext.keyProject()
    if (Either.isLeft(located)) throw new Error(located.left.message)
    expect(located.right.context).toEqual({ orgId: PERSONAL, projectId: SUPPORT, userEmail: "ana@example.com" })
    expect([located.right.org?.name, located.right.project?.name]).toEqual(["Personal", "Support bot memories"])

    await eventually(() => expect(ext.fake.record.reveals).toHaveLength(1))
    const revealed = ext.fake.record.reveals[0]!
    // getParent leads up through the very rows getChildren gives: Personal, its Projects group, the project
    expect(await ext.fake.resolveReveal(revealed)).toEqual(["Personal", "Projects (3)", "Support bot memories"])

    const row = (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.item.label === "Support bot memories")!
    expect(row.node).toBe(revealed)
    expect(row.item).toMatchObject({
      description: "owner · API key's project",
      icon: { id: "key" },
      contextValue: CONTEXT_VALUES.projectOwner,
      accessibilityLabel: "Support bot memories owner · API key's project"
    })
    expect(row.item.tooltip).toContain("Your API key is bound to this project.")
    const others = (await ext.projectRows(await ext.orgRow(PERSONAL))).filter((r) => r.node !== row.node)
    expect(others.map((r) => r.item.description)).toEqual(["owner · default", "owner"])

    // a refresh marks it again, but does not reveal it again (the person may have collapsed it)
    await ext.command(COMMANDS.refresh)
    await ext.rows()
    await ext.keyProject()
    expect(ext.fake.record.reveals).toHaveLength(1)
  })

  it("rows never wait for the ping: a ping that hangs leaves the project unmarked, then fails in the status bar", async () => {
    const ext = await activate()
    // the ping is never answered: the client gives up at its deadline (2 s in the harness)
    server.faults.hold({ path: "/v1/ping/" })
    const personal = await ext.orgRow(PERSONAL)
    const projects = await ext.projectRows(personal)
    const shownWith = ext.fake.record.status
    expect(shownWith === "hidden" || shownWith.icon !== "warning").toBe(true) // shown before the ping failed
    expect(projects.map((r) => r.item.description)).toEqual(["owner · default", "owner", "owner"])
    const located = await ext.keyProject()
    expect(Either.isLeft(located) && located.left._tag).toBe("Mem0Timeout")
    expect(ext.fake.record.reveals).toHaveLength(0)
    expect(ext.fake.record.status).toMatchObject({ icon: "warning", text: "Mem0" })
    expect(ext.fake.record.status !== "hidden" && ext.fake.record.status.tooltip).toContain("Mem0 did not answer in time")
  })

  it("a ping answered after the rows were shown redraws the key's organization and project with their marks", async () => {
    const ext = await activate()
    const ping = server.faults.hold({ path: "/v1/ping/" })
    const personal = await ext.orgRow(PERSONAL)
    expect((await ext.rows()).map((r) => r.item.description)).not.toContain("owner · default · API key's organization")
    const before = await ext.projectRows(personal)
    expect(before.map((r) => r.item.description)).not.toContain("owner · API key's project")
    ping.release()
    await ext.keyProject()
    const support = before.find((r) => r.item.label === "Support bot memories")!.node
    // the same row objects are redrawn (VS Code asks getTreeItem again), nothing else
    expect(ext.fake.record.treeChanges).toEqual(expect.arrayContaining([personal, support]))
    expect(ext.fake.record.treeChanges).toHaveLength(2)
    expect(ext.fake.tree().getTreeItem(personal).description).toBe("owner · default · API key's organization")
    expect(ext.fake.tree().getTreeItem(personal).tooltip).toContain("Your API key belongs to this organization.")
    expect(ext.fake.tree().getTreeItem(support).description).toBe("owner · API key's project")
  })

  it("is not revealed while the view is not shown (a palette command loaded the organizations); it is once shown", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.copyOrgId) // the quick pick is dismissed; the organizations loaded
    await ext.keyProject()
    expect(ext.fake.record.reveals).toHaveLength(0)
    await ext.rows()
    await eventually(() => expect(ext.fake.record.reveals).toHaveLength(1))
  })
})

describe("the status bar item", () => {
  it("is hidden without a key, shows the key's user, organization and project, and opens Copy project_id", async () => {
    const ext = await activate({ secrets: {} })
    expect(ext.fake.record.status).toBe("hidden")
    expect(ext.fake.record.statusCommand).toBe(COMMANDS.copyProjectId)
    ext.fake.script.inputBox.push(DEMO_KEY)
    await ext.command(COMMANDS.setApiKey)
    await eventually(() => expect(ext.fake.record.status).toMatchObject({ icon: "key", text: "Mem0" }))
    expect(server.requests()).toHaveLength(0) // no request of its own
    await ext.rows()
    await ext.keyProject()
    await eventually(() =>
      expect(ext.fake.record.status).toMatchObject({ text: "Mem0: ana@example.com · Personal / Support bot memories" })
    )
    const status = ext.fake.record.status
    expect(status !== "hidden" && status.tooltip).toContain(`Project: Support bot memories — ${SUPPORT}`)
    await ext.command(COMMANDS.clearApiKey)
    await eventually(() => expect(ext.fake.record.status).toBe("hidden"))
  })

  it("shows server names cleaned and cut, falling back to the ids", () => {
    const context = { orgId: "org_1", projectId: "proj_1", userEmail: "a@b.example\u202e" }
    expect(statusContent({ _tag: "Known", value: { context, org: undefined, project: undefined } }).text)
      .toBe("Mem0: a@b.example · org_1 / proj_1")
    const long = "x".repeat(100)
    const shown = statusContent({
      _tag: "Known",
      value: { context, org: { name: long } as never, project: { name: "P\u0007" } as never }
    })
    expect(shown.text).toBe(`Mem0: a@b.example · ${"x".repeat(39)}… / P`)
    expect(shown.tooltip).not.toContain("\u0007")
    expect(shown.tooltip).not.toContain("\u202e")
  })
})

describe("the status bar shows a key's name as typed", () => {
  it("replacement patterns in a key's name ($&, $', $`) are not expanded", () => {
    const context = { orgId: "org_1", projectId: "proj_1", userEmail: undefined }
    for (const name of ["a$&b", "a$'b", "a$`b", "$$"]) {
      const shown = statusContent({ _tag: "Known", value: { context, org: undefined, project: undefined } }, name)
      expect(shown.text).toBe(`Mem0 (${name}): org_1 / proj_1`)
    }
  })
})

describe("Show Project Settings", () => {
  it("opens the project's settings as read-only JSON: instructions, categories, flags, members", async () => {
    const ext = await activate()
    const personal = await ext.orgRow(PERSONAL)
    const project = (await ext.projectRows(personal)).find((r) => r.item.label === "Support bot memories")!.node as ProjectNode
    server.clearRequests()
    await ext.command(COMMANDS.showProjectSettings, project)
    const opened = ext.fake.record.opened.at(-1)!
    expect(opened.uri).toBe(`mem0:/default/${PERSONAL}/${SUPPORT}/project.mem0.json`)
    expect(opened.readonly).toBe(true)
    const settings = JSON.parse(opened.content)
    expect(settings).toMatchObject({
      org_id: PERSONAL,
      project_id: SUPPORT,
      name: "Support bot memories",
      custom_instructions: expect.stringContaining("Never store payment details or passwords."),
      custom_categories: [
        { customer_preferences: "Customer likes, dislikes, and preferences" },
        { support_history: "Previous support interactions and resolutions" }
      ],
      enable_graph: true,
      decay: true,
      memory_depth: "high",
      updated_at: "2025-06-01T16:45:00.000Z",
      members: [{ username: "ana", role: "OWNER" }, { username: "eli", role: "READER" }]
    })
    expect(Object.keys(settings).slice(0, 3)).toEqual(["org_id", "project_id", "name"])
    // fetched fresh: the project and its members
    expect(server.requests().map((r) => r.path).sort()).toEqual([
      `${ORGS}${PERSONAL}/projects/${SUPPORT}/`,
      `${ORGS}${PERSONAL}/projects/${SUPPORT}/members/`
    ])
  })

  it("from the palette, through the Organization / Project pick", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.description === SUPPORT))
    await ext.command(COMMANDS.showProjectSettings)
    expect(ext.fake.record.quickPicks.at(-1)?.title).toBe("Mem0: Show Project Settings")
    expect(ext.fake.record.opened.at(-1)?.uri).toBe(`mem0:/default/${PERSONAL}/${SUPPORT}/project.mem0.json`)
  })

  it("a failed read says so in fixed words, never the server's; a refresh tells the open document to reload", async () => {
    const ext = await activate()
    const project = (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.node._tag === "Project")!.node
    server.faults.add({
      path: `${ORGS}${PERSONAL}/projects/*`,
      faults: [{ kind: "status", status: 403, body: JSON.stringify({ detail: "[click](command:evil)" }) }]
    })
    await ext.command(COMMANDS.showProjectSettings, project)
    expect(ext.fake.record.messages.at(-1)).toMatchObject({
      level: "error",
      message: "Could not open the project's settings; see Mem0: Show Logs."
    })
    const read = await ext.fake.readDocument("mem0", settingsPath("default", PERSONAL, SUPPORT))
    expect(read).toEqual(Either.right(expect.anything()))
    server.faults.add({ path: `${ORGS}${PERSONAL}/projects/${SUPPORT}/`, faults: [{ kind: "status", status: 404 }] })
    expect(await ext.fake.readDocument("mem0", settingsPath("default", PERSONAL, SUPPORT))).toEqual(
      Either.left({ reason: "notFound", message: "Mem0 has no such project (404)." })
    )
    expect(ext.fake.record.logs.join("\n")).toContain("Mem0Forbidden")
    await ext.command(COMMANDS.refresh)
    // told when the refresh redraws, after its loads
    await eventually(() => expect(ext.fake.record.documentChanges).toContain(settingsPath("default", PERSONAL, SUPPORT)))
  })

  it("writes a hostile server's text as data: bidi and C1 controls escaped, the JSON still exact", async () => {
    const hostile = "Keep \u202egnp.exe\u202c and \u0085 lines\u2028apart"
    const text = jsonText({ custom_instructions: hostile })
    expect(text).not.toMatch(/[\u202e\u202c\u0085\u2028]/)
    expect(text).toContain("\\u202e")
    expect(JSON.parse(text)).toEqual({ custom_instructions: hostile })
  })

  it("paths: the key, then each id, one percent-encoded segment each; folders and other files are told apart", () => {
    const path = settingsPath("work/2", "org/../x", "p 1")
    expect(path).toBe("/work%2F2/org%2F..%2Fx/p%201/project.mem0.json")
    expect(parsePath(path)).toEqual({ _tag: "File", key: "work/2", orgId: "org/../x", projectId: "p 1", file: "project.mem0.json" })
    // the environment's key has a segment no stored key's name encodes to
    expect(settingsPath(undefined, "o", "p")).toBe("/$env/o/p/project.mem0.json")
    expect(parsePath("/$env/o/p/project.mem0.json")).toMatchObject({ key: undefined })
    expect(parsePath(settingsPath("$env", "o", "p"))).toMatchObject({ key: "$env" })
    expect(parsePath("/default/org_1")).toEqual({ _tag: "Folder" })
    expect(parsePath("/")).toEqual({ _tag: "Folder" })
    expect(parsePath("/k/a/b/c/d")).toEqual({ _tag: "None" })
    expect(parsePath("/k/a//c")).toEqual({ _tag: "None" })
    expect(parsePath("/k/a/b/%E0%A4%A")).toEqual({ _tag: "None" })
  })
})
