/**
 * Projects in the tree: an organization expands to "Projects (n)" and
 * "Members (n)", a project to its members; a 403 on projects stays under
 * that group; Copy project_id and Copy org_id and project_id from rows, from
 * the palette and with Ctrl+C.
 */
import { describe, expect, it } from "@effect/vitest"
import { COMMANDS, CONTEXT_VALUES } from "../../src/platform/Ids.js"
import type { ProjectNode } from "../../src/tree/Rows.js"
import { activate, type Activated, server, useLocalServer } from "./harness.js"

useLocalServer()

const ORGS = "/api/v1/orgs/organizations/"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const LAB = "org_2b8d0f44a1c9e7b3"
const SUPPORT = "proj_9c1e5d2b4a607f3a"

describe("projects in the tree", () => {
  it("an organization expands to Projects (n) and Members (n); projects to their members", async () => {
    const ext = await activate()
    const personal = await ext.orgRow(PERSONAL)
    await ext.keyProject()
    const groups = await ext.rows(personal)
    expect(groups.map((g) => [g.item.id, g.item.label])).toEqual([
      [`org/${PERSONAL}/projects`, "Projects (3)"],
      [`org/${PERSONAL}/members`, "Members (1)"]
    ])
    const projects = await ext.projectRows(personal)
    expect(projects.map((p) => [p.item.label, p.item.description])).toEqual([
      ["Default project", "owner · default"],
      ["Support bot memories", "owner · API key's project"],
      ["Research notes", "owner"]
    ])
    const support = projects[1]!
    expect(support.item).toMatchObject({ id: `org/${PERSONAL}/projects/project/${SUPPORT}`, contextValue: CONTEXT_VALUES.projectOwner })
    expect(support.item.tooltip).toContain(`project_id: ${SUPPORT}`)
    expect(support.item.tooltip).toContain("Settings: graph memory, decay, depth high")
    const [memories, ...members] = await ext.rows(support.node)
    // the project's memories first, read with the key bound to it (the demo key)
    expect(memories?.node._tag).toBe("Memories")
    expect(memories?.item.description).toBe("read with key \"default\"")
    // Mem0 lists a project's members by user name and role; the email comes from the project's own members
    expect(members.map((m) => [m.item.label, m.item.description, m.item.contextValue])).toEqual([
      ["ana@example.com", "owner", CONTEXT_VALUES.projectMemberOwner],
      ["eli@example.net", "reader", CONTEXT_VALUES.projectMemberOwner]
    ])
  })

  it("a reader sees only the projects it belongs to; a 403 on projects shows under that group only", async () => {
    const ext = await activate()
    const lab = await ext.orgRow(LAB)
    expect((await ext.projectRows(lab)).map((p) => p.item.label)).toEqual(["Lab notebook 実験ノート"])
    server.faults.add({ path: `${ORGS}${PERSONAL}/projects/`, faults: [{ kind: "status", status: 403 }] })
    const personal = await ext.orgRow(PERSONAL)
    const groups = await ext.rows(personal)
    expect(groups.map((g) => g.item.label)).toEqual(["Projects", "Members (1)"])
    const denied = await ext.projectRows(personal)
    expect(denied.map((r) => [r.item.label, r.item.contextValue])).toEqual([
      ["Not allowed to see the projects (403)", CONTEXT_VALUES.errorRetry]
    ])
    expect((await ext.memberRows(personal)).map((r) => r.item.label)).toEqual(["ana@example.com"])
    // Retry loads that group again
    await ext.command(COMMANDS.retry, denied[0]!.node)
    expect((await ext.projectRows(personal)).map((p) => p.item.label)).toContain("Support bot memories")
  })

  it("project and member loads share the one limiter, and load once per refresh", async () => {
    const ext = await activate()
    const personal = await ext.orgRow(PERSONAL)
    await ext.projectRows(personal)
    await ext.projectRows(personal)
    await ext.memberRows(personal)
    expect(server.requests().filter((r) => r.path === `${ORGS}${PERSONAL}/projects/`)).toHaveLength(1)
  })
})

describe("Copy project_id, and the pair", () => {
  const project = async (ext: Activated) =>
    (await ext.projectRows(await ext.orgRow(PERSONAL))).find((p) => p.item.label === "Support bot memories")!.node as ProjectNode

  it("from a project row: its project_id; the pair as MEM0_ORG_ID and MEM0_PROJECT_ID lines", async () => {
    const ext = await activate()
    const node = await project(ext)
    await ext.command(COMMANDS.copyProjectId, node)
    await ext.command(COMMANDS.copyOrgAndProjectId, node)
    expect(ext.fake.record.clipboard).toEqual([SUPPORT, `MEM0_ORG_ID=${PERSONAL}\nMEM0_PROJECT_ID=${SUPPORT}`])
    ext.fake.setSelection([node])
    await ext.command(COMMANDS.copySelection)
    expect(ext.fake.record.clipboard.at(-1)).toBe(SUPPORT)
  })

  it("from the palette: a quick pick of Organization / Project over every organization, filtered by what the key sees", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.label === "Personal / Support bot memories"))
    await ext.command(COMMANDS.copyProjectId)
    const pick = ext.fake.record.quickPicks.at(-1)
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.map((e) => e.label)).toEqual(expect.arrayContaining([
      "Personal / Default project",
      "Zürich Lab 研究所 / Lab notebook 実験ノート",
      "Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days) / Staging"
    ]))
    expect(pick.entries.map((e) => e.label)).not.toContain("Zürich Lab 研究所 / Bo's private experiments")
    expect(ext.fake.record.clipboard).toEqual([SUPPORT])
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.description === SUPPORT))
    await ext.command(COMMANDS.copyOrgAndProjectId)
    expect(ext.fake.record.clipboard.at(-1)).toBe(`MEM0_ORG_ID=${PERSONAL}\nMEM0_PROJECT_ID=${SUPPORT}`)
  })

  it("refuses an argument that is not a project", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.copyProjectId, { _tag: "Organization" })
    expect(ext.fake.record.messages.at(-1)?.message).toBe("Copy project_id works on a project of the Mem0 tree.")
    expect(ext.fake.record.clipboard).toEqual([])
  })
})
