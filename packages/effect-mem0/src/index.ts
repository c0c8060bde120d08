/**
 * effect-mem0: Mem0's Organizations and Members API as typed Effects.
 *
 * Each module is a namespace, from the root or from its own path
 * (`effect-mem0/Mem0Client`, ...):
 *
 * - `Mem0Client`: the service tag (`Mem0Client.Mem0Client`), `layer`,
 *   `layerConfig`, `make`, options, the retry schedule, accessors.
 * - `Mem0Error`: the errors (`Mem0Unauthorized`, `Mem0RateLimited`, ...),
 *   their union `Mem0Error` and the refinement `isMem0Error`.
 * - `Organization`: the schemas (`Organization`, `OrganizationList`,
 *   `Member`, `OrgId`, ...) and their helpers.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const names = Effect.map(Mem0Client.listOrganizations(), (orgs) => orgs.map((o) => o.name))
 * ```
 *
 * @since 0.1.0
 */

/**
 * The client service, its options, layers and accessors.
 *
 * @example
 * ```ts
 * import { Mem0Client } from "effect-mem0"
 *
 * const orgs = Mem0Client.listOrganizations()
 * ```
 *
 * @since 0.1.0
 * @category modules
 */
export * as Mem0Client from "./Mem0Client.js"

/**
 * The typed errors of the client.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client, Mem0Error } from "effect-mem0"
 *
 * const safe = Mem0Client.listOrganizations().pipe(
 *   Effect.catchIf(Mem0Error.isMem0Error, (error) => Effect.as(Effect.logWarning(error.message), []))
 * )
 * ```
 *
 * @since 0.2.0
 * @category modules
 */
export * as Mem0Error from "./Mem0Error.js"

/**
 * The schemas of organizations and members.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Organization } from "effect-mem0"
 *
 * const orgs = Schema.decodeUnknownSync(Organization.OrganizationList)([])
 * ```
 *
 * @since 0.2.0
 * @category modules
 */
export * as Organization from "./Organization.js"

/**
 * The schemas of projects and of `GET /v1/ping/`.
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
 * @category modules
 */
export * as Project from "./Project.js"

/**
 * The routes of Mem0's API the client calls: method and path template per operation, declared once.
 *
 * @example
 * ```ts
 * import { Routes } from "effect-mem0"
 *
 * const route = Routes.Routes.ping // { method: "GET", path: "/v1/ping/" }
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as Routes from "./Routes.js"

/**
 * The statistics of the key's project (`GET /v1/stats/`): memories, users, agents, runs, events and quota.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Stats } from "effect-mem0"
 *
 * const stats = Schema.decodeUnknownSync(Stats.StatsResponse)({ total_memories: 3 })
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as Stats from "./Stats.js"

/**
 * Memories: the model, its history, pages, search results, and `Memory.stream` of a whole filter.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { Memory, MemoryFilter } from "effect-mem0"
 *
 * const count = Stream.runCount(Memory.stream(MemoryFilter.user("alice")))
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as Memory from "./Memory.js"

/**
 * Typed filters of memories: only what Mem0 accepts can be written.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const filter = MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.categoriesIn(["travel"]))
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as MemoryFilter from "./MemoryFilter.js"

/**
 * Entities: the users, agents, apps and runs of a project, and `Entity.stream` of all of them.
 *
 * @example
 * ```ts
 * import * as Stream from "effect/Stream"
 * import { Entity } from "effect-mem0"
 *
 * const users = Stream.filter(Entity.stream(), (entity) => entity.type === "user")
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as Entity from "./Entity.js"

/**
 * Events: what happened in a project (adds are asynchronous: a PENDING or FAILED add says why a memory is missing).
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const failedAdds = Effect.map(Mem0Client.listEvents({ eventType: "ADD", status: "FAILED" }), (page) => page.results)
 * ```
 *
 * @since 0.3.0
 * @category modules
 */
export * as MemoryEvent from "./MemoryEvent.js"
