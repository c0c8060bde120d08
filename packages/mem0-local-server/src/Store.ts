/**
 * The in-memory state of the server and the rules of the Organizations and
 * Members API: who sees what, who may change what, what a valid change is.
 * Every operation answers with a status and a JSON body, as the API documents.
 */
import type { Fixture, FixtureOrganization, FixtureUser } from "./Fixture.js"
import { demoMemories, generatedMemories, memoryApi, type NullScoping, type ProjectMemories, statsOf } from "./Memories.js"

/** The two response shapes the server can speak. */
export type Shape = "current" | "seed"

/** A status and a JSON body. */
export interface Reply {
  readonly status: number
  readonly body: unknown
}

interface StoredMember {
  userId: number
  role: string
}

interface StoredProject {
  readonly project_id: string
  name: string
  description: string | undefined
  readonly created_at: string
  updated_at: string
  readonly is_default: boolean
  settings: {
    custom_instructions: string
    custom_categories: ReadonlyArray<Readonly<Record<string, string>>>
    enable_graph: boolean
    multilingual: boolean
    decay: boolean
    memory_depth: string
    version: string
  }
  members: Array<StoredMember>
}

interface StoredOrganization {
  readonly id: number
  readonly org_id: string
  name: string
  ownerId: number
  readonly details: Omit<FixtureOrganization, "id" | "org_id" | "name" | "owner" | "members" | "default_for" | "projects">
  created_at: string
  updated_at: string
  defaultFor: Set<number>
  members: Array<StoredMember>
  /** The organization's projects, by project_id: deleting the organization deletes them. */
  projects: Map<string, StoredProject>
}

/*
 * The JSON this server sends, written from Mem0's OpenAPI (and checked against
 * it by the wire-contract tests), not taken from the client's schemas: a field
 * both sides misread would otherwise pass unnoticed.
 */

/** An organization in the seed-era shape of `GET /api/v1/orgs/organizations/`. */
interface SeedOrganizationJson {
  readonly id: number
  readonly org_id: string
  readonly name: string
  readonly description?: string
  readonly address?: string
  readonly contact_email?: string
  readonly phone_number?: string
  readonly website?: string
  readonly on_paid_plan: boolean
  readonly created_at: string
  readonly updated_at: string
  readonly owner: number
  readonly members: ReadonlyArray<number>
}

/** An organization in the current shape, members as objects. */
interface CurrentOrganizationJson {
  readonly org_id: string
  readonly name: string
  readonly created_at: string
  readonly updated_at: string
  readonly members: ReadonlyArray<{ readonly username?: string; readonly role: string; readonly email?: string }>
  readonly is_default: boolean
  readonly byok_enabled: boolean
  readonly invitations: ReadonlyArray<unknown>
  readonly owner_pricing_plan: string
  readonly is_owner: boolean
  readonly user_role?: string
}

type OrganizationJson = SeedOrganizationJson | CurrentOrganizationJson

/** A project of `GET .../{org_id}/projects/` and `.../{project_id}/`. */
interface ProjectJson {
  readonly project_id: string
  readonly name: string
  readonly description?: string
  readonly created_at: string
  readonly updated_at: string
  readonly members: ReadonlyArray<{ readonly username?: string; readonly role: string; readonly email?: string }>
  readonly custom_instructions: string
  readonly custom_categories: ReadonlyArray<Readonly<Record<string, string>>>
  readonly enable_graph: boolean
  readonly multilingual: boolean
  readonly decay: boolean
  readonly memory_depth: string
  readonly version: string
  readonly is_default: boolean
  readonly user_role?: string
}

/** A member of `GET .../{org_id}/members/`: `user_id` and `role`, plus `email` and `username` in the current shape. */
interface MemberJson {
  readonly user_id: string
  readonly role: string
  readonly email?: string
  readonly username?: string
}

/** The fields whose value is defined: the API omits what it does not know rather than send `null`. */
const defined = <T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as never

const KNOWN_ROLES = new Set(["OWNER", "READER"])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_NAME = 200

const notFound: Reply = { status: 404, body: { message: "Organization not found" } }
const projectNotFound: Reply = { status: 404, body: { message: "Organization or project not found" } }

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)
const forbidden: Reply = { status: 403, body: { message: "Unauthorized" } }
const badRequest = (errors: Record<string, Array<string>>): Reply => ({ status: 400, body: { errors } })

