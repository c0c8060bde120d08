/**
 * Schemas of Mem0's Organizations and Members API.
 *
 * The API has drifted: the first documented `GET /api/v1/orgs/organizations/`
 * (the "seed" shape) returned `id`, `owner` and `members` as integer ids; the
 * current one returns `members` as `{ username, role, email }` objects and new
 * fields (`is_default`, `byok_enabled`, `user_role`, ...). These schemas decode
 * both. Only `org_id` and `name` (for members, `user_id` and `role`) are
 * required; unknown fields are ignored; `null`, or a value of the wrong type,
 * in an optional field counts as absent, so one drifted field never hides a
 * whole list (the client logs each drifted field path once, at warning level).
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const orgs = Schema.decodeUnknownSync(Organization.OrganizationList)([
 *   { org_id: "org_1", name: "Acme", members: [1, 2] },
 *   { org_id: "org_2", name: "Beta", members: [{ username: "ana", role: "OWNER" }], website: null }
 * ])
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { embeddedList, optionalFields, tolerantModel, wireList } from "./internal/wire.js"

/**
 * An organization's string identifier (`org_id`), branded so it cannot be
 * mixed up with other strings.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const id: Organization.OrgId = Schema.decodeUnknownSync(Organization.OrgId)("org_123")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const OrgId = Schema.String.pipe(Schema.brand("effect-mem0/OrgId"))

/**
 * @since 0.1.0
 * @category models
 */
export type OrgId = typeof OrgId.Type

/**
 * A role in an organization. `OWNER` and `READER` are the documented ones;
 * any other string Mem0 may add is kept as it is, never a decode failure.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const role = Schema.decodeUnknownSync(Organization.MemberRole)("OWNER") // any other string is kept too
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export const MemberRole = Schema.Union(Schema.Literal("OWNER", "READER"), Schema.String)

/**
 * @since 0.1.0
 * @category models
 */
export type MemberRole = typeof MemberRole.Type

/**
 * Tells whether a role grants owner rights.
 *
 * @example
 * ```ts
 * import { Organization } from "effect-mem0"
 *
 * Organization.isOwnerRole("owner") // true
 * ```
 *
 * @since 0.1.0
 * @category predicates
 */
export const isOwnerRole = (role: MemberRole | undefined): boolean => role?.toUpperCase() === "OWNER"

const organizationMemberFields = {
  /** The member's user name. */
  username: Schema.String,
  /** The member's role in the organization. */
  role: MemberRole,
  /** The member's email address. */
  email: Schema.String
}

/**
 * A member as embedded in an organization of the current shape.
 *
 * @example
 * ```ts
 * import { Organization } from "effect-mem0"
 *
 * const member = new Organization.OrganizationMember({ username: "ana", role: "OWNER", email: "ana@example.com" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class OrganizationMember extends Schema.Class<OrganizationMember>("effect-mem0/OrganizationMember")(
  optionalFields(organizationMemberFields)
) {}

const organizationMemberWire = tolerantModel("OrganizationMember", {}, organizationMemberFields, OrganizationMember)

/**
 * An embedded member as sent on the wire (every field optional; `null` or a drifted value read as absent),
 * decoding to {@link OrganizationMember}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const member = Schema.decodeUnknownSync(Organization.OrganizationMemberFromWire)({ username: "ana", role: 3 }) // role read as absent
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationMemberFromWire = organizationMemberWire.schema

const organizationFields = {
  /** Numeric id (seed shape only). */
  id: Schema.Int,
  /** Free-text description (seed shape). */
  description: Schema.String,
  /** Postal address (seed shape). */
  address: Schema.String,
  /** Contact email (seed shape). */
  contact_email: Schema.String,
  /** Contact phone number (seed shape). */
  phone_number: Schema.String,
  /** Website URL (seed shape). */
  website: Schema.String,
  /** Whether the organization pays (seed shape). */
  on_paid_plan: Schema.Boolean,
  /** When the organization was created. */
  created_at: Schema.DateTimeUtc,
  /** When the organization was last changed. */
  updated_at: Schema.DateTimeUtc,
  /** Numeric user id of the owner (seed shape). */
  owner: Schema.Int,
  /** Members: integer user ids (seed shape) or member objects (current shape). */
  members: Schema.Array(Schema.Union(Schema.Int, OrganizationMemberFromWire)),
  /** Whether this is the caller's default organization (current shape). */
  is_default: Schema.Boolean,
  /** Whether bring-your-own-key is enabled (current shape). */
  byok_enabled: Schema.Boolean,
  /** Pending invitations, shape undocumented (current shape). */
  invitations: Schema.Array(Schema.Unknown),
  /** Pricing plan of the owner, e.g. `free` or `pro` (current shape). */
  owner_pricing_plan: Schema.String,
  /** Whether the caller owns the organization (current shape). */
  is_owner: Schema.Boolean,
  /** The caller's role in the organization (current shape). */
  user_role: MemberRole
}

