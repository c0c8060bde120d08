/**
 * The in-memory state of the server and the rules of the Organizations and
 * Members API: who sees what, who may change what, what a valid change is.
 * Every operation answers with a status and a JSON body, as the API documents.
 */
import type { Fixture, FixtureOrganization, FixtureUser } from "./Fixture.js"

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

interface StoredOrganization {
  readonly id: number
  readonly org_id: string
  name: string
  ownerId: number
  readonly details: Omit<FixtureOrganization, "id" | "org_id" | "name" | "owner" | "members" | "default_for">
  created_at: string
  updated_at: string
  defaultFor: Set<number>
  members: Array<StoredMember>
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
const forbidden: Reply = { status: 403, body: { message: "Unauthorized" } }
const badRequest = (errors: Record<string, Array<string>>): Reply => ({ status: 400, body: { errors } })

export class Store {
  private users = new Map<number, FixtureUser>()
  private byKey = new Map<string, number>()
  private orgs = new Map<string, StoredOrganization>()
  private nextOrgId = 1
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
    for (const user of fixture.users) {
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
      const { default_for, id, members, name, org_id, owner, ...details } = org
      this.orgs.set(org.org_id, {
        id,
        org_id,
        name,
        ownerId: idOf(owner),
        details,
        created_at: details.created_at,
        updated_at: details.updated_at,
        defaultFor: new Set((default_for ?? []).map(idOf)),
        members: members.map((m) => ({ userId: idOf(m.username), role: m.role }))
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
      members: [{ userId: user.id, role: "OWNER" }]
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
}