export class Store {
  private users = new Map<number, FixtureUser>()
  private byKey = new Map<string, number>()
  private orgs = new Map<string, StoredOrganization>()
  /** The memories of each project a key is bound to (Mem0 scopes them by key). */
  private memories = new Map<string, ProjectMemories>()
  /**
   * How a filter's unnamed entity fields are read: Mem0's docs say both "default to null" (`strict`) and
   * "not required to be null" (`loose`, the default here, as Mem0's known limitations describe it).
   */
  nullScoping: NullScoping = "loose"
  private nextOrgId = 1
  private nextProjectId = 1
  private nextUserId = 1
  private clock: () => Date

  constructor(private readonly initial: Fixture, clock: () => Date = () => new Date()) {
    this.clock = clock
    this.reset()
  }

  /** Loads `fixture`, or puts back the data the store was created with. */
  reset(fixture: Fixture = this.initial): void {
    this.users.clear()
    this.byKey.clear()
    this.orgs.clear()
    this.memories.clear()
    this.nullScoping = "loose"
    for (const user of fixture.users) {
      if (user.project !== undefined && !this.memories.has(user.project)) {
        this.memories.set(
          user.project,
          fixture.memoriesPerEntity === undefined
            ? demoMemories(user.project, this.clock())
            : generatedMemories(user.project, fixture.memoriesPerEntity, this.clock(), fixture.memoryEntities)
        )
      }
      this.users.set(user.id, user)
      if (user.key !== undefined) this.byKey.set(user.key, user.id)
      this.nextUserId = Math.max(this.nextUserId, user.id + 1)
    }
    const idOf = (username: string) => {
      const user = [...this.users.values()].find((u) => u.username === username)
      if (user === undefined) throw new Error(`fixture: unknown user ${username}`)
      return user.id
    }
    for (const org of fixture.organizations) {
      const { default_for, id, members, name, org_id, owner, projects, ...details } = org
      this.orgs.set(org.org_id, {
        id,
        org_id,
        name,
        ownerId: idOf(owner),
        details,
        created_at: details.created_at,
        updated_at: details.updated_at,
        defaultFor: new Set((default_for ?? []).map(idOf)),
        members: members.map((m) => ({ userId: idOf(m.username), role: m.role })),
        projects: new Map(
          (projects ?? []).map((p) => [p.project_id, {
            project_id: p.project_id,
            name: p.name,
            description: p.description,
            created_at: p.created_at,
            updated_at: p.updated_at,
            is_default: p.is_default ?? false,
            settings: {
              custom_instructions: p.custom_instructions ?? "",
              custom_categories: p.custom_categories ?? [],
              enable_graph: p.enable_graph ?? false,
              multilingual: p.multilingual ?? false,
              decay: p.decay ?? false,
              memory_depth: p.memory_depth ?? "medium",
              version: p.version ?? "v2"
            },
            members: p.members.map((m) => ({ userId: idOf(m.username), role: m.role }))
          }])
        )
      })
      this.nextOrgId = Math.max(this.nextOrgId, id + 1)
    }
  }

  /** The user an API key belongs to, if any. */
  userForKey(key: string): FixtureUser | undefined {
    const id = this.byKey.get(key)
    return id === undefined ? undefined : this.users.get(id)
  }

  /** Number of organizations (for the start-up banner). */
  get organizationCount(): number {
    return this.orgs.size
  }

  private roleOf(org: StoredOrganization, userId: number): string | undefined {
    return org.members.find((m) => m.userId === userId)?.role ?? (org.ownerId === userId ? "OWNER" : undefined)
  }

  private visible(orgId: string, user: FixtureUser): StoredOrganization | undefined {
    const org = this.orgs.get(orgId)
    return org !== undefined && this.roleOf(org, user.id) !== undefined ? org : undefined
  }

  private render(org: StoredOrganization, user: FixtureUser, shape: Shape): OrganizationJson {
    if (shape === "seed") {
      return {
        id: org.id,
        org_id: org.org_id,
        name: org.name,
        ...defined({
          description: org.details.description ?? undefined,
          address: org.details.address ?? undefined,
          contact_email: org.details.contact_email ?? undefined,
          phone_number: org.details.phone_number ?? undefined,
          website: org.details.website ?? undefined
        }),
        on_paid_plan: org.details.on_paid_plan ?? false,
        created_at: org.created_at,
        updated_at: org.updated_at,
        owner: org.ownerId,
        members: org.members.map((m) => m.userId)
      }
    }
    const role = this.roleOf(org, user.id)
    return {
      org_id: org.org_id,
      name: org.name,
      created_at: org.created_at,
      updated_at: org.updated_at,
      members: org.members.map((m) => {
        const u = this.users.get(m.userId)
        return { role: m.role, ...defined({ username: u?.username, email: u?.email }) }
      }),
      is_default: org.defaultFor.has(user.id),
      byok_enabled: org.details.byok_enabled ?? false,
      invitations: [...(org.details.invitations ?? [])],
      owner_pricing_plan: org.details.owner_pricing_plan ?? "free",
      is_owner: org.ownerId === user.id,
      ...defined({ user_role: role })
    }
  }