const organizationRequired = {
  /** The organization's string identifier, used in every path. */
  org_id: OrgId,
  /** Display name. */
  name: Schema.String
}

/**
 * An organization, in either documented shape.
 *
 * `members` holds integer user ids (seed shape) or {@link OrganizationMember}
 * objects (current shape); {@link memberCount} counts either.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client, type Organization } from "effect-mem0"
 *
 * const names = Effect.map(Mem0Client.listOrganizations(), (orgs: ReadonlyArray<Organization.Organization>) =>
 *   orgs.map((org) => `${org.name} (${org.org_id})`))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class Organization extends Schema.Class<Organization>("effect-mem0/Organization")({
  ...organizationRequired,
  ...optionalFields(organizationFields)
}) {}

const organizationWire = tolerantModel("Organization", organizationRequired, organizationFields, Organization, {
  // Integer ids (seed shape) or member objects (current shape), element by element without a Schema union.
  members: embeddedList(organizationMemberWire.decodeEmbedded, (element) => Number.isSafeInteger(element))
})

/**
 * An organization as sent on the wire: only `org_id` and `name` required;
 * `null` or a drifted value in another field read as absent; unknown fields
 * ignored. Decodes to {@link Organization}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const org = Schema.decodeUnknownSync(Organization.OrganizationFromWire)({ org_id: "org_1", name: "Acme", website: null })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationFromWire = organizationWire.schema

/**
 * The body of `GET /api/v1/orgs/organizations/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const orgs = Schema.decodeUnknownSync(Organization.OrganizationList)([{ org_id: "org_1", name: "Acme", members: [1, 2] }])
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationList = wireList(organizationWire)

/**
 * The number of members an organization lists, in either shape;
 * `undefined` when the response did not say.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const [org] = Schema.decodeUnknownSync(Organization.OrganizationList)([{ org_id: "o", name: "n", members: [1, 2] }])
 * Organization.memberCount(org!) // 2
 * ```
 *
 * @since 0.1.0
 * @category accessors
 */
export const memberCount = (org: Organization): number | undefined => org.members?.length

/**
 * The caller's role in an organization: `user_role` when sent, else `OWNER`
 * when `is_owner` is true; `undefined` when the response does not tell.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const [org] = Schema.decodeUnknownSync(Organization.OrganizationList)([{ org_id: "o", name: "n", is_owner: true }])
 * Organization.callerRole(org!) // "OWNER"
 * ```
 *
 * @since 0.1.0
 * @category accessors
 */
export const callerRole = (org: Organization): MemberRole | undefined =>
  org.user_role ?? (org.is_owner === true ? "OWNER" : undefined)

const memberRequired = {
  /** The member's user id. Some deployments send a number: it is kept as text. */
  user_id: Schema.Union(
    Schema.String,
    Schema.transform(Schema.Int, Schema.String, { strict: true, decode: String, encode: Number })
  ),
  /** The member's role. */
  role: MemberRole
}

const memberOptional = {
  /** The member's email, when sent. */
  email: Schema.String,
  /** The member's user name, when sent. */
  username: Schema.String
}

/**
 * A member of an organization, from `GET .../{org_id}/members/`.
 * `email` and `username` are kept when the server sends them.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client, Organization } from "effect-mem0"
 *
 * const labels = Effect.map(Mem0Client.listMembers("org_123"), (members: ReadonlyArray<Organization.Member>) =>
 *   members.map(Organization.memberLabel))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class Member extends Schema.Class<Member>("effect-mem0/Member")({
  ...memberRequired,
  ...optionalFields(memberOptional)
}) {}

const memberWire = tolerantModel("Member", memberRequired, memberOptional, Member)

/**
 * A member as sent on the wire (`user_id` and `role` required; `null` or a drifted
 * value in another field read as absent), decoding to {@link Member}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const member = Schema.decodeUnknownSync(Organization.MemberFromWire)({ user_id: 42, role: "READER" }) // user_id "42"
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MemberFromWire = memberWire.schema

/**
 * The body of `GET .../{org_id}/members/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const { members } = Schema.decodeUnknownSync(Organization.MembersResponse)({ members: [{ user_id: "u1", role: "OWNER" }] })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MembersResponse = Schema.Struct({
  /** The organization's members. */
  members: wireList(memberWire)
})

/**
 * A human label for a member: email, else user name, else user id.
 *
 * @example
 * ```ts
 * import { Organization } from "effect-mem0"
 *
 * Organization.memberLabel(new Organization.Member({ user_id: "u1", role: "READER", email: "bo@example.com" })) // "bo@example.com"
 * ```
 *
 * @since 0.1.0
 * @category accessors
 */
export const memberLabel = (member: Member): string => member.email ?? member.username ?? member.user_id
