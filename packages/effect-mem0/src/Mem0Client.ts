/**
 * The Mem0 Organizations and Members client, as an Effect service.
 *
 * The client requires an `HttpClient.HttpClient` and does not pick one:
 * provide `FetchHttpClient.layer` (Node 20, browsers), `NodeHttpClient`, or
 * your own. Reads are `GET`s, retried by a `Schedule`; changes (`POST`,
 * `PUT`, `DELETE`) are not retried unless the layer allows their method.
 * Every call has a per-attempt timeout, an overall deadline, a span
 * (`Mem0Client.<operation>`, for whichever tracer is installed; Effect's
 * built-in one records none, so none is made there) and one debug log line
 * per attempt. The API key is `Redacted` and never reaches a log, a span or
 * an error.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { Mem0Client } from "effect-mem0"
 *
 * const program = Effect.gen(function* () {
 *   const mem0 = yield* Mem0Client.Mem0Client
 *   const orgs = yield* mem0.listOrganizations()
 *   for (const org of orgs) console.log(org.org_id, org.name)
 * })
 *
 * program.pipe(
 *   Effect.provide(Mem0Client.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Schedule from "effect/Schedule"
import * as internal from "./internal/client.js"
import * as options from "./internal/options.js"
import * as retry from "./internal/retry.js"
import { type KeyProblem, keyProblem } from "./internal/secret.js"
import { Mem0ConfigError, type Mem0RequestError } from "./Mem0Error.js"
import type { Member, MemberRole, Organization, OrgId } from "./Organization.js"
import type { Entity, EntityFilters, EntityPage, EntityType } from "./Entity.js"
import type { HistoryEntry, Memory, MemoryPage } from "./Memory.js"
import type { EventPage, EventStatus, MemoryEvent } from "./MemoryEvent.js"
import type { EntityFilter } from "./MemoryFilter.js"
import type { MemoryStats } from "./Stats.js"
import type { KeyContext, Project, ProjectId, ProjectMember } from "./Project.js"

/**
 * Where the client sends requests when no base URL is given: `https://api.mem0.ai`.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 * console.log(Mem0Client.DEFAULT_BASE_URL)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_BASE_URL: string = options.DEFAULT_BASE_URL

/**
 * The largest response body the client reads by default: 10 MiB.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 * const twice = Mem0Client.DEFAULT_MAX_RESPONSE_BYTES * 2
 * ```
 *
 * @since 0.2.0
 * @category constants
 */
export const DEFAULT_MAX_RESPONSE_BYTES: number = options.DEFAULT_MAX_RESPONSE_BYTES

/**
 * The numbers of the default backoff, for {@link retrySchedule}: every field
 * is optional.
 *
 * @since 0.2.0
 * @category options
 */
export interface BackoffOptions {
  /** Retries after the first attempt (so attempts = maxRetries + 1), 0 to 10. Default 2. */
  readonly maxRetries?: number
  /** Backoff before retry n (from 0) is `baseDelay × 2^n`, jittered. Default 500 ms. */
  readonly baseDelay?: Duration.DurationInput
  /** Upper bound of one backoff delay. Default 8 s. */
  readonly maxDelay?: Duration.DurationInput
  /** Fraction of the delay removed at random (0 to 1), so clients do not retry in step. Default 0.25. */
  readonly jitter?: number
  /** Statuses retried. Default 408, 429, 500, 502, 503, 504. */
  readonly retryStatuses?: ReadonlyArray<number>
}

/**
 * How failed requests are retried. Give a `schedule`, or the numbers of the
 * default backoff (ignored when a `schedule` is given).
 *
 * Whatever the schedule, the client only retries the `retryMethods`, waits as
 * long as a `Retry-After` asks (failing at once beyond `maxRetryAfter`), never
 * retries sooner than 100 ms, never past the call's deadline, and an
 * interruption cancels a pending wait.
 *
 * @example
 * ```ts
 * import * as Schedule from "effect/Schedule"
 * import { Mem0Client } from "effect-mem0"
 *
 * // every 200 ms, at most 5 times, whatever failed (within the rules above)
 * const retry: Mem0Client.RetryOptions = {
 *   schedule: Schedule.spaced("200 millis").pipe(Schedule.intersect(Schedule.recurs(5)))
 * }
 * ```
 *
 * @since 0.1.0
 * @category options
 */
