/**
 * Schemas of Mem0's Projects API and of `GET /v1/ping/`.
 *
 * Every memory lives in an organization and a project. A project has a
 * `project_id` and a `name` (the only required fields) and many settings;
 * like organizations, an optional field that is `null` or of the wrong type
 * is read as absent. Note the API's quirks: `custom_instructions` is a string
 * when read and a list of strings in a PATCH body (the client converts), and
 * a project's members list `username` and `role` (no user id).
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const projects = Schema.decodeUnknownSync(Project.ProjectList)([
 *   { project_id: "proj_1", name: "Support bot", enable_graph: true, custom_instructions: "Keep names." }
 * ])
 * ```
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { embeddedList, optionalFields, tolerantModel, wireList } from "./internal/wire.js"
import { MemberRole } from "./Organization.js"

/**
 * A project's string identifier (`project_id`), branded.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const id: Project.ProjectId = Schema.decodeUnknownSync(Project.ProjectId)("proj_1")
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export const ProjectId = Schema.String.pipe(Schema.brand("effect-mem0/ProjectId"))

/**
 * @since 0.2.0
 * @category models
 */
export type ProjectId = typeof ProjectId.Type

const projectMemberFields = {
  /** The member's user name. */
  username: Schema.String,
  /** The member's role in the project. */
  role: MemberRole,
  /** The member's email address (sent where the project embeds its members). */
  email: Schema.String
}

/**
 * A member of a project: in a project's `members`, or from `GET .../projects/{project_id}/members/`.
 *
 * @example
 * ```ts
 * import { Project } from "effect-mem0"
 *
 * const member = new Project.ProjectMember({ username: "ana", role: "OWNER" })
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export class ProjectMember extends Schema.Class<ProjectMember>("effect-mem0/ProjectMember")(
  optionalFields(projectMemberFields)
) {}

const projectMemberWire = tolerantModel("ProjectMember", {}, projectMemberFields, ProjectMember)

/**
 * A project member as sent on the wire (every field optional; `null` or a
 * drifted value read as absent), decoding to {@link ProjectMember}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const member = Schema.decodeUnknownSync(Project.ProjectMemberFromWire)({ username: "ana", role: "READER" })
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const ProjectMemberFromWire = projectMemberWire.schema

const projectFields = {
  /** Free-text description. */
  description: Schema.String,
  /** When the project was created. */
  created_at: Schema.DateTimeUtc,
  /** When the project was last changed. */
  updated_at: Schema.DateTimeUtc,
  /** The project's members. */
  members: Schema.Array(ProjectMemberFromWire),
  /** The configured use case. */
  usecase: Schema.String,
  /** Memory extraction depth. */
  memory_depth: Schema.String,
  /** What to include when extracting memories. */
  inclusion_prompt: Schema.String,
  /** What to exclude when extracting memories. */
  exclusion_prompt: Schema.String,
  /** Custom categories, e.g. `[{ "support_history": "Previous support interactions" }]`. */
  custom_categories: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  /** Custom instructions for memory processing (a string when read). */
  custom_instructions: Schema.String,
  /** Instructions applied when updating existing memories. */
  update_custom_instructions: Schema.String,
  /** Instructions applied when generating summaries. */
  summary_custom_instructions: Schema.String,
  /** Items per batch when generating summaries. */
  summary_batch_size: Schema.Int,
  /** Maximum tokens of a generated summary. */
  summary_max_tokens: Schema.Int,
  /** When the project's memories expire, if set. */
  expiration_date: Schema.String,
  /** Whether graph memory is enabled. */
  enable_graph: Schema.Boolean,
  /** Whether memories are stored and retrieved in the input's language. */
  multilingual: Schema.Boolean,
  /** The API version the project uses. */
  version: Schema.String,
  /** Whether this is the organization's default project. */
  is_default: Schema.Boolean,
  /** The active prompt profile, if any. */
  active_prompt_profile: Schema.String,
  /** Whether memory decay is enabled. */
  decay: Schema.Boolean,
  /** The caller's role in the project. */
  user_role: MemberRole
}

