/**
 * Every operation of the API, declared once: its route (`Routes.ts`), the
 * checks of its arguments and what they send (path parameters, body, query),
 * and how a 2xx body decodes. `client.ts` maps this table through the one
 * request pipeline to build the service; the table `satisfies` the
 * documented `Mem0ClientService`, so the two cannot disagree. Adding an
 * endpoint is one entry here (and its route).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type {
  CreatedOrganization,
  CreatedProject,
  MemberChange,
  Mem0ClientService,
  NewProject,
  ProjectPatch
} from "../Mem0Client.js"
import { Mem0InvalidInput } from "../Mem0Error.js"
import { MembersResponse, OrganizationFromWire, OrganizationList, OrgId } from "../Organization.js"
import { PingResponse, ProjectFromWire, ProjectId, ProjectList, ProjectMembersResponse } from "../Project.js"
import { type Route, type RouteName, Routes } from "../Routes.js"
import { StatsResponse } from "../Stats.js"
import { segmentProblem } from "./path.js"

/** What one call sends, once its arguments are checked. */
export interface Request {
  /** The values of the route's `{name}` parameters. */
  readonly params: Readonly<Record<string, string>>
  /** Sent as JSON. */
  readonly body?: unknown
  /** Query parameters (sent, never named in errors, logs or spans). */
  readonly query?: Readonly<Record<string, string>>
}

/** One operation: its route, its arguments' checks, its body's decoder (none: any 2xx means done). */
export interface Declaration<Args extends ReadonlyArray<unknown>, A> {
  readonly route: Route
  readonly request: (...args: Args) => Effect.Effect<Request, Mem0InvalidInput>
  readonly decode?: (u: unknown) => Either.Either<A, ParseResult.ParseError>
}

type Operations = Omit<Mem0ClientService, "baseUrl">

/** The declaration each operation of the service must have: its arguments, and what it succeeds with. */
export type Table = {
  readonly [K in keyof Operations]: Declaration<
    Parameters<Operations[K]>,
    ReturnType<Operations[K]> extends Effect.Effect<infer A, unknown, unknown> ? A : never
  >
}

// ---- argument checks --------------------------------------------------------------------------

const invalid = (argument: string, reason: string) => Effect.fail(new Mem0InvalidInput({ argument, reason }))

const segment = (argument: "orgId" | "projectId", value: string) => {
  const problem = segmentProblem(value, argument === "orgId" ? "an organization id" : "a project id")
  return problem === undefined ? Effect.succeed(value) : invalid(argument, problem)
}

const text = (argument: string, value: string): Effect.Effect<string, Mem0InvalidInput> =>
  typeof value === "string" && value.trim() !== "" ? Effect.succeed(value.trim()) : invalid(argument, `${argument} must not be empty`)

/** A member change's body: a non-empty email and role, trimmed (organizations and projects alike). */
const member = (change: MemberChange) =>
  Effect.map(Effect.all([text("email", change.email), text("role", change.role)]), ([email, role]) => ({ email, role }))

const org = (orgId: string) => Effect.map(segment("orgId", orgId), (org_id) => ({ org_id }))

const project = (orgId: string, projectId: string) =>
  Effect.map(Effect.all([segment("orgId", orgId), segment("projectId", projectId)]), ([org_id, project_id]) => ({ org_id, project_id }))

/** A call that sends an organization's id only. */
const byOrg = (orgId: string) => Effect.map(org(orgId), (params): Request => ({ params }))

/** A call that sends a project's ids only. */
const byProject = (orgId: string, projectId: string) => Effect.map(project(orgId, projectId), (params): Request => ({ params }))

/** An organization member's change: the id, then the member. */
const orgMemberChange = (orgId: string, change: MemberChange) =>
  Effect.map(Effect.all([org(orgId), member(change)]), ([params, body]): Request => ({ params, body }))

/** A project member's change: the member, then the ids. */
const projectMemberChange = (orgId: string, projectId: string, change: MemberChange) =>
  Effect.map(Effect.all([member(change), project(orgId, projectId)]), ([body, params]): Request => ({ params, body }))

// ---- decoders ---------------------------------------------------------------------------------