export interface RetryOptions extends BackoffOptions {
  /**
   * Decides whether and when to retry, given each failed attempt's error.
   * Default {@link defaultRetrySchedule}.
   */
  readonly schedule?: Schedule.Schedule<unknown, Mem0RequestError>
  /** A server wait longer than this fails at once with the wait, rather than sleeping. Default 60 s. */
  readonly maxRetryAfter?: Duration.DurationInput
  /**
   * Methods retried; non-idempotent calls are never retried blindly. Default `["GET"]`. The memory list and
   * search are reads although Mem0 makes them POSTs: they are retried when GET is.
   */
  readonly retryMethods?: ReadonlyArray<string>
}

/**
 * Time limits of a call.
 *
 * @since 0.1.0
 * @category options
 */
export interface TimeoutOptions {
  /** Limit of one attempt, headers and body. Default 30 s. */
  readonly perAttempt?: Duration.DurationInput
  /** Limit of the whole call, retries and waits included. Default 60 s. */
  readonly total?: Duration.DurationInput
}

/**
 * Options of {@link layer} and {@link make}.
 *
 * @since 0.1.0
 * @category options
 */
export interface Mem0ClientOptions {
  /** The Mem0 API key. Prefer `Redacted.make(key)`; a plain string is wrapped at once. */
  readonly apiKey: Redacted.Redacted<string> | string
  /** API origin, default {@link DEFAULT_BASE_URL}. Must be `http:` or `https:`. */
  readonly baseUrl?: string
  /** Retry policy; `false` turns retries off. */
  readonly retry?: RetryOptions | false
  /** Time limits. */
  readonly timeout?: TimeoutOptions
  /**
   * The largest response body read, in bytes; a larger one fails with
   * `Mem0ResponseTooLarge` without being buffered. Default
   * {@link DEFAULT_MAX_RESPONSE_BYTES} (10 MiB).
   */
  readonly maxResponseBytes?: number
  /**
   * Changes the `HttpClient` the client uses (a proxy, extra headers, a test
   * double), as `@effect/ai-openai` does. Applied once, when the client is built.
   */
  readonly transformClient?: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

/**
 * The default time limits: 30 s per attempt, 60 s per call.
 *
 * @example
 * ```ts
 * import * as Duration from "effect/Duration"
 * import { Mem0Client } from "effect-mem0"
 * console.log(Duration.toSeconds(Mem0Client.defaultTimeout.total)) // 60
 * ```
 *
 * @since 0.1.0
 * @category options
 */
export const defaultTimeout: { readonly perAttempt: Duration.Duration; readonly total: Duration.Duration } =
  options.DEFAULT_TIMEOUT

/**
 * Whether a retry may cure an error: a transport failure, an attempt that ran
 * out of time, or a status among `statuses` (default 408, 429, 500, 502, 503,
 * 504). Never a decode error, another 4xx, or the call's deadline. Use it to
 * build your own schedule with `Schedule.whileInput`.
 *
 * @example
 * ```ts
 * import * as Schedule from "effect/Schedule"
 * import { Mem0Client } from "effect-mem0"
 *
 * const schedule = Schedule.spaced("1 second").pipe(
 *   Schedule.intersect(Schedule.recurs(3)),
 *   Schedule.whileInput((error: Mem0Client.Mem0RequestError) => Mem0Client.isRetryable(error))
 * )
 * ```
 *
 * @since 0.2.0
 * @category retries
 */
export const isRetryable: (error: Mem0RequestError, statuses?: ReadonlySet<number>) => boolean = retry.isRetryable

/**
 * The default-shaped retry schedule with other numbers: exponential backoff
 * (`baseDelay × 2^n`, capped at `maxDelay`, up to `jitter` of it removed at
 * random), at most `maxRetries` retries, only of errors {@link isRetryable}
 * with `retryStatuses`. The numbers follow the layers' rule (`maxRetries` a whole number
 * from 0 to 10, `jitter` from 0 to 1, delays zero or more): one out of range throws the same
 * `Mem0ConfigError` a layer fails with for it.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 *
 * const patient = Mem0Client.retrySchedule({ maxRetries: 5, baseDelay: "1 second" })
 * const layer = Mem0Client.layerConfig({ retry: { schedule: patient } })
 * ```
 *
 * @since 0.2.0
 * @category retries
 */
export const retrySchedule = (backoff: BackoffOptions = {}): Schedule.Schedule<unknown, Mem0RequestError> =>
  // The layers' own rule (a value out of range is the same Mem0ConfigError there), thrown here: a
  // schedule is built from constants, so a bad one is a programming error.
  retry.backoffSchedule(Either.getOrThrowWith(options.checkBackoff(backoff), (error: Mem0ConfigError) => error))

/**
 * The default retry schedule: at most 2 retries, 500 ms × 2^n backoff with up
 * to 25 % jitter, capped at 8 s, of transport failures, attempt timeouts and
 * statuses 408, 429, 500, 502, 503 and 504. Compose it like any schedule.
 *
 * @example
 * ```ts
 * import * as Schedule from "effect/Schedule"
 * import { Mem0Client } from "effect-mem0"
 *
 * // the default, but never more than 2 seconds of waiting in all
 * const bounded = Mem0Client.defaultRetrySchedule.pipe(Schedule.upTo("2 seconds"))
 * ```
 *
 * @since 0.2.0
 * @category retries
 */
export const defaultRetrySchedule: Schedule.Schedule<unknown, Mem0RequestError> = retrySchedule()

/**
 * Why a Mem0 API key cannot be used, in words for people (e.g. "the API key
 * contains a space"), or `undefined` when it can. Surrounding whitespace is
 * ignored, as the client trims the key. The client refuses such keys when it
 * is built; a UI can check a typed key with the same rule.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 * Mem0Client.apiKeyProblem(" m0-abc ")     // undefined
 * Mem0Client.apiKeyProblem("m0 abc")?._tag // "Space"
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const apiKeyProblem = (key: string): ApiKeyProblem | undefined => keyProblem(key.trim())

/**
 * Why a key cannot be used, as a tagged value (`Empty`, `ControlCharacter`, `Space`,
 * `NotPrintableAscii`) with a message in English: a caller words it its own way by the tag.
 *
 * @since 0.3.0
 * @category models
 */
export type ApiKeyProblem = KeyProblem

/**
 * Why a base URL cannot be used, as a tagged value (`NotAUrl`, `NotHttp`, `Credentials`,
 * `QueryOrFragment`, `PlainHttp` with the `origin`), with a message that never repeats the URL.
 *
 * @since 0.3.0
 * @category models
 */
export type BaseUrlProblem = options.BaseUrlProblem

/**
 * The one rule for a base URL, as `make` and the layers apply it: `https://`, or `http://` to this
 * machine only (`localhost`, `127.0.0.1`, `[::1]`), so a key never crosses a network unencrypted;
 * no credentials, query or fragment. `undefined` when the URL can be used.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 *
 * Mem0Client.baseUrlProblem("https://api.mem0.ai")            // undefined
 * Mem0Client.baseUrlProblem("http://api.example.com")?._tag    // "PlainHttp"
 * Mem0Client.baseUrlProblem("https://user:pw@api.mem0.ai")?._tag // "Credentials"
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const baseUrlProblem = (raw: string): BaseUrlProblem | undefined => {
  const checked = options.checkBaseUrl(raw)
  return "problem" in checked ? checked.problem : undefined
}

/**
 * Every error a call (as opposed to building the client) can fail with; the
 * same type as `Mem0Error.Mem0RequestError`.
 *
 * @since 0.1.0
 * @category errors
 */
export type { Mem0RequestError } from "./Mem0Error.js"

/**
 * A member to add, or whose role to change.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemberChange {
  /** The member's email address. */
  readonly email: string
  /** `OWNER` or `READER`. */
  readonly role: MemberRole
}

