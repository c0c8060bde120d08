import { describe, expect, it } from "@effect/vitest"
import { demo, generate, GENERATED_KEY } from "../src/Fixture.js"
import { Store } from "../src/Store.js"

const ana = () => {
  const store = new Store(demo, () => new Date("2026-01-02T03:04:05Z"))
  return { store, user: store.userForKey("m0-demo-ana-0000000000000000")! }
}
const orgIds = (body: unknown) => (body as Array<{ org_id: string }>).map((o) => o.org_id)

describe("Store: visibility and shapes", () => {
  it("maps keys to users and knows no other key", () => {
    const { store } = ana()
    expect(store.userForKey("m0-demo-bo-00000000000000000")?.username).toBe("bo")
    expect(store.userForKey("nope")).toBeUndefined()
  })

  it("lists only the organizations the caller belongs to or owns", () => {
    const { store, user } = ana()
    const reply = store.listOrganizations(user, "current")
    expect(reply.status).toBe(200)
    expect(orgIds(reply.body)).toEqual([
      "org_7f3a9c1e5d2b4a60",
      "org_2b8d0f44a1c9e7b3",
      "org_c4e1a9f07b3d5e28",
      "org_0e9d8c7b6a5f4e3d"
    ])
    const cy = store.userForKey("m0-demo-cy-00000000000000000")!
    expect(orgIds(store.listOrganizations(cy, "current").body)).toEqual(["org_c4e1a9f07b3d5e28", "org_5a6b7c8d9e0f1a2b"])
  })

  it("renders the current shape with the caller's role, default flag and member objects", () => {
    const { store, user } = ana()
    const [personal, lab] = store.listOrganizations(user, "current").body as Array<Record<string, unknown>>
    expect(personal).toMatchObject({ is_default: true, is_owner: true, user_role: "OWNER", owner_pricing_plan: "free" })
    expect(lab).toMatchObject({ is_default: false, is_owner: false, user_role: "READER", byok_enabled: true })
    expect(lab?.["members"]).toEqual([
      { username: "bo", role: "OWNER", email: "bo@zurich.example" },
      { username: "ana", role: "READER", email: "ana@example.com" },
      { username: "dee", role: "READER", email: "dee@zurich.example" }
    ])
    expect(lab).not.toHaveProperty("id")
  })

  it("renders the seed shape with integer ids", () => {
    const { store, user } = ana()
    const lab = store.getOrganization(user, "org_2b8d0f44a1c9e7b3", "seed").body as Record<string, unknown>
    expect(lab).toMatchObject({ id: 102, owner: 2, members: [2, 1, 4], on_paid_plan: true })
    // a field the organization does not have is left out, as Mem0 types these fields as strings, not null
    expect(lab).not.toHaveProperty("address")
    expect(lab).not.toHaveProperty("user_role")
  })

  it("answers 404 for an organization the caller cannot see", () => {
    const { store, user } = ana()
    expect(store.getOrganization(user, "org_5a6b7c8d9e0f1a2b", "current")).toEqual({
      status: 404,
      body: { message: "Organization not found" }
    })
    expect(store.listMembers(user, "nope", "current").status).toBe(404)
  })

  it("lists members with user_id and role, and an empty list for an org with none", () => {
    const { store, user } = ana()
    expect(store.listMembers(user, "org_2b8d0f44a1c9e7b3", "current").body).toEqual({
      members: [
        { user_id: "bo", role: "OWNER", email: "bo@zurich.example", username: "bo" },
        { user_id: "ana", role: "READER", email: "ana@example.com", username: "ana" },
        { user_id: "dee", role: "READER", email: "dee@zurich.example", username: "dee" }
      ]
    })
    expect(store.listMembers(user, "org_0e9d8c7b6a5f4e3d", "current").body).toEqual({ members: [] })
  })
})