const CreatedBody = Schema.Struct({ org_id: OrgId, message: Schema.optional(Schema.NullOr(Schema.String)) })
const CreatedProjectBody = Schema.Struct({ project_id: ProjectId, message: Schema.optional(Schema.NullOr(Schema.String)) })
const decodeMembers = Schema.decodeUnknownEither(MembersResponse)
const decodeProjectMembers = Schema.decodeUnknownEither(ProjectMembersResponse)
const decodePing = Schema.decodeUnknownEither(PingResponse)

/** A project change as the PATCH body says it: `custom_instructions` is a list there (a string when read). */
const patchBody = (patch: ProjectPatch): Record<string, unknown> => {
  const { custom_instructions, ...rest } = patch
  return custom_instructions === undefined ? { ...rest } : { ...rest, custom_instructions: [custom_instructions] }
}

const route = (name: RouteName): Route => Routes[name]

// ---- the table --------------------------------------------------------------------------------

export const operations = {
  listOrganizations: {
    route: route("listOrganizations"),
    request: () => Effect.succeed({ params: {} }),
    decode: Schema.decodeUnknownEither(OrganizationList)
  },
  getOrganization: {
    route: route("getOrganization"),
    request: byOrg,
    decode: Schema.decodeUnknownEither(OrganizationFromWire)
  },
  listMembers: {
    route: route("listMembers"),
    request: byOrg,
    decode: (u: unknown) => Either.map(decodeMembers(u), (body) => body.members)
  },
  createOrganization: {
    route: route("createOrganization"),
    request: (name: string) => Effect.map(text("name", name), (trimmed) => ({ params: {}, body: { name: trimmed } })),
    decode: (u: unknown) =>
      Either.map(Schema.decodeUnknownEither(CreatedBody)(u), (b): CreatedOrganization => ({ orgId: b.org_id, message: b.message ?? undefined }))
  },
  deleteOrganization: {
    route: route("deleteOrganization"),
    request: byOrg
  },
  addMember: { route: route("addMember"), request: orgMemberChange },
  updateMemberRole: { route: route("updateMemberRole"), request: orgMemberChange },
  removeMember: {
    route: route("removeMember"),
    request: (orgId: string, email: string) =>
      Effect.map(Effect.all([org(orgId), text("email", email)]), ([params, trimmed]) => ({ params, body: { email: trimmed } }))
  },
  listProjects: {
    route: route("listProjects"),
    request: byOrg,
    decode: Schema.decodeUnknownEither(ProjectList)
  },
  getProject: {
    route: route("getProject"),
    request: byProject,
    decode: Schema.decodeUnknownEither(ProjectFromWire)
  },
  createProject: {
    route: route("createProject"),
    request: (orgId: string, created: NewProject) =>
      Effect.map(Effect.all([org(orgId), text("name", created.name)]), ([params, name]) => ({
        params,
        body: created.description === undefined ? { name } : { name, description: created.description }
      })),
    decode: (u: unknown) =>
      Either.map(Schema.decodeUnknownEither(CreatedProjectBody)(u), (b): CreatedProject => ({
        projectId: b.project_id,
        message: b.message ?? undefined
      }))
  },
  updateProject: {
    route: route("updateProject"),
    request: (orgId: string, projectId: string, patch: ProjectPatch) =>
      Effect.map(project(orgId, projectId), (params) => ({ params, body: patchBody(patch) }))
  },
  deleteProject: {
    route: route("deleteProject"),
    request: byProject
  },
  listProjectMembers: {
    route: route("listProjectMembers"),
    request: byProject,
    decode: (u: unknown) => Either.map(decodeProjectMembers(u), (body) => body.members)
  },
  addProjectMember: { route: route("addProjectMember"), request: projectMemberChange },
  updateProjectMemberRole: { route: route("updateProjectMemberRole"), request: projectMemberChange },
  // Unlike the organization's, a project's member is removed with `?email=`, not a JSON body.
  removeProjectMember: {
    route: route("removeProjectMember"),
    request: (orgId: string, projectId: string, email: string) =>
      Effect.map(Effect.all([text("email", email), project(orgId, projectId)]), ([trimmed, params]) => ({ params, query: { email: trimmed } }))
  },
  ping: {
    route: route("ping"),
    request: () => Effect.succeed({ params: {} }),
    decode: (u: unknown) =>
      Either.map(decodePing(u), (answer) => ({ orgId: answer.org_id, projectId: answer.project_id, userEmail: answer.user_email }))
  },
  stats: { route: route("stats"), request: () => Effect.succeed({ params: {} }), decode: Schema.decodeUnknownEither(StatsResponse) }
} satisfies Table