/**
 * What creating an organization returns.
 *
 * @since 0.1.0
 * @category models
 */
export interface CreatedOrganization {
  /** The new organization's id. */
  readonly orgId: OrgId
  /** Mem0's confirmation, e.g. "Organization created successfully." */
  readonly message: string | undefined
}

/**
 * A project to create.
 *
 * @since 0.2.0
 * @category models
 */
export interface NewProject {
  /** The project's name. */
  readonly name: string
  /** An optional description. */
  readonly description?: string
}

/**
 * What creating a project returns.
 *
 * @since 0.2.0
 * @category models
 */
export interface CreatedProject {
  /** The new project's id. */
  readonly projectId: ProjectId
  /** Mem0's confirmation, e.g. "Project created successfully." */
  readonly message: string | undefined
}

/**
 * Which page of a list.
 *
 * @since 0.3.0
 * @category options
 */
export interface PageOptions {
  /** The page, from 1. */
  readonly page?: number
  /** Rows per page (1 to 200; Mem0's default 100). */
  readonly pageSize?: number
}

/**
 * Options of `listEntities`.
 *
 * @since 0.3.0
 * @category options
 */
export interface ListEntitiesOptions extends PageOptions {
  /** Mem0 still accepts these on this one call (the key decides elsewhere). */
  readonly orgId?: string
  readonly projectId?: string
}

