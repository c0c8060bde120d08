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
  DeleteStarted,
  ListEntitiesOptions,
  ListEventsOptions,
  ListMemoriesOptions,
  MemberChange,
  Mem0ClientService,
  NewProject,
  PageOptions,
  ProjectPatch,
  SearchOptions
} from "../Mem0Client.js"
import { Mem0InvalidInput } from "../Mem0Error.js"
import { MembersResponse, OrganizationFromWire, OrganizationList, OrgId } from "../Organization.js"
import { PingResponse, ProjectFromWire, ProjectId, ProjectList, ProjectMembersResponse } from "../Project.js"
import { type Route, type RouteName, Routes } from "../Routes.js"
import { EntityFiltersFromWire, EntityLookupFromWire, EntityPageFromWire, type EntityType } from "../Entity.js"
import { HistoryFromWire, MemoryFromWire, MemoryPageFromWire, SearchResultsFromWire } from "../Memory.js"
import { EventPageFromWire, MemoryEventFromWire } from "../MemoryEvent.js"
import { type EntityFilter, filterProblem } from "../MemoryFilter.js"
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
  /** A read sent as a POST (the memory list and search): retried like a GET. */
  readonly read?: true
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

/** A path segment that is not an organization or project id (memory, entity, event ids). */
const idSegment = (argument: string, value: string, what: string) => {
  const problem = segmentProblem(value, what)
  return problem === undefined ? Effect.succeed(value) : invalid(argument, problem)
}

const optionalSegment = (argument: "orgId" | "projectId", value: string | undefined) =>
  value === undefined ? Effect.succeed(undefined) : segment(argument, value)

/** A number within bounds, when given. */
const bounded = (argument: string, value: number | undefined, min: number, max: number, integer: boolean) =>
  value === undefined
    ? Effect.succeed(undefined)
    : typeof value === "number" && (integer ? Number.isSafeInteger(value) : Number.isFinite(value)) && value >= min && value <= max
    ? Effect.succeed(value)
    : invalid(argument, `${argument} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max === Number.MAX_SAFE_INTEGER ? "up" : max}`)

/** `page` and `page_size` (1 to 200) as query parameters. */
const pageQuery = (options: PageOptions) =>
  Effect.map(
    Effect.all([bounded("page", options.page, 1, Number.MAX_SAFE_INTEGER, true), bounded("pageSize", options.pageSize, 1, 200, true)]),
    ([page, pageSize]) => ({
      ...(page === undefined ? {} : { page: String(page) }),
      ...(pageSize === undefined ? {} : { page_size: String(pageSize) })
    })
  )

/** A filter as sent: checked with Mem0's rules first (a filter made by a cast is refused before sending). */
const filterBody = (filter: EntityFilter, search: boolean) => {
  const json = typeof filter === "object" && filter !== null ? (filter as { json?: unknown }).json : undefined
  const problem = filterProblem(json, { search })
  return problem === undefined ? Effect.succeed(json) : invalid("filter", problem)
}

const ENTITY_TYPES: ReadonlyArray<string> = ["user", "agent", "app", "run"]

/** An entity's type and id, as path parameters. */
const byEntity = (type: EntityType, id: string) =>
  ENTITY_TYPES.includes(type)
    ? Effect.map(idSegment("id", id, "an entity id"), (entity_id): Request => ({ params: { entity_type: type, entity_id } }))
    : invalid("type", "an entity type is user, agent, app or run")

/** A memory's id: `events` is refused, `/v1/memories/events/` being another endpoint. */
const byMemory = (id: string) =>
  id === "events"
    ? invalid("id", "\"events\" is not a memory id (/v1/memories/events/ is another endpoint)")
    : Effect.map(idSegment("id", id, "a memory id"), (memory_id): Request => ({ params: { memory_id } }))

// ---- decoders ---------------------------------------------------------------------------------

/**
 * A decoder made on first use: the memory and entity modules import the client (for their streams), which
 * imports this table, so their schemas may not exist yet when it loads.
 */