  listOrganizations(user: FixtureUser, shape: Shape): Reply {
    const body = [...this.orgs.values()]
      .filter((org) => this.roleOf(org, user.id) !== undefined)
      .map((org) => this.render(org, user, shape))
    return { status: 200, body }
  }

  getOrganization(user: FixtureUser, orgId: string, shape: Shape): Reply {
    const org = this.visible(orgId, user)
    return org === undefined ? notFound : { status: 200, body: this.render(org, user, shape) }
  }

  createOrganization(user: FixtureUser, input: unknown): Reply {
    const name = typeof input === "object" && input !== null ? (input as Record<string, unknown>)["name"] : undefined
    if (name === undefined || name === null) return badRequest({ name: ["This field is required."] })
    if (typeof name !== "string") return badRequest({ name: ["Not a valid string."] })
    if (name.trim() === "") return badRequest({ name: ["This field may not be blank."] })
    if (name.length > MAX_NAME) return badRequest({ name: [`Ensure this field has no more than ${MAX_NAME} characters.`] })
    const id = this.nextOrgId++
    // The create response documents org_id as a UUID: a deterministic one, from the counter.
    const org_id = `00000000-0000-4000-8000-${id.toString(16).padStart(12, "0")}`
    const now = this.clock().toISOString()
    this.orgs.set(org_id, {
      id,
      org_id,
      name: name.trim(),
      ownerId: user.id,
      details: { created_at: now, updated_at: now, owner_pricing_plan: "free", byok_enabled: false },
      created_at: now,
      updated_at: now,
      defaultFor: new Set(),
      members: [{ userId: user.id, role: "OWNER" }],
      projects: new Map()
    })
    return { status: 201, body: { message: "Organization created successfully.", org_id } }
  }

  deleteOrganization(user: FixtureUser, orgId: string): Reply {
    const org = this.visible(orgId, user)
    if (org === undefined) return notFound
    if (this.roleOf(org, user.id) !== "OWNER") return forbidden
    this.orgs.delete(orgId)
    return { status: 200, body: { message: "Organization deleted successfully!" } }
  }

  listMembers(user: FixtureUser, orgId: string, shape: Shape): Reply {
    const org = this.visible(orgId, user)
    if (org === undefined) return notFound
    const members: Array<MemberJson> = org.members.map((m) => {
      const u = this.users.get(m.userId)
      const id = u?.username ?? String(m.userId)
      return shape === "seed"
        ? { user_id: id, role: m.role }
        : { user_id: id, role: m.role, ...defined({ email: u?.email, username: u?.username }) }
    })
    return { status: 200, body: { members } }
  }

  private memberInput(input: unknown, needRole: boolean): { email: string; role?: string } | Reply {
    const record = typeof input === "object" && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {}
    const errors: Record<string, Array<string>> = {}
    const email = record["email"]
    const role = record["role"]
    if (email === undefined || email === null || email === "") errors["email"] = ["This field is required."]
    else if (typeof email !== "string" || !EMAIL.test(email)) errors["email"] = ["Enter a valid email address."]
    if (needRole) {
      if (role === undefined || role === null || role === "") errors["role"] = ["This field is required."]
      else if (typeof role !== "string" || !KNOWN_ROLES.has(role)) {
        errors["role"] = [`"${String(role)}" is not a valid choice. Use OWNER or READER.`]
      }
    }
    if (Object.keys(errors).length > 0) return badRequest(errors)
    return needRole ? { email: email as string, role: role as string } : { email: email as string }
  }

  private ownerAction(user: FixtureUser, orgId: string): StoredOrganization | Reply {
    const org = this.visible(orgId, user)
    if (org === undefined) return notFound
    if (this.roleOf(org, user.id) !== "OWNER") return forbidden
    return org
  }