/**
 * Options of `listMemories` and `Memory.stream`.
 *
 * @since 0.3.0
 * @category options
 */
export interface ListMemoriesOptions extends PageOptions {
  /** Include memories past their expiration date. */
  readonly showExpired?: boolean
  readonly categories?: ReadonlyArray<string>
  /** ISO dates or date-times. */
  readonly startDate?: string
  readonly endDate?: string
  /** Text the memories contain (case-insensitive); the list only. */
  readonly keywords?: string
  /** The fields Mem0 returns. */
  readonly fields?: ReadonlyArray<string>
}

/**
 * Options of `searchMemories`.
 *
 * @since 0.3.0
 * @category options
 */
export interface SearchOptions {
  /** How many results, 1 to 1000 (Mem0's default 10). */
  readonly topK?: number
  /** The lowest score returned, 0 to 1 (Mem0's default 0.1). */
  readonly threshold?: number
  readonly rerank?: boolean
  readonly showExpired?: boolean
  readonly categories?: ReadonlyArray<string>
}

/**
 * Options of `listEvents`.
 *
 * @since 0.3.0
 * @category options
 */
export interface ListEventsOptions extends PageOptions {
  /** `ADD`, `SEARCH`, `DELETE`... */
  readonly eventType?: string
  readonly status?: EventStatus
}

/**
 * What Mem0 answers to an asynchronous delete: the event that tracks it.
 *
 * @since 0.3.0
 * @category models
 */
export interface DeleteStarted {
  readonly eventId: string | undefined
  readonly message: string | undefined
}

/**
 * The settings a project update may change; absent fields are left as they
 * are. `custom_instructions` is a string here, as when read; the client sends
 * it as the one-element list the PATCH body documents.
 *
 * @since 0.2.0
 * @category models
 */
export interface ProjectPatch {
  /** The project's name. */
  readonly name?: string
  /** The project's description. */
  readonly description?: string
  /** Custom instructions for memory processing. */
  readonly custom_instructions?: string
  /** Extraction instructions for agent-scoped memories; an empty string clears them. */
  readonly agent_custom_instructions?: string
  /** Custom categories, e.g. `[{ "support_history": "Previous support interactions" }]`. */
  readonly custom_categories?: ReadonlyArray<Readonly<Record<string, string>>>
  /** Store and retrieve memories in the input's language. */
  readonly multilingual?: boolean
  /** Memory extraction depth. */
  readonly memory_depth?: string
  /** Memory decay. */
  readonly decay?: boolean
  /** Graph memory. */
  readonly enable_graph?: boolean
  /** The API version the project uses. */
  readonly version?: string
}