describe("Store: changes and their rules", () => {
  it("creates an organization owned by the caller", () => {
    const { store, user } = ana()
    const reply = store.createOrganization(user, { name: "  New org  " })
    expect(reply.status).toBe(201)
    const orgId = (reply.body as { org_id: string }).org_id
    expect(reply.body).toMatchObject({ message: "Organization created successfully." })
    expect(store.getOrganization(user, orgId, "current").body).toMatchObject({
      name: "New org",
      user_role: "OWNER",
      created_at: "2026-01-02T03:04:05.000Z"
    })
  })

  it("refuses an organization without a usable name with field errors", () => {
    const { store, user } = ana()
    expect(store.createOrganization(user, {})).toEqual({ status: 400, body: { errors: { name: ["This field is required."] } } })
    expect(store.createOrganization(user, { name: 5 }).status).toBe(400)
    expect(store.createOrganization(user, { name: "  " }).status).toBe(400)
    expect(store.createOrganization(user, { name: "x".repeat(201) }).status).toBe(400)
    expect(store.createOrganization(user, ["name"]).status).toBe(400)
  })

  it("lets only the owner delete, and READER members get 403", () => {
    const { store, user } = ana()
    expect(store.deleteOrganization(user, "org_2b8d0f44a1c9e7b3")).toEqual({ status: 403, body: { message: "Unauthorized" } })
    expect(store.deleteOrganization(user, "org_c4e1a9f07b3d5e28").status).toBe(200)
    expect(store.getOrganization(user, "org_c4e1a9f07b3d5e28", "current").status).toBe(404)
    expect(store.deleteOrganization(user, "org_c4e1a9f07b3d5e28").status).toBe(404)
  })

  it("adds, re-roles and removes members, owner only", () => {
    const { store, user } = ana()
    const org = "org_7f3a9c1e5d2b4a60"
    expect(store.addMember(user, org, { email: "eli@example.net", role: "READER" }).status).toBe(201)
    expect(store.addMember(user, org, { email: "eli@example.net", role: "READER" }).status).toBe(400)
    expect(store.addMember(user, org, { email: "new.person@example.com", role: "OWNER" }).status).toBe(201)
    expect(store.updateMemberRole(user, org, { email: "eli@example.net", role: "OWNER" }).status).toBe(200)
    const members = (store.listMembers(user, org, "current").body as { members: Array<{ user_id: string; role: string }> })
      .members
    expect(members.map((m) => [m.user_id, m.role])).toEqual([
      ["ana", "OWNER"],
      ["eli", "OWNER"],
      ["new.person", "OWNER"]
    ])
    expect(store.removeMember(user, org, { email: "eli@example.net" }).status).toBe(200)
    expect(store.removeMember(user, org, { email: "eli@example.net" }).status).toBe(400)
    expect(store.removeMember(user, org, { email: "ana@example.com" }).status).toBe(400)
    expect(store.updateMemberRole(user, org, { email: "ana@example.com", role: "READER" }).status).toBe(400)
    // READER on the lab
    expect(store.addMember(user, "org_2b8d0f44a1c9e7b3", { email: "x@y.z", role: "READER" }).status).toBe(403)
    expect(store.updateMemberRole(user, "org_2b8d0f44a1c9e7b3", { email: "dee@zurich.example", role: "OWNER" }).status)
      .toBe(403)
    expect(store.removeMember(user, "org_2b8d0f44a1c9e7b3", { email: "dee@zurich.example" }).status).toBe(403)
  })

  it("refuses bad member input with Mem0's field errors", () => {
    const { store, user } = ana()
    const org = "org_7f3a9c1e5d2b4a60"
    expect(store.addMember(user, org, {})).toEqual({
      status: 400,
      body: { errors: { email: ["This field is required."], role: ["This field is required."] } }
    })
    expect(store.addMember(user, org, { email: "not-an-email", role: "READER" }).body).toEqual({
      errors: { email: ["Enter a valid email address."] }
    })
    expect(store.addMember(user, org, { email: "a@b.co", role: "ADMIN" }).body).toEqual({
      errors: { role: ["\"ADMIN\" is not a valid choice. Use OWNER or READER."] }
    })
  })

  it("keeps projects consistent: owner rules, no duplicate members, an organization's deletion takes its projects", () => {
    const { store, user } = ana()
    const personal = "org_7f3a9c1e5d2b4a60"
    const support = "proj_9c1e5d2b4a607f3a"
    const lab = "org_2b8d0f44a1c9e7b3"
    const notebook = "proj_44a1c9e7b32b8d0f"
    // a project READER may not change it; the org's owner may change any project of it
    expect(store.updateProject(user, lab, notebook, { name: "x" }).status).toBe(403)
    expect(store.addProjectMember(user, lab, notebook, { email: "dee@zurich.example", role: "OWNER" }).status).toBe(403)
    expect(store.addProjectMember(user, personal, support, { email: "eli@example.net", role: "READER" })).toEqual({
      status: 400,
      body: { errors: { email: ["User is already a member of this project."] } }
    })
    expect(store.addProjectMember(user, personal, support, { email: "bo@zurich.example", role: "READER" }).status).toBe(200)
    const members = store.listProjectMembers(user, personal, support).body as { members: Array<{ username: string }> }
    expect(members.members.map((m) => m.username)).toEqual(["ana", "eli", "bo"])
    // the key's project is deleted with its organization: ping no longer names them
    expect(store.ping(user).body).toMatchObject({ org_id: personal, project_id: support })
    expect(store.deleteOrganization(user, personal).status).toBe(200)
    expect(store.getProject(user, personal, support).status).toBe(404)
    expect(store.listProjects(user, personal).status).toBe(404)
    expect(store.ping(user).body).toEqual({ status: "ok", user_email: "ana@example.com" })
  })

  it("deleting a project removes it and its members; deleting it again is a 404", () => {
    const { store, user } = ana()
    const personal = "org_7f3a9c1e5d2b4a60"
    const research = "proj_5d2b4a607f3a9c1e"
    expect(store.deleteProject(user, personal, research).status).toBe(200)
    const left = store.listProjects(user, personal).body as Array<{ project_id: string }>
    expect(left.map((p) => p.project_id)).not.toContain(research)
    expect(store.listProjectMembers(user, personal, research).status).toBe(404)
    expect(store.deleteProject(user, personal, research).status).toBe(404)
  })

  it("reset puts the fixture data back, also after another fixture was loaded", () => {
    const { store, user } = ana()
    store.deleteOrganization(user, "org_7f3a9c1e5d2b4a60")
    store.reset()
    expect(store.getOrganization(user, "org_7f3a9c1e5d2b4a60", "current").status).toBe(200)
    store.reset(generate(1, 1))
    expect(store.userForKey("m0-demo-ana-0000000000000000")).toBeUndefined()
    store.reset()
    expect(store.userForKey("m0-demo-ana-0000000000000000")?.username).toBe("ana")
  })
})