  /** A user name no user has yet (`bo`, else `bo-2`, `bo-3`, ...): it is the `user_id` members are listed by. */
  private freeUsername(wanted: string): string {
    const taken = new Set([...this.users.values()].map((u) => u.username))
    let name = wanted
    for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`
    return name
  }

  private userByEmail(email: string): FixtureUser | undefined {
    const wanted = email.toLowerCase()
    return [...this.users.values()].find((u) => u.email.toLowerCase() === wanted)
  }

  /** The common prelude of member changes: owner only, then a valid `{ email[, role] }`. */
  private memberChange(
    user: FixtureUser,
    orgId: string,
    input: unknown,
    needRole: boolean,
    change: (org: StoredOrganization, parsed: { email: string; role?: string }) => Reply
  ): Reply {
    const org = this.ownerAction(user, orgId)
    if ("status" in org) return org
    const parsed = this.memberInput(input, needRole)
    if ("status" in parsed) return parsed
    const reply = change(org, parsed)
    if (reply.status < 300) org.updated_at = this.clock().toISOString()
    return reply
  }

  addMember(user: FixtureUser, orgId: string, input: unknown): Reply {
    return this.memberChange(user, orgId, input, true, (org, parsed) => {
      let member = this.userByEmail(parsed.email)
      if (member === undefined) {
        member = { id: this.nextUserId++, username: this.freeUsername(parsed.email.split("@")[0]!), email: parsed.email }
        this.users.set(member.id, member)
      }
      const memberId = member.id
      if (org.members.some((m) => m.userId === memberId)) {
        return badRequest({ email: ["User is already a member of this organization."] })
      }
      org.members.push({ userId: memberId, role: parsed.role! })
      return { status: 201, body: { message: "User added to the organization." } }
    })
  }

  updateMemberRole(user: FixtureUser, orgId: string, input: unknown): Reply {
    return this.memberChange(user, orgId, input, true, (org, parsed) => {
      const target = this.userByEmail(parsed.email)
      const member = target === undefined ? undefined : org.members.find((m) => m.userId === target.id)
      if (member === undefined) return badRequest({ email: ["User is not a member of this organization."] })
      if (member.userId === org.ownerId && parsed.role !== "OWNER") {
        return badRequest({ role: ["The owner's role cannot be changed."] })
      }
      member.role = parsed.role!
      return { status: 200, body: { message: "User role updated successfully" } }
    })
  }

  removeMember(user: FixtureUser, orgId: string, input: unknown): Reply {
    return this.memberChange(user, orgId, input, false, (org, parsed) => {
      const target = this.userByEmail(parsed.email)
      const index = target === undefined ? -1 : org.members.findIndex((m) => m.userId === target.id)
      if (index < 0) return badRequest({ email: ["User is not a member of this organization."] })
      if (org.members[index]!.userId === org.ownerId) return badRequest({ email: ["The owner cannot be removed."] })
      org.members.splice(index, 1)
      return { status: 200, body: { message: "User removed from organization." } }
    })
  }

  // ---- projects ------------------------------------------------------------------------------------

  /** Org owners see every project of the organization; everyone else, the projects they belong to. */
  private visibleProject(user: FixtureUser, orgId: string, projectId?: string) {
    const org = this.visible(orgId, user)
    if (org === undefined) return undefined
    const orgRole = this.roleOf(org, user.id)
    const canSee = (p: StoredProject) => orgRole === "OWNER" || p.members.some((m) => m.userId === user.id)
    if (projectId === undefined) return { org, orgRole, projects: [...org.projects.values()].filter(canSee) }
    const project = org.projects.get(projectId)
    return project === undefined || !canSee(project) ? undefined : { org, orgRole, project }
  }

  private renderProject(project: StoredProject, user: FixtureUser, orgRole: string | undefined): ProjectJson {
    const own = project.members.find((m) => m.userId === user.id)?.role
    return {
      project_id: project.project_id,
      name: project.name,
      ...defined({ description: project.description }),
      created_at: project.created_at,
      updated_at: project.updated_at,
      members: project.members.map((m) => {
        const u = this.users.get(m.userId)
        return { role: m.role, ...defined({ username: u?.username, email: u?.email }) }
      }),
      ...project.settings,
      custom_categories: [...project.settings.custom_categories],
      is_default: project.is_default,
      ...defined({ user_role: own ?? (orgRole === "OWNER" ? "OWNER" : undefined) })
    }
  }

  /** Who may change a project and its members: the organization's owners and the project's. */
  private projectChange(user: FixtureUser, orgId: string, projectId: string, refusal: string): { project: StoredProject } | Reply {
    const found = this.visibleProject(user, orgId, projectId)
    if (found === undefined || !("project" in found)) return projectNotFound
    const ownsProject = found.project.members.some((m) => m.userId === user.id && m.role === "OWNER")
    if (found.orgRole !== "OWNER" && !ownsProject) return { status: 403, body: { message: refusal } }
    return { project: found.project }
  }

  listProjects(user: FixtureUser, orgId: string): Reply {
    const found = this.visibleProject(user, orgId)
    if (found === undefined || !("projects" in found)) return notFound
    return { status: 200, body: found.projects.map((p) => this.renderProject(p, user, found.orgRole)) }
  }

  getProject(user: FixtureUser, orgId: string, projectId: string): Reply {
    const found = this.visibleProject(user, orgId, projectId)
    if (found === undefined || !("project" in found)) return projectNotFound
    return { status: 200, body: this.renderProject(found.project, user, found.orgRole) }
  }

  createProject(user: FixtureUser, orgId: string, input: unknown): Reply {
    const org = this.visible(orgId, user)
    if (org === undefined) return projectNotFound
    if (this.roleOf(org, user.id) !== "OWNER") {
      return { status: 403, body: { message: "Unauthorized to create projects in this organization." } }
    }
    const record = isRecord(input) ? input : {}
    const name = record["name"]
    const description = record["description"]
    if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME || (description !== undefined && typeof description !== "string")) {
      return { status: 400, body: { message: "Project could not be created." } }
    }
    const n = this.nextProjectId++
    const project_id = `00000000-0000-4000-9000-${n.toString(16).padStart(12, "0")}`
    const now = this.clock().toISOString()
    org.projects.set(project_id, {
      project_id,
      name: name.trim(),
      description: typeof description === "string" ? description : undefined,
      created_at: now,
      updated_at: now,
      is_default: false,
      settings: { custom_instructions: "", custom_categories: [], enable_graph: false, multilingual: false, decay: false, memory_depth: "medium", version: "v2" },
      members: [{ userId: user.id, role: "OWNER" }]
    })
    return { status: 200, body: { message: "Project created successfully.", project_id } }
  }

  /** PATCH: documented fields only, each of its documented type; `custom_instructions` is a list here. */
  updateProject(user: FixtureUser, orgId: string, projectId: string, input: unknown): Reply {
    const change = this.projectChange(user, orgId, projectId, "Unauthorized to modify this project.")
    if ("status" in change) return change
    const record = isRecord(input) ? input : {}
    const errors: Record<string, Array<string>> = {}
    const text = (key: string) => {
      const v = record[key]
      if (v !== undefined && typeof v !== "string") errors[key] = ["Not a valid string."]
      return typeof v === "string" ? v : undefined
    }
    const flag = (key: string) => {
      const v = record[key]
      if (v !== undefined && typeof v !== "boolean") errors[key] = ["Must be a valid boolean."]
      return typeof v === "boolean" ? v : undefined
    }
    const name = text("name")
    const description = text("description")
    const memory_depth = text("memory_depth")
    const version = text("version")
    const [enable_graph, multilingual, decay] = [flag("enable_graph"), flag("multilingual"), flag("decay")]
    const instructions = record["custom_instructions"]
    if (instructions !== undefined && !(Array.isArray(instructions) && instructions.every((i) => typeof i === "string"))) {
      errors["custom_instructions"] = [`Expected a list of items but got type "${typeof instructions}".`]
    }
    const categories = record["custom_categories"]
    if (categories !== undefined && !(Array.isArray(categories) && categories.every(isRecord))) {
      errors["custom_categories"] = ["Expected a list of objects."]
    }
    if (name !== undefined && (name.trim() === "" || name.length > MAX_NAME)) errors["name"] = ["This field may not be blank."]
    if (Object.keys(errors).length > 0) return badRequest(errors)
    const project = change.project
    if (name !== undefined) project.name = name.trim()
    if (description !== undefined) project.description = description
    const s = project.settings
    if (Array.isArray(instructions)) s.custom_instructions = (instructions as Array<string>).join("\n")
    if (Array.isArray(categories)) s.custom_categories = categories as Array<Record<string, string>>
    if (enable_graph !== undefined) s.enable_graph = enable_graph
    if (multilingual !== undefined) s.multilingual = multilingual
    if (decay !== undefined) s.decay = decay
    if (memory_depth !== undefined) s.memory_depth = memory_depth
    if (version !== undefined) s.version = version
    project.updated_at = this.clock().toISOString()
    return { status: 200, body: { message: "Project updated successfully" } }
  }

  deleteProject(user: FixtureUser, orgId: string, projectId: string): Reply {
    const change = this.projectChange(user, orgId, projectId, "Unauthorized to modify this project.")
    if ("status" in change) return change
    this.orgs.get(orgId)?.projects.delete(projectId)
    return { status: 200, body: { message: "Project and related data deleted successfully." } }
  }

  listProjectMembers(user: FixtureUser, orgId: string, projectId: string): Reply {
    const found = this.visibleProject(user, orgId, projectId)
    if (found === undefined || !("project" in found)) return projectNotFound
    const members = found.project.members.map((m) => ({
      role: m.role,
      ...defined({ username: this.users.get(m.userId)?.username })
    }))
    return { status: 200, body: { members } }
  }

  /** The common prelude of project member changes: owner rights, then a valid `{ email[, role] }`. */
  private projectMemberChange(
    user: FixtureUser,
    orgId: string,
    projectId: string,
    input: unknown,
    needRole: boolean,
    change: (project: StoredProject, parsed: { email: string; role?: string }) => Reply
  ): Reply {
    const found = this.projectChange(user, orgId, projectId, "Unauthorized to modify project members.")
    if ("status" in found) return found
    const parsed = this.memberInput(input, needRole)
    if ("status" in parsed) return parsed
    const reply = change(found.project, parsed)
    if (reply.status < 300) found.project.updated_at = this.clock().toISOString()
    return reply
  }

  addProjectMember(user: FixtureUser, orgId: string, projectId: string, input: unknown): Reply {
    return this.projectMemberChange(user, orgId, projectId, input, true, (project, parsed) => {
      const member = this.userByEmail(parsed.email)
      if (member === undefined) return badRequest({ email: ["No user with this email; invite them to the organization first."] })
      if (project.members.some((m) => m.userId === member.id)) {
        return badRequest({ email: ["User is already a member of this project."] })
      }
      project.members.push({ userId: member.id, role: parsed.role! })
      return { status: 200, body: { message: "User added to the project successfully." } }
    })
  }

  updateProjectMemberRole(user: FixtureUser, orgId: string, projectId: string, input: unknown): Reply {
    return this.projectMemberChange(user, orgId, projectId, input, true, (project, parsed) => {
      const target = this.userByEmail(parsed.email)
      const member = target === undefined ? undefined : project.members.find((m) => m.userId === target.id)
      if (member === undefined) return badRequest({ email: ["User is not a member of this project."] })
      member.role = parsed.role!
      return { status: 200, body: { message: "User role updated successfully." } }
    })
  }

  /** Removal takes `?email=` (a query parameter), where the organization's takes a JSON body. */
  removeProjectMember(user: FixtureUser, orgId: string, projectId: string, email: string | undefined): Reply {
    return this.projectMemberChange(user, orgId, projectId, { email }, false, (project, parsed) => {
      const target = this.userByEmail(parsed.email)
      const index = target === undefined ? -1 : project.members.findIndex((m) => m.userId === target.id)
      if (index < 0) return badRequest({ email: ["User is not a member of this project."] })
      project.members.splice(index, 1)
      return { status: 200, body: { message: "Member removed from the project" } }
    })
  }

  /** The memories of the key's project (none for a key bound to no project). */
  memoriesOf(user: FixtureUser): ProjectMemories {
    return (user.project === undefined ? undefined : this.memories.get(user.project)) ?? { memories: [], events: [], retrievals: 0 }
  }

  /** The memory API of the key's project; `origin` is the server's own, for the absolute `next` URLs. */
  memoryApi(user: FixtureUser, origin: string) {
    return memoryApi(this.memoriesOf(user), { now: this.clock, scoping: this.nullScoping, origin })
  }

  /** `GET /v1/stats/`: the key's project's counts. */
  stats(user: FixtureUser): Reply {
    return { status: 200, body: statsOf(this.memoriesOf(user)) }
  }

  /** `GET /v1/ping/`: the key's organization and project, and its user's email. */
  ping(user: FixtureUser): Reply {
    const bound = user.project
    const org = bound === undefined ? undefined : [...this.orgs.values()].find((o) => o.projects.has(bound))
    return {
      status: 200,
      body: { status: "ok", ...defined({ org_id: org?.org_id, project_id: org === undefined ? undefined : bound }), user_email: user.email }
    }
  }
}
