/**
 * The entities of a project: the users, agents, apps and runs its memories
 * are scoped to (`GET /v1/entities/`), one (`GET /v2/entities/{type}/{id}/`),
 * and all of them as a `Stream` (`Entity.stream`).
 *
 * @since 0.3.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { pagedStream } from "./internal/paging.js"
import { drfPage, optionalFields, tolerantModel } from "./internal/wire.js"
import { type ListEntitiesOptions, listEntities, type Mem0Client } from "./Mem0Client.js"
import type { Mem0RequestError } from "./Mem0Error.js"

/**
 * What an entity is.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Entity } from "effect-mem0"
 *
 * const isType = Schema.is(Entity.EntityType) // isType("user") === true
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export const EntityType = Schema.Literal("user", "agent", "app", "run")

/**
 * @since 0.3.0
 * @category models
 */
export type EntityType = typeof EntityType.Type

const entityRequired = {
  /** The entity's id: the `user_id`, `agent_id`, `app_id` or `run_id` its memories carry. */
  id: Schema.String
}

const entityFields = {
  name: Schema.String,
  type: EntityType,
  owner: Schema.String,
  metadata: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  total_memories: Schema.Int,
  created_at: Schema.DateTimeUtc,
  updated_at: Schema.DateTimeUtc
}

/**
 * A user, agent, app or run with memories.
 *
 * @example
 * ```ts
 * import { Entity } from "effect-mem0"
 *
 * const alice = new Entity.Entity({ id: "alice", type: "user" })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class Entity extends Schema.Class<Entity>("effect-mem0/Entity")({
  ...entityRequired,
  ...optionalFields(entityFields)
}) {}

const entityWire = tolerantModel("Entity", entityRequired, entityFields, Entity)

/**
 * An entity as sent on the wire; decodes to {@link Entity}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Entity } from "effect-mem0"
 *
 * const entity = Schema.decodeUnknownSync(Entity.EntityFromWire)({ id: "alice", type: "user", name: "alice" })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const EntityFromWire = entityWire.schema

/**
 * The body of `GET /v2/entities/{type}/{id}/`: a list of the one entity (empty when there is none); a bare
 * object is read too.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Entity } from "effect-mem0"
 *
 * const found = Schema.decodeUnknownSync(Entity.EntityLookupFromWire)([{ id: "alice", type: "user" }])
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const EntityLookupFromWire: Schema.Schema<Option.Option<Entity>, unknown> = Schema.Union(
  Schema.transform(Schema.Array(EntityFromWire), Schema.OptionFromSelf(Schema.typeSchema(Entity)), {
    strict: true,
    decode: (list) => Option.fromNullable(list[0]),
    encode: (found) => (Option.isSome(found) ? [found.value] : [])
  }),
  Schema.transform(EntityFromWire, Schema.OptionFromSelf(Schema.typeSchema(Entity)), {
    strict: true,
    decode: (entity) => Option.some(entity),
    encode: (found) => Option.getOrThrow(found)
  })
) as unknown as Schema.Schema<Option.Option<Entity>, unknown>

/**
 * What a project's memories can be filtered on: its categories, users and event types. Categories are
 * strings or, in some projects, objects (`{ name: description }`): each is read as its name.
 *
 * @since 0.3.0
 * @category models
 */
export interface EntityFilters {
  readonly categories: ReadonlyArray<string>
  readonly users: ReadonlyArray<string>
  readonly eventTypes: ReadonlyArray<string>
}

const strings = (u: unknown): ReadonlyArray<string> => (Array.isArray(u) ? u.filter((x): x is string => typeof x === "string") : [])

/** A category as Mem0 lists it: a name, or an object whose (first) key is the name. */
const categoryName = (u: unknown): ReadonlyArray<string> =>
  typeof u === "string" ? [u] : typeof u === "object" && u !== null && !Array.isArray(u) ? Object.keys(u).slice(0, 1) : []

/**
 * The body of `GET /v1/entities/filters/`: every list optional, a drifted element left out.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Entity } from "effect-mem0"
 *
 * const filters = Schema.decodeUnknownSync(Entity.EntityFiltersFromWire)({ categories: ["travel", { food: "Food" }], users: ["alice"] })
 * // filters.categories: ["travel", "food"]
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const EntityFiltersFromWire: Schema.Schema<EntityFilters, unknown> = Schema.transform(
  Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  Schema.Any,
  {
    strict: false,
    decode: (wire): EntityFilters => ({
      categories: Array.isArray(wire["categories"]) ? wire["categories"].flatMap(categoryName) : [],
      users: strings(wire["users"]),
      eventTypes: strings(wire["event_type"])
    }),
    encode: (filters: EntityFilters) => ({ categories: filters.categories, users: filters.users, event_type: filters.eventTypes })
  }
) as unknown as Schema.Schema<EntityFilters, unknown>

/**
 * One page of entities, with the project's totals by type (when Mem0 sends them).
 *
 * @since 0.3.0
 * @category models
 */
export interface EntityPage {
  readonly count: number | undefined
  readonly results: ReadonlyArray<Entity>
  readonly hasNext: boolean
  readonly totals: { readonly users?: number; readonly agents?: number; readonly apps?: number; readonly runs?: number }
}

/**
 * The body of `GET /v1/entities/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Entity } from "effect-mem0"
 *
 * const page = Schema.decodeUnknownSync(Entity.EntityPageFromWire)({ count: 1, next: null, results: [{ id: "alice", type: "user" }] })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const EntityPageFromWire: Schema.Schema<EntityPage, unknown> = drfPage(entityWire, (wire) => {
  const totals: Record<string, number> = {}
  for (const type of ["users", "agents", "apps", "runs"] as const) {
    const total = wire[`total_${type}`]
    if (typeof total === "number") totals[type] = total
  }
  return { totals }
})

/**
 * Every entity of the project, as a stream (page by page by number, one page ahead at most).
 *
 * @example
 * ```ts
 * import * as Stream from "effect/Stream"
 * import { Entity } from "effect-mem0"
 *
 * const agents = Stream.runCollect(Stream.filter(Entity.stream(), (entity) => entity.type === "agent"))
 * ```
 *
 * @since 0.3.0
 * @category streams
 */
export const stream = (options: Omit<ListEntitiesOptions, "page"> = {}): Stream.Stream<Entity, Mem0RequestError, Mem0Client> =>
  pagedStream((page) => listEntities({ ...options, page }))