/**
 * The operations of the client. Ids are plain strings (a branded `OrgId`
 * from a decoded organization fits).
 *
 * @since 0.1.0
 * @category models
 */
export interface Mem0ClientService {
  /** The origin requests go to, without trailing slash. */
  readonly baseUrl: string
  /** The caller's organizations: `GET /api/v1/orgs/organizations/`. */
  readonly listOrganizations: () => Effect.Effect<ReadonlyArray<Organization>, Mem0RequestError>
  /**
   * One organization: `GET /api/v1/orgs/organizations/{org_id}/`. Fails with
   * `Mem0NotFound` (carrying `orgId`) when it does not exist for this key.
   */
  readonly getOrganization: (orgId: string) => Effect.Effect<Organization, Mem0RequestError>
  /** An organization's members: `GET /api/v1/orgs/organizations/{org_id}/members/`. */
  readonly listMembers: (orgId: string) => Effect.Effect<ReadonlyArray<Member>, Mem0RequestError>
  /**
   * Creates an organization owned by the caller: `POST /api/v1/orgs/organizations/`.
   * Not retried by default (only GET is); a 400 carries Mem0's field errors.
   */
  readonly createOrganization: (name: string) => Effect.Effect<CreatedOrganization, Mem0RequestError>
  /** Deletes an organization (owner only): `DELETE /api/v1/orgs/organizations/{org_id}/`. */
  readonly deleteOrganization: (orgId: string) => Effect.Effect<void, Mem0RequestError>
  /** Adds a member (owner only): `POST /api/v1/orgs/organizations/{org_id}/members/`. */
  readonly addMember: (orgId: string, member: MemberChange) => Effect.Effect<void, Mem0RequestError>
  /** Changes a member's role (owner only): `PUT /api/v1/orgs/organizations/{org_id}/members/`. */
  readonly updateMemberRole: (orgId: string, member: MemberChange) => Effect.Effect<void, Mem0RequestError>
  /** Removes a member (owner only): `DELETE /api/v1/orgs/organizations/{org_id}/members/` with `{ email }`. */
  readonly removeMember: (orgId: string, email: string) => Effect.Effect<void, Mem0RequestError>
  /** An organization's projects: `GET .../{org_id}/projects/`. */
  readonly listProjects: (orgId: string) => Effect.Effect<ReadonlyArray<Project>, Mem0RequestError>
  /** One project: `GET .../{org_id}/projects/{project_id}/`; `Mem0NotFound` carries both ids. */
  readonly getProject: (orgId: string, projectId: string) => Effect.Effect<Project, Mem0RequestError>
  /** Creates a project: `POST .../{org_id}/projects/` (Mem0 answers 200, not 201). */
  readonly createProject: (orgId: string, project: NewProject) => Effect.Effect<CreatedProject, Mem0RequestError>
  /** Changes a project's settings: `PATCH .../projects/{project_id}/`. */
  readonly updateProject: (orgId: string, projectId: string, patch: ProjectPatch) => Effect.Effect<void, Mem0RequestError>
  /** Deletes a project and all its memories: `DELETE .../projects/{project_id}/`. */
  readonly deleteProject: (orgId: string, projectId: string) => Effect.Effect<void, Mem0RequestError>
  /** A project's members: `GET .../projects/{project_id}/members/`. */
  readonly listProjectMembers: (orgId: string, projectId: string) => Effect.Effect<ReadonlyArray<ProjectMember>, Mem0RequestError>
  /** Adds a member to a project: `POST .../projects/{project_id}/members/`. */
  readonly addProjectMember: (orgId: string, projectId: string, member: MemberChange) => Effect.Effect<void, Mem0RequestError>
  /** Changes a project member's role: `PUT .../projects/{project_id}/members/`. */
  readonly updateProjectMemberRole: (
    orgId: string,
    projectId: string,
    member: MemberChange
  ) => Effect.Effect<void, Mem0RequestError>
  /** Removes a project member: `DELETE .../projects/{project_id}/members/?email=` (a query, not a body). */
  readonly removeProjectMember: (orgId: string, projectId: string, email: string) => Effect.Effect<void, Mem0RequestError>
  /** What the key is bound to: `GET /v1/ping/` → `{ orgId, projectId, userEmail }`. */
  readonly ping: () => Effect.Effect<KeyContext, Mem0RequestError>
  /** The key's project's statistics: `GET /v1/stats/` (memories, users, agents, runs, events, quota). A read, retried. */
  readonly stats: () => Effect.Effect<MemoryStats, Mem0RequestError>
  /** One page of the project's users, agents, apps and runs: `GET /v1/entities/`, with the totals by type. */
  readonly listEntities: (options?: ListEntitiesOptions) => Effect.Effect<EntityPage, Mem0RequestError>
  /** What the project's memories can be filtered on (categories, users, event types): `GET /v1/entities/filters/`. */
  readonly entityFilters: () => Effect.Effect<EntityFilters, Mem0RequestError>
  /** One entity: `GET /v2/entities/{type}/{id}/` (Mem0 answers a list: none when there is no such entity). */
  readonly getEntity: (type: EntityType, id: string) => Effect.Effect<Option.Option<Entity>, Mem0RequestError>
  /** Deletes an entity and its memories, asynchronously on Mem0's side: answers the event that tracks it. Never retried unless asked. */
  readonly deleteEntity: (type: EntityType, id: string) => Effect.Effect<DeleteStarted, Mem0RequestError>
  /** One page of memories: `POST /v3/memories/` (a read, retried like a GET). The filter must name an entity. */
  readonly listMemories: (filter: EntityFilter, options?: ListMemoriesOptions) => Effect.Effect<MemoryPage, Mem0RequestError>
  /** A semantic search: `POST /v3/memories/search/` (a read), results with `score` and `score_breakdown`. */
  readonly searchMemories: (
    query: string,
    filter: EntityFilter<true>,
    options?: SearchOptions
  ) => Effect.Effect<ReadonlyArray<Memory>, Mem0RequestError>
  /** One memory: `GET /v1/memories/{id}/`. */
  readonly getMemory: (id: string) => Effect.Effect<Memory, Mem0RequestError>
  /** Its changes, oldest first: `GET /v1/memories/{id}/history/`. */
  readonly memoryHistory: (id: string) => Effect.Effect<ReadonlyArray<HistoryEntry>, Mem0RequestError>
  /** Deletes a memory (`delete_linked`: and the ones linked to it). Never retried unless asked. */
  readonly deleteMemory: (id: string, options?: { readonly deleteLinked?: boolean }) => Effect.Effect<void, Mem0RequestError>
  /** One page (100) of an entity's memories with their source conversation: `GET /v1/memories/{type}/{id}/`. */
  readonly entityMemories: (type: EntityType, id: string, options?: { readonly page?: number }) => Effect.Effect<MemoryPage, Mem0RequestError>
  /** One page of the project's events: `GET /v1/events/`. */
  readonly listEvents: (options?: ListEventsOptions) => Effect.Effect<EventPage, Mem0RequestError>
  /** One event: `GET /v1/event/{id}/`. */
  readonly getEvent: (id: string) => Effect.Effect<MemoryEvent, Mem0RequestError>
}

