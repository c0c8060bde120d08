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
import * as DateTime from "effect/DateTime"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { reportDrift } from "./internal/drift.js"

/*
 * How drift is tolerated, cheaply: each model is a Schema.Class whose optional
 * fields are plain `optional(X)`. It is decoded from the wire by one
 * transformation from `unknown`: the required fields are decoded by their own
 * schemas (a failure is a parse issue at that field), and each optional field
 * is checked on its own, kept when it matches, and otherwise read as absent
 * with the drift reported (`internal/drift.ts`). `null` counts as absent
 * without being drift. Unknown fields are ignored.
 *
 * The optional checks are exact but fast: `typeof` for strings and booleans,
 * `Number.isSafeInteger` for `Schema.Int`, `DateTime.unsafeMake` for
 * `Schema.DateTimeUtc` (what those schemas do), `Schema.is` for any other
 * schema without a transformation, and the schema's decoder otherwise.
 */
type Fields = Record<string, Schema.Schema.All>
type OptionalFields<F extends Fields> = { readonly [K in keyof F]: Schema.optional<F[K]> }

const optionalFields = <F extends Fields>(fields: F): OptionalFields<F> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Schema.optional(v)])) as unknown as OptionalFields<F>

/** What a field check returns for a value that does not match. */
const INVALID: unique symbol = Symbol("effect-mem0/INVALID")

/** A check of one optional field: the decoded value, or {@link INVALID}. */
type FieldCheck = (u: unknown) => unknown

const fieldCheck = (schema: Schema.Schema.All): FieldCheck => {
  if (schema === Schema.String) return (u) => (typeof u === "string" ? u : INVALID)
  if (schema === Schema.Boolean) return (u) => (typeof u === "boolean" ? u : INVALID)
  if (schema === Schema.Int) return (u) => (Number.isSafeInteger(u) ? u : INVALID)
  if (schema === Schema.DateTimeUtc) {
    return (u) => {
      if (typeof u !== "string") return INVALID
      try {
        return DateTime.unsafeMake(u)
      } catch {
        return INVALID
      }
    }
  }
  const ast = schema.ast
  if (AST.typeAST(ast) === ast && AST.encodedAST(ast) === ast) {
    // No transformation anywhere inside: a valid value is its own decoded value.
    const is = Schema.is(schema as Schema.Schema<unknown>)
    return (u) => (is(u) ? u : INVALID)
  }
  const decode = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
  return (u) => {
    const decoded = decode(u)
    return decoded._tag === "Right" ? decoded.right : INVALID
  }
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/**
 * An instance of a model class, as its constructor builds one with validation
 * off: the class's `Data` base assigns the props to `this`. The constructor
 * would first copy the props and walk every field for defaults; none of these
 * classes has a default, and skipping that walk was a third of the decode
 * (benchmark 3). A test checks instances built both ways are equal.
 */
const instantiate = <T>(model: { readonly prototype: unknown }, props: Record<string, unknown>): T =>
  Object.assign(Object.create(model.prototype as object) as object, props) as T

/**
 * The wire decoding of a model class: `required` fields strictly, each
 * `optional` field on its own (read as absent when `null` or when it does not
 * match, reported as drift at `<name>.<field>`); `overrides` replace the check
 * of some optional fields. Returns the schema and the plain object decoder
 * (for models embedded in others).
 */
const tolerantModel = <R extends Fields, O extends Fields, C extends Schema.Schema.AnyNoContext>(
  name: string,
  required: R,
  optional: O,
  model: C & (new(props: never, disableValidation: true) => Schema.Schema.Type<C>),
  overrides: { readonly [K in keyof O]?: FieldCheck } = {}
) => {
  const requiredChecks = Object.entries(required).map(([key, schema]) =>
    [key, ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>), new AST.Type(schema.ast)] as const
  )
  const optionalChecks = Object.entries(optional).map(([key, schema]) =>
    [key, (overrides as Record<string, FieldCheck | undefined>)[key] ?? fieldCheck(schema), `${name}.${key}`] as const
  )
  /** Builds the instance from an object whose required fields are known to be valid. */
  const build = (wire: Record<string, unknown>, props: Record<string, unknown>): Schema.Schema.Type<C> => {
    for (const [key, check, path] of optionalChecks) {
      const value = wire[key]
      if (value === null || value === undefined) continue
      const decoded = check(value)
      if (decoded === INVALID) reportDrift(path)
      else props[key] = decoded
    }
    return instantiate(model, props)
  }
  const target = Schema.typeSchema(model) as Schema.SchemaClass<Schema.Schema.Type<C>>
  const schema = Schema.transformOrFail(Schema.Unknown, target, {
    strict: false,
    decode: (input, _options, ast) => {
      if (!isObject(input) || Array.isArray(input)) {
        return ParseResult.fail(new ParseResult.Type(ast, input, `expected an object (${name})`))
      }
      const props: Record<string, unknown> = {}
      for (const [key, decode, type] of requiredChecks) {
        const value = input[key]
        if (value === undefined && !(key in input)) {
          return ParseResult.fail(new ParseResult.Pointer(key, input, new ParseResult.Missing(type)))
        }
        const decoded = decode(value)
        if (decoded._tag === "Left") return ParseResult.fail(new ParseResult.Pointer(key, input, decoded.left))
        props[key] = decoded.right
      }
      return ParseResult.succeed(build(input, props))
    },
    encode: (value) => ParseResult.succeed({ ...(value as object) })
  })
  /** Decodes one object of a model without required fields (an embedded model), or INVALID. */
  const decodeEmbedded = (u: unknown): unknown => (isObject(u) ? build(u, {}) : INVALID)
  return { schema, decodeEmbedded }
}

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
export const OrganizationFromWire = tolerantModel("Organization", organizationRequired, organizationFields, Organization, {
  // Integer ids (seed shape) or member objects (current shape), checked element by element without a Schema union.
  members: (u) => {
    if (!Array.isArray(u)) return INVALID
    const out: Array<unknown> = new Array(u.length)
    for (let i = 0; i < u.length; i++) {
      const element: unknown = u[i]
      const decoded = Number.isSafeInteger(element) ? element : organizationMemberWire.decodeEmbedded(element)
      if (decoded === INVALID) return INVALID
      out[i] = decoded
    }
    return out
  }
}).schema

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
export const OrganizationList = Schema.Array(OrganizationFromWire)

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
export const MemberFromWire = tolerantModel("Member", memberRequired, memberOptional, Member).schema

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
  members: Schema.Array(MemberFromWire)
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
