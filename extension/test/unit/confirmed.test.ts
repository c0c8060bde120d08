/**
 * A change goes where the person saw it, with the key it was read with: a
 * command's row is the tree's own, never a look-alike object; a key switched
 * while a modal is open stops the change; the modal names the id; granting
 * OWNER asks; Remove Member removes exactly the member confirmed; owner
 * actions follow the role whatever its case.
 */
import { describe, expect, it } from "@effect/vitest"
import { COMMANDS, CONTEXT_VALUES } from "../../src/platform/Ids.js"
import type { ProjectNode } from "../../src/tree/Rows.js"
import { waitFor } from "@mem0-organizations/workbench/waitFor"
import { activate, type Activated, server, useLocalServer } from "./harness.js"

useLocalServer()

const ORGS = "/api/v1/orgs/organizations/"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const SUPPORT = "proj_9c1e5d2b4a607f3a"
const BO_KEY = "m0-demo-bo-00000000000000000"

const projectRow = async (ext: Activated, projectId: string) =>
  (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.node._tag === "Project" && r.node.project.project_id === projectId)!
    .node as ProjectNode
const deletes = () => server.requests().filter((r) => r.method === "DELETE")

describe("a command acts on the tree's own row", () => {
  it("an object that shows one project's name and carries another's id deletes nothing it does not name", async () => {
    const ext = await activate()
    const support = await projectRow(ext, SUPPORT)
    const research = (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.item.label === "Research notes")!.node as ProjectNode
    // a look-alike: Research's row key and name, Support's ids
    const forged = { ...research, project: { ...research.project, project_id: SUPPORT, name: "Research notes" } }
    ext.fake.script.confirm.push(false)
    await ext.command(COMMANDS.deleteProject, forged)
    // the modal names the tree's own row and its id: Research notes, not Support's id
    expect(ext.fake.record.confirms[0]?.message).toBe("Delete the project \"Research notes\"?")
    expect(ext.fake.record.confirms[0]?.detail).toContain(`project_id: ${research.project.project_id}`)
    expect(ext.fake.record.confirms[0]?.detail).not.toContain(SUPPORT)
    expect(deletes()).toEqual([])
    expect(support.project.project_id).toBe(SUPPORT)
  })

  it("an object that is not a row the tree holds now is refused before anything is asked", async () => {
    const ext = await activate()
    await projectRow(ext, SUPPORT)
    const madeUp = {
      _tag: "Project",
      key: "org/nowhere/projects/project/x",
      org: { org_id: PERSONAL, name: "Personal", user_role: "OWNER" },
      project: { project_id: SUPPORT, name: "Harmless", user_role: "OWNER" }
    }
    for (const command of [COMMANDS.deleteProject, COMMANDS.editProject, COMMANDS.inviteMember]) {
      await ext.command(command, madeUp)
    }
    await ext.command(COMMANDS.deleteOrganization, { _tag: "Organization", key: "org/x", org: { org_id: PERSONAL, name: "x", user_role: "OWNER" } })
    await ext.command(COMMANDS.removeMember, { _tag: "Member", key: "org/x/members/member/bo", member: { user_id: "bo", role: "OWNER" } })
    expect(ext.fake.record.confirms).toEqual([])
    expect(ext.fake.record.inputBoxes).toEqual([])
    expect(ext.fake.record.messages.map((m) => m.message)).toEqual([
      "Delete Project works on a project you own, as the Mem0 tree shows it now.",
      "Rename / Edit Description works on a project you own, as the Mem0 tree shows it now.",
      "Invite Member works on the Members of an organization or a project you own, as the Mem0 tree shows them now.",
      "Delete Organization works on an organization you own, as the Mem0 tree shows it now.",
      "Remove Member works on a member of something you own, as the Mem0 tree shows it now."
    ])
    expect(server.requests().filter((r) => r.method !== "GET")).toEqual([])
  })

  it("a row refreshed since it was shown is still the tree's own row", async () => {
    const ext = await activate()
    const old = await projectRow(ext, SUPPORT)
    const asked = server.requests().length
    await ext.command(COMMANDS.refresh)
    // the refresh loads again; the row keeps its object (updated in place), so the one on screen is the tree's own
    await waitFor(() => server.requests().length > asked)
    expect(await projectRow(ext, SUPPORT)).toBe(old)
    ext.fake.script.confirm.push(false)
    await ext.command(COMMANDS.deleteProject, old)
    expect(ext.fake.record.confirms[0]?.detail).toContain(`project_id: ${SUPPORT}`)
  })
})