const decoder = <A>(schema: () => Schema.Schema<A, unknown>) => {
  let decode: ((u: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  return (u: unknown) => (decode ??= Schema.decodeUnknownEither(schema()))(u)
}

const DeleteStartedBody = Schema.Struct({
  event_id: Schema.optional(Schema.NullOr(Schema.String)),
  message: Schema.optional(Schema.NullOr(Schema.String))
})

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
  stats: { route: route("stats"), request: () => Effect.succeed({ params: {} }), decode: Schema.decodeUnknownEither(StatsResponse) },
  listEntities: {
    route: route("listEntities"),
    request: (options: ListEntitiesOptions = {}) =>
      Effect.map(
        Effect.all([pageQuery(options), optionalSegment("orgId", options.orgId), optionalSegment("projectId", options.projectId)]),
        ([query, orgId, projectId]): Request => ({
          params: {},
          query: { ...query, ...(orgId === undefined ? {} : { org_id: orgId }), ...(projectId === undefined ? {} : { project_id: projectId }) }
        })
      ),
    decode: decoder(() => EntityPageFromWire)
  },
  entityFilters: { route: route("entityFilters"), request: () => Effect.succeed({ params: {} }), decode: decoder(() => EntityFiltersFromWire) },
  getEntity: { route: route("getEntity"), request: byEntity, decode: decoder(() => EntityLookupFromWire) },
  deleteEntity: {
    route: route("deleteEntity"),
    request: byEntity,
    decode: (u: unknown) =>
      Either.map(Schema.decodeUnknownEither(DeleteStartedBody)(u), (b): DeleteStarted => ({
        eventId: b.event_id ?? undefined,
        message: b.message ?? undefined
      }))
  },
  listMemories: {
    route: route("listMemories"),
    read: true,
    request: (filter: EntityFilter, options: ListMemoriesOptions = {}) =>
      Effect.map(Effect.all([filterBody(filter, false), pageQuery(options)]), ([filters, query]): Request => ({
        params: {},
        query,
        body: {
          filters,
          ...(options.showExpired === undefined ? {} : { show_expired: options.showExpired }),
          ...(options.categories === undefined ? {} : { categories: [...options.categories] }),
          ...(options.startDate === undefined ? {} : { start_date: options.startDate }),
          ...(options.endDate === undefined ? {} : { end_date: options.endDate }),
          ...(options.keywords === undefined ? {} : { keywords: options.keywords }),
          ...(options.fields === undefined ? {} : { fields: [...options.fields] })
        }
      })),
    decode: decoder(() => MemoryPageFromWire)
  },
  searchMemories: {
    route: route("searchMemories"),
    read: true,
    request: (query: string, filter: EntityFilter<true>, options: SearchOptions = {}) =>
      Effect.map(
        Effect.all([text("query", query), filterBody(filter, true), bounded("topK", options.topK, 1, 1000, true), bounded("threshold", options.threshold, 0, 1, false)]),
        ([trimmed, filters]): Request => ({
          params: {},
          body: {
            query: trimmed,
            filters,
            ...(options.topK === undefined ? {} : { top_k: options.topK }),
            ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
            ...(options.rerank === undefined ? {} : { rerank: options.rerank }),
            ...(options.showExpired === undefined ? {} : { show_expired: options.showExpired }),
            ...(options.categories === undefined ? {} : { categories: [...options.categories] })
          }
        })
      ),
    decode: decoder(() => SearchResultsFromWire)
  },
  getMemory: { route: route("getMemory"), request: byMemory, decode: decoder(() => MemoryFromWire) },
  deleteMemory: {
    route: route("deleteMemory"),
    request: (id: string, options: { readonly deleteLinked?: boolean } = {}) =>
      Effect.map(byMemory(id), (request): Request => (options.deleteLinked === true ? { ...request, query: { delete_linked: "true" } } : request))
  },
  memoryHistory: { route: route("memoryHistory"), request: byMemory, decode: decoder(() => HistoryFromWire) },
  entityMemories: {
    route: route("entityMemories"),
    request: (type: EntityType, id: string, options: { readonly page?: number } = {}) =>
      Effect.map(Effect.all([byEntity(type, id), bounded("page", options.page, 1, Number.MAX_SAFE_INTEGER, true)]), ([request]): Request => ({
        ...request,
        ...(options.page === undefined ? {} : { query: { page: String(options.page) } })
      })),
    decode: decoder(() => MemoryPageFromWire)
  },
  listEvents: {
    route: route("listEvents"),
    request: (options: ListEventsOptions = {}) =>
      Effect.map(pageQuery(options), (query): Request => ({
        params: {},
        query: {
          ...query,
          ...(options.eventType === undefined ? {} : { event_type: options.eventType }),
          ...(options.status === undefined ? {} : { status: options.status })
        }
      })),
    decode: Schema.decodeUnknownEither(EventPageFromWire)
  },
  getEvent: {
    route: route("getEvent"),
    request: (id: string) => Effect.map(idSegment("eventId", id, "an event id"), (event_id): Request => ({ params: { event_id } })),
    decode: Schema.decodeUnknownEither(MemoryEventFromWire)
  }
} satisfies Table