describe("generate", () => {
  it("makes N organizations of M members, the same every time", () => {
    const a = generate(500, 50)
    expect(a.organizations).toHaveLength(500)
    expect(a.organizations.every((o) => o.members.length === 50)).toBe(true)
    expect(new Set(a.organizations.map((o) => o.org_id)).size).toBe(500)
    expect(generate(500, 50)).toEqual(a)
    const store = new Store(a)
    const owner = store.userForKey(GENERATED_KEY)!
    expect((store.listOrganizations(owner, "current").body as Array<unknown>).length).toBe(500)
    expect((store.listMembers(owner, "org_gen_00042", "current").body as { members: Array<unknown> }).members).toHaveLength(50)
  })
})

describe("Store: projects", () => {
  it("the generator makes ORGSxMEMBERSxPROJECTS, with the generated key bound to the first project", async () => {
    const { generate, GENERATED_KEY } = await import("../src/Fixture.js")
    const { Store } = await import("../src/Store.js")
    const store = new Store(generate(3, 4, 5))
    const user = store.userForKey(GENERATED_KEY)!
    const projects = store.listProjects(user, "org_gen_00002").body as Array<{ project_id: string; members: Array<unknown> }>
    expect(projects).toHaveLength(5)
    expect(projects[0]?.members).toHaveLength(4)
    expect(store.ping(user).body).toMatchObject({ org_id: "org_gen_00001", project_id: "proj_gen_00001_01" })
    // no projects asked: none made, and ping names no project
    const bare = new Store(generate(1, 1))
    expect(bare.listProjects(bare.userForKey(GENERATED_KEY)!, "org_gen_00001").body).toEqual([])
    expect(bare.ping(bare.userForKey(GENERATED_KEY)!).body).not.toHaveProperty("project_id")
  })
})
