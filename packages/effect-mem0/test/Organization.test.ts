import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Equal from "effect/Equal"
import * as Schema from "effect/Schema"
import {
  callerRole,
  Member,
  Organization,
  isOwnerRole,
  MembersResponse,
  memberCount,
  memberLabel,
  OrganizationList,
  OrganizationMember
} from "../src/Organization.js"
import currentFixture from "./fixtures/current-organizations.json" with { type: "json" }
import membersFixture from "./fixtures/members.json" with { type: "json" }
import seedFixture from "./fixtures/seed-organizations.json" with { type: "json" }

const decodeOrgs = Schema.decodeUnknownEither(OrganizationList)

describe("Organization schema", () => {
  it("decodes the seed-shape fixture field by field", () => {
    const orgs = Either.getOrThrow(decodeOrgs(seedFixture))
    expect(orgs).toHaveLength(2)
    const [acme, side] = orgs
    expect(acme?.org_id).toBe("org_seed_acme")
    expect(acme?.name).toBe("Acme Research")
    expect(acme?.id).toBe(17)
    expect(acme?.owner).toBe(3)
    expect(acme?.members).toEqual([3, 8, 21])
    expect(acme?.on_paid_plan).toBe(true)
    expect(acme?.website).toBe("https://acme.example")
    expect(acme?.phone_number).toBe("+1-415-555-0100")
    expect(DateTime.formatIso(acme!.created_at!)).toBe("2024-03-01T09:30:00.000Z")
    expect(DateTime.isDateTime(acme?.updated_at)).toBe(true)
    expect(memberCount(acme!)).toBe(3)
    // null where a string is expected is tolerated as absent
    expect(side?.description).toBeUndefined()
    expect("description" in side!).toBe(false)
    expect(memberCount(side!)).toBe(0)
    expect(callerRole(side!)).toBeUndefined()
  })

  it("decodes the current-shape fixture field by field", () => {
    const orgs = Either.getOrThrow(decodeOrgs(currentFixture))
    const [personal, lab] = orgs
    expect(personal?.is_default).toBe(true)
    expect(personal?.byok_enabled).toBe(false)
    expect(personal?.owner_pricing_plan).toBe("free")
    expect(personal?.members?.[0]).toBeInstanceOf(OrganizationMember)
    expect(personal?.members?.[0]).toMatchObject({ username: "ana", role: "OWNER", email: "ana@example.com" })
    expect(callerRole(personal!)).toBe("OWNER")
    expect(lab?.name).toBe("Zürich Lab 研究所")
    expect(lab?.user_role).toBe("READER")
    expect(lab?.invitations).toHaveLength(1)
    // the timezone offset is normalised to UTC
    expect(DateTime.formatIso(lab!.created_at!)).toBe("2025-02-02T08:00:00.000Z")
    // an unknown role is kept as it is
    expect((lab?.members?.[2] as OrganizationMember).role).toBe("BILLING_ADMIN")
    expect((lab?.members?.[2] as OrganizationMember).email).toBeUndefined()
  })

  it("ignores unknown fields", () => {
    const orgs = Either.getOrThrow(decodeOrgs(currentFixture))
    expect(orgs[1]).not.toHaveProperty("projects_count")
    expect(orgs[1]).not.toHaveProperty("feature_flags")
  })

  it("requires only org_id and name", () => {
    const orgs = Either.getOrThrow(decodeOrgs([{ org_id: "o", name: "n" }]))
    expect(orgs[0]?.org_id).toBe("o")
    const missing = decodeOrgs([{ name: "no id" }])
    expect(Either.isLeft(missing)).toBe(true)
  })

  it("reads a wrong type in an optional field as absent, and keeps the other fields", () => {
    const orgs = Either.getOrThrow(
      decodeOrgs([
        { org_id: "o", name: "n", is_default: "yes", created_at: "not a date", updated_at: 0, on_paid_plan: "no" },
        { org_id: "p", name: "m", members: {}, user_role: 7, is_owner: true }
      ])
    )
    expect(orgs.map((o) => o.org_id)).toEqual(["o", "p"])
    for (const field of ["is_default", "created_at", "updated_at", "on_paid_plan"]) expect(orgs[0]).not.toHaveProperty(field)
    expect(orgs[1]).not.toHaveProperty("members")
    expect(orgs[1]).not.toHaveProperty("user_role")
    expect(orgs[1]?.is_owner).toBe(true)
  })

  it("keeps required fields strict: a wrong org_id, name, user_id or role fails", () => {
    expect(Either.isLeft(decodeOrgs([{ org_id: 5, name: "n" }]))).toBe(true)
    expect(Either.isLeft(decodeOrgs([{ org_id: "o", name: null }]))).toBe(true)
    const decodeMembers = Schema.decodeUnknownEither(MembersResponse)
    expect(Either.isLeft(decodeMembers({ members: [{ user_id: "u", role: 1 }] }))).toBe(true)
    expect(Either.isLeft(decodeMembers({ members: [{ role: "OWNER" }] }))).toBe(true)
    const tolerant = Either.getOrThrow(decodeMembers({ members: [{ user_id: "u", role: "READER", email: 3, username: [] }] }))
    expect(tolerant.members[0]).toMatchObject({ user_id: "u", role: "READER" })
    expect(tolerant.members[0]).not.toHaveProperty("email")
  })

  it("decodes members with extra fields, numeric ids and unknown roles", () => {
    const body = Either.getOrThrow(Schema.decodeUnknownEither(MembersResponse)(membersFixture))
    expect(body.members.map((m) => m.user_id)).toEqual(["ana", "bo", "42"])
    expect(body.members[0]?.email).toBe("ana@example.com")
    expect(body.members[2]?.role).toBe("AUDITOR")
    expect(body.members.map(memberLabel)).toEqual(["ana@example.com", "bo", "42"])
    expect(isOwnerRole(body.members[0]?.role)).toBe(true)
    expect(isOwnerRole(body.members[1]?.role)).toBe(false)
  })

  it("decoded instances are the instances the class constructors build: equal, same class, same own fields", () => {
    const at = "2025-02-02T08:00:00.000Z"
    const [decoded] = Either.getOrThrow(
      decodeOrgs([{ org_id: "o", name: "n", created_at: at, is_owner: true, members: [{ username: "ana", role: "OWNER" }] }])
    )
    const built = new Organization({
      org_id: "o" as Organization["org_id"],
      name: "n",
      created_at: DateTime.unsafeMake(at),
      is_owner: true,
      members: [new OrganizationMember({ username: "ana", role: "OWNER" })]
    })
    expect(decoded).toBeInstanceOf(Organization)
    // Effect compares plain arrays by reference: compare the members one by one, the rest structurally
    const { members: decodedMembers, ...decodedRest } = decoded!
    const { members: builtMembers, ...builtRest } = built
    expect(Equal.equals(new Organization(decodedRest), new Organization(builtRest))).toBe(true)
    expect(Equal.equals(decodedMembers![0], builtMembers![0])).toBe(true)
    expect(decodedMembers![0]).toBeInstanceOf(OrganizationMember)
    expect(Object.keys(decoded!).sort()).toEqual(Object.keys(built).sort())
    expect(String(decoded)).toBe(String(built))
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(built))
    const member = Either.getOrThrow(Schema.decodeUnknownEither(MembersResponse)({ members: [{ user_id: 5, role: "READER" }] }))
      .members[0]
    expect(Equal.equals(member, new Member({ user_id: "5", role: "READER" }))).toBe(true)
  })
})