/**
 * The client service tag.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const names = Effect.gen(function* () {
 *   const mem0 = yield* Mem0Client.Mem0Client
 *   return (yield* mem0.listOrganizations()).map((org) => org.name)
 * })
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Mem0Client extends Context.Tag("effect-mem0/Mem0Client")<Mem0Client, Mem0ClientService>() {}

/**
 * Builds the client from options, reading `HttpClient.HttpClient` from the
 * context. Fails with `Mem0ConfigError` before any request when the options
 * are unusable.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const client = Mem0Client.make({ apiKey: "m0-..." }).pipe(Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Mem0ClientOptions
): Effect.Effect<Mem0ClientService, Mem0ConfigError, HttpClient.HttpClient> =>
  Effect.map(internal.make(options), Mem0Client.of)

/**
 * A layer of the client from options. Requires `HttpClient.HttpClient`.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Layer from "effect/Layer"
 * import * as Redacted from "effect/Redacted"
 * import { Mem0Client } from "effect-mem0"
 *
 * const Mem0Live = Mem0Client.layer({
 *   apiKey: Redacted.make(process.env["MEM0_API_KEY"] ?? ""),
 *   retry: { maxRetries: 4 },
 *   timeout: { perAttempt: "10 seconds" }
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Mem0ClientOptions): Layer.Layer<Mem0Client, Mem0ConfigError, HttpClient.HttpClient> =>
  Layer.effect(Mem0Client, make(options))

/**
 * Options of {@link layerConfig}: the key and the base URL as `Config`s, the rest as in {@link Mem0ClientOptions}.
 *
 * @since 0.2.0
 * @category options
 */