const projectRequired = {
  /** The project's string identifier, used in every path. */
  project_id: ProjectId,
  /** Display name. */
  name: Schema.String
}

/**
 * A project of an organization.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client, type Project } from "effect-mem0"
 *
 * const names = Effect.map(Mem0Client.listProjects("org_1"), (projects: ReadonlyArray<Project.Project>) =>
 *   projects.map((p) => `${p.name} (${p.project_id})`))
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export class Project extends Schema.Class<Project>("effect-mem0/Project")({
  ...projectRequired,
  ...optionalFields(projectFields)
}) {}

const projectWire = tolerantModel("Project", projectRequired, projectFields, Project, {
  members: embeddedList(projectMemberWire.decodeEmbedded)
})

/**
 * A project as sent on the wire: only `project_id` and `name` required;
 * `null` or a drifted value in another field read as absent. Decodes to {@link Project}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const project = Schema.decodeUnknownSync(Project.ProjectFromWire)({ project_id: "p", name: "n", decay: "yes" }) // decay absent
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const ProjectFromWire = projectWire.schema

/**
 * The body of `GET .../{org_id}/projects/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const projects = Schema.decodeUnknownSync(Project.ProjectList)([])
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const ProjectList = wireList(projectWire)

/**
 * The body of `GET .../projects/{project_id}/members/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const { members } = Schema.decodeUnknownSync(Project.ProjectMembersResponse)({ members: [{ username: "ana", role: "OWNER" }] })
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const ProjectMembersResponse = Schema.Struct({
  /** The project's members. */
  members: wireList(projectMemberWire)
})

/**
 * What `GET /v1/ping/` says of an API key: the organization and the project it
 * is bound to, and its user's email (each `undefined` when the answer lacks it).
 *
 * @since 0.2.0
 * @category models
 */
export interface KeyContext {
  /** The organization the key belongs to. */
  readonly orgId: string | undefined
  /** The project the key is bound to. */
  readonly projectId: string | undefined
  /** The email of the key's user. */
  readonly userEmail: string | undefined
}

const pingFields = {
  /** `ok` when the key is valid. */
  status: Schema.String,
  /** The key's organization. */
  org_id: Schema.String,
  /** The key's project. */
  project_id: Schema.String,
  /** The key's user's email. */
  user_email: Schema.String
}

/**
 * The answer of `GET /v1/ping/`, every field optional.
 *
 * @example
 * ```ts
 * import { Project } from "effect-mem0"
 *
 * const answer = new Project.PingAnswer({ status: "ok", org_id: "org_1", project_id: "proj_1" })
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export class PingAnswer extends Schema.Class<PingAnswer>("effect-mem0/PingAnswer")(optionalFields(pingFields)) {}

/**
 * The body of `GET /v1/ping/` as sent on the wire: every field optional, a
 * drifted one read as absent. Decodes to {@link PingAnswer}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Project } from "effect-mem0"
 *
 * const ping = Schema.decodeUnknownSync(Project.PingResponse)({ status: "ok", org_id: "org_1", project_id: "proj_1" })
 * ```
 *
 * @since 0.2.0
 * @category schemas
 */
export const PingResponse = tolerantModel("PingAnswer", {}, pingFields, PingAnswer).schema

/**
 * A human label for a project member: email, else user name, else `(unknown)`.
 *
 * @example
 * ```ts
 * import { Project } from "effect-mem0"
 *
 * Project.projectMemberLabel(new Project.ProjectMember({ username: "ana" })) // "ana"
 * ```
 *
 * @since 0.2.0
 * @category accessors
 */
export const projectMemberLabel = (member: ProjectMember): string => member.email ?? member.username ?? "(unknown)"
