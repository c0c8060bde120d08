/**
 * The server's seed data: users (some with API keys) and organizations.
 * Read from a JSON fixture, or generated deterministically for benchmarks.
 */
import * as Schema from "effect/Schema"
import demoFixture from "./fixtures/demo.json" with { type: "json" }

/** The roles the server accepts when members are added or changed. */
export const ServerRole = Schema.Literal("OWNER", "READER")
export type ServerRole = typeof ServerRole.Type

export const FixtureUser = Schema.Struct({
  id: Schema.Int,
  username: Schema.String,
  email: Schema.String,
  /** The user's API key; users without one exist only as members. */
  key: Schema.optional(Schema.String),
  /** The project the key is bound to (what `GET /v1/ping/` answers). */
  project: Schema.optional(Schema.String)
})
export type FixtureUser = typeof FixtureUser.Type

export const FixtureProject = Schema.Struct({
  project_id: Schema.String,
  name: Schema.String,
  description: Schema.optional(Schema.String),
  created_at: Schema.String,
  updated_at: Schema.String,
  is_default: Schema.optional(Schema.Boolean),
  custom_instructions: Schema.optional(Schema.String),
  custom_categories: Schema.optional(Schema.Array(Schema.Record({ key: Schema.String, value: Schema.String }))),
  enable_graph: Schema.optional(Schema.Boolean),
  multilingual: Schema.optional(Schema.Boolean),
  decay: Schema.optional(Schema.Boolean),
  memory_depth: Schema.optional(Schema.String),
  version: Schema.optional(Schema.String),
  members: Schema.Array(Schema.Struct({ username: Schema.String, role: Schema.String }))
})
export type FixtureProject = typeof FixtureProject.Type

export const FixtureOrganization = Schema.Struct({
  id: Schema.Int,
  org_id: Schema.String,
  name: Schema.String,
  /** Username of the owner; the owner sees the organization even when not listed as a member. */
  owner: Schema.String,
  description: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String),
  contact_email: Schema.optional(Schema.String),
  phone_number: Schema.optional(Schema.String),
  website: Schema.optional(Schema.String),
  on_paid_plan: Schema.optional(Schema.Boolean),
  created_at: Schema.String,
  updated_at: Schema.String,
  owner_pricing_plan: Schema.optional(Schema.String),
  byok_enabled: Schema.optional(Schema.Boolean),
  /** Usernames for whom this is the default organization. */
  default_for: Schema.optional(Schema.Array(Schema.String)),
  invitations: Schema.optional(Schema.Array(Schema.Unknown)),
  members: Schema.Array(Schema.Struct({ username: Schema.String, role: Schema.String })),
  projects: Schema.optional(Schema.Array(FixtureProject))
})
export type FixtureOrganization = typeof FixtureOrganization.Type

export const Fixture = Schema.Struct({
  users: Schema.Array(FixtureUser),
  organizations: Schema.Array(FixtureOrganization),
  /** Memories per user in each key's project, generated (10 users); absent: the demo memories. */
  memoriesPerEntity: Schema.optional(Schema.Int),
  /** How many users have the generated memories (10 when absent). */
  memoryEntities: Schema.optional(Schema.Int)
})
export type Fixture = typeof Fixture.Type

/** The demo data: five users (ana, bo and cy have keys) and five organizations. */
export const demo: Fixture = Schema.decodeUnknownSync(Fixture)(demoFixture)

/** The demo key shown by the standalone server: ana's, who sees four organizations. */
export const DEMO_KEY = "m0-demo-ana-0000000000000000"

/** The key of the generated data set's caller. */
export const GENERATED_KEY = "m0-generated-owner-key"

/**
 * Generates `organizations` organizations of `members` members and `projects`
 * projects each, the same every time. The caller (key {@link GENERATED_KEY},
 * user `owner`) owns all of them, is one of their members and is bound to the
 * first project; the others are `user0001`, `user0002`, ...
 */
export const generate = (organizations: number, members: number, projects = 0, memoriesPerEntity?: number, memoryEntities?: number): Fixture => {
  const owner: FixtureUser = {
    id: 1,
    username: "owner",
    email: "owner@generated.example",
    key: GENERATED_KEY,
    ...(projects > 0 && organizations > 0 ? { project: "proj_gen_00001_01" } : {})
  }
  const others: Array<FixtureUser> = []
  for (let i = 1; i < Math.max(members, 1); i++) {
    const n = String(i).padStart(4, "0")
    others.push({ id: i + 1, username: `user${n}`, email: `user${n}@generated.example` })
  }
  const orgs: Array<FixtureOrganization> = []
  for (let i = 0; i < organizations; i++) {
    const n = String(i + 1).padStart(5, "0")
    const day = String((i % 28) + 1).padStart(2, "0")
    orgs.push({
      id: 1000 + i,
      org_id: `org_gen_${n}`,
      name: `Generated organization ${n}`,
      owner: "owner",
      created_at: `2025-03-${day}T12:00:00Z`,
      updated_at: `2025-04-${day}T12:00:00Z`,
      owner_pricing_plan: i % 3 === 0 ? "pro" : "free",
      byok_enabled: i % 5 === 0,
      default_for: i === 0 ? ["owner"] : [],
      members: members === 0
        ? []
        : [
          { username: "owner", role: "OWNER" },
          ...others.slice(0, members - 1).map((u, j) => ({ username: u.username, role: (i + j) % 4 === 0 ? "OWNER" : "READER" }))
        ],
      projects: Array.from({ length: projects }, (_, k) => ({
        project_id: `proj_gen_${n}_${String(k + 1).padStart(2, "0")}`,
        name: `Project ${k + 1} of ${n}`,
        created_at: `2025-03-${day}T12:00:00Z`,
        updated_at: `2025-04-${day}T12:00:00Z`,
        is_default: k === 0,
        members: [
          { username: "owner", role: "OWNER" },
          ...others.slice(k, k + 3).map((u) => ({ username: u.username, role: "READER" }))
        ]
      }))
    })
  }
  return {
    users: [owner, ...others],
    organizations: orgs,
    ...(memoriesPerEntity === undefined ? {} : { memoriesPerEntity }),
    ...(memoryEntities === undefined ? {} : { memoryEntities })
  }
}