export interface Mem0ClientConfig extends Omit<Mem0ClientOptions, "apiKey" | "baseUrl"> {
  /** The API key. Default `Config.redacted("MEM0_API_KEY")`. */
  readonly apiKey?: Config.Config<Redacted.Redacted<string>>
  /** The base URL. Default `Config.string("MEM0_BASE_URL")`, falling back to {@link DEFAULT_BASE_URL}. */
  readonly baseUrl?: Config.Config<string>
}

/**
 * A layer of the client reading the key and the base URL through Effect
 * `Config` (so any `ConfigProvider` works): by default `MEM0_API_KEY` (as
 * `Redacted`) and `MEM0_BASE_URL` (default `https://api.mem0.ai`). A missing
 * or unusable key fails with `Mem0ConfigError` when the layer is built.
 *
 * @example
 * ```ts
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Config from "effect/Config"
 * import * as Layer from "effect/Layer"
 * import { Mem0Client } from "effect-mem0"
 *
 * const Mem0Live = Mem0Client.layerConfig({
 *   apiKey: Config.redacted("WORK_MEM0_KEY"),
 *   retry: { maxRetries: 1 }
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config: Mem0ClientConfig = {}
): Layer.Layer<Mem0Client, Mem0ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    Mem0Client,
    Effect.gen(function*() {
      const { apiKey: keyConfig, baseUrl: urlConfig, ...rest } = config
      // The default configs are named after their variables in errors; a custom one after its option.
      const keyName = keyConfig === undefined ? "MEM0_API_KEY" : "apiKey"
      const urlName = urlConfig === undefined ? "MEM0_BASE_URL" : "baseUrl"
      const apiKey = yield* (keyConfig ?? Config.redacted("MEM0_API_KEY")).pipe(Effect.mapError(configError(keyName)))
      const baseUrl = yield* (urlConfig ?? Config.string("MEM0_BASE_URL").pipe(Config.withDefault(DEFAULT_BASE_URL))).pipe(
        Effect.mapError(configError(urlName))
      )
      return yield* make({ ...rest, apiKey, baseUrl }).pipe(
        Effect.mapError((e) =>
          e.setting === "apiKey" || e.setting === "baseUrl"
            ? new Mem0ConfigError({ setting: e.setting === "apiKey" ? keyName : urlName, reason: e.reason })
            : e
        )
      )
    })
  )

const configError = (setting: string) => (error: ConfigError.ConfigError) =>
  new Mem0ConfigError({
    setting,
    reason: ConfigError.isMissingDataOnly(error) ? `${setting} is not set` : `${setting} could not be read`
  })

/** Each operation of the client in the context, generated from the service (`Effect.serviceFunctions`). */
const accessors = Effect.serviceFunctions(Mem0Client)