describe("a change is sent with the key its rows were read with", () => {
  it("a key switched while the delete modal is open: nothing is sent, and both keys are named", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "default"))
    await ext.command(COMMANDS.switchKey)
    const research = (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.item.label === "Research notes")!.node
    // the person confirms, but in the meantime (another window) the key in use becomes "work"
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("Research notes")
    const secrets = ext.fake.secrets
    const index = JSON.parse(secrets.get("mem0.apiKeys")!) as { names: Array<string> }
    const confirm = ext.fake.script.confirm
    ext.fake.script.confirm = new Proxy(confirm, {
      get: (target, prop, receiver) => {
        if (prop === "shift") {
          return () => {
            secrets.set("mem0.apiKeys", JSON.stringify({ ...index, active: "work" }))
            return target.shift()
          }
        }
        return Reflect.get(target, prop, receiver) as unknown
      }
    })
    await ext.command(COMMANDS.deleteProject, research)
    expect(deletes()).toEqual([])
    const message = ext.fake.record.messages.at(-1)?.message ?? ""
    expect(message).toContain("Delete Project failed: Not sent: this was read with key \"default\"")
    expect(message).toContain("key \"work\"")
    expect(ext.fake.record.messages.at(-1)?.actions).toEqual(["Show Logs"])
  })
})

describe("confirmations", () => {
  it("Remove Member of a project member listed by a user name two people share: the email is typed first, the modal names it, exactly it is removed", async () => {
    const json = (body: unknown) => ({
      kind: "status" as const,
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    server.faults.add({
      method: "GET",
      path: `${ORGS}${PERSONAL}/projects/`,
      faults: [json([{
        project_id: SUPPORT,
        name: "Support bot memories",
        user_role: "OWNER",
        members: [{ username: "sam", email: "sam@a.example", role: "READER" }, { username: "sam", email: "sam@b.example", role: "READER" }]
      }])],
      times: 5
    })
    server.faults.add({
      method: "GET",
      path: `${ORGS}${PERSONAL}/projects/${SUPPORT}/members/`,
      faults: [json({ members: [{ username: "sam", role: "READER" }, { username: "sam", role: "READER" }] })],
      times: 5
    })
    const ext = await activate()
    const rows = await ext.projectMembers(await projectRow(ext, SUPPORT))
    // "sam" names two people: no row takes either email
    expect(rows.map((r) => r.item.label)).toEqual(["sam", "sam"])
    ext.fake.script.inputBox.push("eli@example.net")
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.removeMember, rows[1]!.node)
    expect(ext.fake.record.inputBoxes[0]?.prompt).toContain("without an email address")
    expect(ext.fake.record.confirms[0]?.message).toBe("Remove eli@example.net from Support bot memories?")
    expect(ext.fake.record.confirms[0]?.detail).toContain("Listed as: sam")
    expect(ext.fake.record.confirms[0]?.detail).toContain(`project_id: ${SUPPORT}`)
    expect(deletes().map((r) => `${r.path}`)).toEqual([`${ORGS}${PERSONAL}/projects/${SUPPORT}/members/`])
  })

  it("granting OWNER asks, and a No sends nothing", async () => {
    const ext = await activate()
    const eli = (await ext.rows(await projectRow(ext, SUPPORT))).find((r) => r.item.label === "eli@example.net")!
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "OWNER"))
    ext.fake.script.confirm.push(false)
    await ext.command(COMMANDS.changeMemberRole, eli.node)
    expect(ext.fake.record.confirms[0]).toMatchObject({ message: "Make eli@example.net an owner of Support bot memories?", action: "Make Owner" })
    expect(server.requests().filter((r) => r.method === "PUT")).toEqual([])
  })

  it("names that differ only by invisible characters show them escaped in the modal", async () => {
    server.faults.add({
      method: "GET",
      path: `${ORGS}${PERSONAL}/projects/`,
      faults: [{
        kind: "status",
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          { project_id: "proj_a", name: "Research notes", user_role: "OWNER" },
          { project_id: "proj_b", name: "Research\u200b notes\u202e", user_role: "OWNER" }
        ])
      }],
      times: 5
    })
    const ext = await activate()
    const rows = await ext.projectRows(await ext.orgRow(PERSONAL))
    ext.fake.script.confirm.push(false)
    await ext.command(COMMANDS.deleteProject, rows[1]!.node)
    expect(ext.fake.record.confirms[0]?.message).toBe("Delete the project \"Research\\u200b notes\\u202e\"?")
  })
})

describe("owner actions follow the role, whatever its case", () => {
  it("an organization whose role is \"owner\" gets the owner menu", async () => {
    server.faults.add({
      method: "GET",
      path: ORGS,
      faults: [{
        kind: "status",
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify([{ org_id: "org_lower", name: "Lower", user_role: "owner" }])
      }],
      times: 5
    })
    const ext = await activate()
    const [row] = await ext.rows()
    expect(row?.item.contextValue).toBe(CONTEXT_VALUES.organizationOwner)
  })
})
