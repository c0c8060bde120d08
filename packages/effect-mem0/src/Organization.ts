/**
 * Schemas of Mem0's Organizations and Members API.
 *
 * The API has drifted: the first documented `GET /api/v1/orgs/organizations/`
 * (the "seed" shape) returned `id`, `owner` and `members` as integer ids; the
 * current one returns `members` as `{ username, role, email }` objects and new
 * fields (`is_default`, `byok_enabled`, `user_role`, ...). These schemas decode
 * both. Only `org_id` and `name` are required, unknown fields are ignored,
 * and `null` where a value is expected counts as absent.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { OrganizationList } from "effect-mem0"
 *
 * const orgs = Schema.decodeUnknownSync(OrganizationList)([
 *   { org_id: "org_1", name: "Acme", members: [1, 2] },
 *   { org_id: "org_2", name: "Beta", members: [{ username: "ana", role: "OWNER" }] }
 * ])
 * ```
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** An optional field where JSON `null` means "absent". */
const nullable = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { nullable: true })

/**
 * An organization's string identifier (`org_id`), branded so it cannot be
 * mixed up with other strings.
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
 * @since 0.1.0
 * @category predicates
 */
export const isOwnerRole = (role: MemberRole | undefined): boolean => role?.toUpperCase() === "OWNER"

/**
 * A member as embedded in an organization of the current shape.
 *
 * @since 0.1.0
 * @category models
 */
export class OrganizationMember extends Schema.Class<OrganizationMember>("effect-mem0/OrganizationMember")({
  /** The member's user name. */
  username: nullable(Schema.String),
  /** The member's role in the organization. */
  role: nullable(MemberRole),
  /** The member's email address. */
  email: nullable(Schema.String)
}) {}

/**
 * An organization, in either documented shape.
 *
 * `members` holds integer user ids (seed shape) or {@link OrganizationMember}
 * objects (current shape); {@link memberCount} counts either.
 *
 * @since 0.1.0
 * @category models
 */
export class Organization extends Schema.Class<Organization>("effect-mem0/Organization")({
  /** The organization's string identifier, used in every path. */
  org_id: OrgId,
  /** Display name. */
  name: Schema.String,
  /** Numeric id (seed shape only). */
  id: nullable(Schema.Int),
  /** Free-text description (seed shape). */
  description: nullable(Schema.String),
  /** Postal address (seed shape). */
  address: nullable(Schema.String),
  /** Contact email (seed shape). */
  contact_email: nullable(Schema.String),
  /** Contact phone number (seed shape). */
  phone_number: nullable(Schema.String),
  /** Website URL (seed shape). */
  website: nullable(Schema.String),
  /** Whether the organization pays (seed shape). */
  on_paid_plan: nullable(Schema.Boolean),
  /** When the organization was created. */
  created_at: nullable(Schema.DateTimeUtc),
  /** When the organization was last changed. */
  updated_at: nullable(Schema.DateTimeUtc),
  /** Numeric user id of the owner (seed shape). */
  owner: nullable(Schema.Int),
  /** Members: integer user ids (seed shape) or member objects (current shape). */
  members: nullable(Schema.Array(Schema.Union(Schema.Int, OrganizationMember))),
  /** Whether this is the caller's default organization (current shape). */
  is_default: nullable(Schema.Boolean),
  /** Whether bring-your-own-key is enabled (current shape). */
  byok_enabled: nullable(Schema.Boolean),
  /** Pending invitations, shape undocumented (current shape). */
  invitations: nullable(Schema.Array(Schema.Unknown)),
  /** Pricing plan of the owner, e.g. `free` or `pro` (current shape). */
  owner_pricing_plan: nullable(Schema.String),
  /** Whether the caller owns the organization (current shape). */
  is_owner: nullable(Schema.Boolean),
  /** The caller's role in the organization (current shape). */
  user_role: nullable(MemberRole)
}) {}

/**
 * The body of `GET /api/v1/orgs/organizations/`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationList = Schema.Array(Organization)

/**
 * The number of members an organization lists, in either shape;
 * `undefined` when the response did not say.
 *
 * @since 0.1.0
 * @category accessors
 */
export const memberCount = (org: Organization): number | undefined => org.members?.length

/**
 * The caller's role in an organization: `user_role` when sent, else `OWNER`
 * when `is_owner` is true; `undefined` when the response does not tell.
 *
 * @since 0.1.0
 * @category accessors
 */
export const callerRole = (org: Organization): MemberRole | undefined =>
  org.user_role ?? (org.is_owner === true ? "OWNER" : undefined)

/**
 * A member of an organization, from `GET .../{org_id}/members/`.
 * `email` and `username` are kept when the server sends them.
 *
 * @since 0.1.0
 * @category models
 */
export class Member extends Schema.Class<Member>("effect-mem0/Member")({
  /** The member's user id. Some deployments send a number: it is kept as text. */
  user_id: Schema.Union(
    Schema.String,
    Schema.transform(Schema.Int, Schema.String, { strict: true, decode: String, encode: Number })
  ),
  /** The member's role. */
  role: MemberRole,
  /** The member's email, when sent. */
  email: nullable(Schema.String),
  /** The member's user name, when sent. */
  username: nullable(Schema.String)
}) {}

/**
 * The body of `GET .../{org_id}/members/`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MembersResponse = Schema.Struct({
  /** The organization's members. */
  members: Schema.Array(Member)
})

/**
 * A human label for a member: email, else user name, else user id.
 *
 * @since 0.1.0
 * @category accessors
 */
export const memberLabel = (member: Member): string => member.email ?? member.username ?? member.user_id