/**
 * `listOrganizations` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const listOrganizations = accessors.listOrganizations

/**
 * `getOrganization` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const getOrganization = accessors.getOrganization

/**
 * `listMembers` of the client in the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const listMembers = accessors.listMembers

/**
 * `createOrganization` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const createOrganization = accessors.createOrganization

/**
 * `deleteOrganization` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const deleteOrganization = accessors.deleteOrganization

/**
 * `addMember` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const addMember = accessors.addMember

/**
 * `updateMemberRole` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const updateMemberRole = accessors.updateMemberRole

/**
 * `removeMember` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const removeMember = accessors.removeMember

/**
 * `listProjects` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const listProjects = accessors.listProjects

/**
 * `getProject` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const getProject = accessors.getProject

/**
 * `createProject` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const createProject = accessors.createProject

/**
 * `updateProject` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const updateProject = accessors.updateProject

/**
 * `deleteProject` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const deleteProject = accessors.deleteProject

/**
 * `listProjectMembers` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const listProjectMembers = accessors.listProjectMembers

/**
 * `addProjectMember` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const addProjectMember = accessors.addProjectMember

/**
 * `updateProjectMemberRole` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const updateProjectMemberRole = accessors.updateProjectMemberRole

/**
 * `removeProjectMember` of the client in the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const removeProjectMember = accessors.removeProjectMember

/**
 * `ping` of the client in the context: the organization and project the key is bound to.
 *
 * @since 0.2.0
 * @category accessors
 */
export const ping = accessors.ping

/**
 * `stats` of the client in the context: the key's project's memory statistics.
 *
 * @since 0.3.0
 * @category accessors
 */
export const stats = accessors.stats

/**
 * `listEntities` of the client in the context: one page of the project's entities.
 *
 * @since 0.3.0
 * @category accessors
 */
export const listEntities = accessors.listEntities

/**
 * `entityFilters` of the client in the context: what the project's memories can be filtered on.
 *
 * @since 0.3.0
 * @category accessors
 */
export const entityFilters = accessors.entityFilters

/**
 * `getEntity` of the client in the context: one entity.
 *
 * @since 0.3.0
 * @category accessors
 */
export const getEntity = accessors.getEntity

/**
 * `deleteEntity` of the client in the context: deletes an entity and its memories (asynchronously: the event that tracks it).
 *
 * @since 0.3.0
 * @category accessors
 */
export const deleteEntity = accessors.deleteEntity

/**
 * `listMemories` of the client in the context: one page of memories matching a filter.
 *
 * @since 0.3.0
 * @category accessors
 */
export const listMemories = accessors.listMemories

/**
 * `searchMemories` of the client in the context: a semantic search.
 *
 * @since 0.3.0
 * @category accessors
 */
export const searchMemories = accessors.searchMemories

/**
 * `getMemory` of the client in the context: one memory.
 *
 * @since 0.3.0
 * @category accessors
 */
export const getMemory = accessors.getMemory

/**
 * `memoryHistory` of the client in the context: a memory's changes.
 *
 * @since 0.3.0
 * @category accessors
 */
export const memoryHistory = accessors.memoryHistory

/**
 * `deleteMemory` of the client in the context: deletes a memory.
 *
 * @since 0.3.0
 * @category accessors
 */
export const deleteMemory = accessors.deleteMemory

/**
 * `entityMemories` of the client in the context: one page of an entity's memories with their source conversation.
 *
 * @since 0.3.0
 * @category accessors
 */
export const entityMemories = accessors.entityMemories

/**
 * `listEvents` of the client in the context: one page of the project's events.
 *
 * @since 0.3.0
 * @category accessors
 */
export const listEvents = accessors.listEvents

/**
 * `getEvent` of the client in the context: one event.
 *
 * @since 0.3.0
 * @category accessors
 */
export const getEvent = accessors.getEvent

