/**
 * Typed filters for `listMemories`, `searchMemories` and `Memory.stream`,
 * built so that only what Mem0 accepts can be written:
 *
 * - A filter must name an entity (`user`, `agent`, `app`, `run`, or `all`):
 *   list and search take an {@link EntityFilter}, which only those and `and`
 *   / `or` of them make; conditions (`categoriesIn`, dates, `keywords`,
 *   `metadata`, `not`) narrow one with `and`.
 * - `keywords` works on the list only (Mem0 answers 500 on search): a filter
 *   holding it is an `EntityFilter<false>`, which `searchMemories` does not take.
 * - Mem0's docs say both that unnamed entity fields default to null and that
 *   they are not required to be null. `user(id)` is right under both readings:
 *   it asks for the user's memories with and without an app and a run.
 *
 * A filter made some other way (a cast) is checked before any request is
 * sent (`filterProblem`) and refused as `Mem0InvalidInput`.
 *
 * @since 0.3.0
 */

/** A filter's JSON, as Mem0 reads it. */
type Json = { readonly [key: string]: unknown }

/**
 * A filter that names an entity: what list and search require. `Search` is `false` when only the list
 * may use it (it holds `keywords`).
 *
 * @since 0.3.0
 * @category models
 */
export interface EntityFilter<Search extends boolean = boolean> {
  readonly _tag: "EntityFilter"
  readonly json: Json
  readonly searchable: Search
}

/**
 * A condition that names no entity: it narrows an {@link EntityFilter} through {@link and}.
 *
 * @since 0.3.0
 * @category models
 */
export interface Condition<Search extends boolean = boolean> {
  readonly _tag: "Condition"
  readonly json: Json
  readonly searchable: Search
}

/**
 * Any part of a filter.
 *
 * @since 0.3.0
 * @category models
 */
export type Part = EntityFilter | Condition

type SearchableOf<P extends ReadonlyArray<Part>> = false extends P[number]["searchable"] ? false : true

const entityFilter = <S extends boolean>(json: Json, searchable: S): EntityFilter<S> => ({ _tag: "EntityFilter", json, searchable })
const condition = <S extends boolean>(json: Json, searchable: S): Condition<S> => ({ _tag: "Condition", json, searchable })

/** The entity fields a memory can carry; a record carries a user or an agent, plus the app and run it was added with. */
const ENTITY_FIELDS = ["user_id", "agent_id", "app_id", "run_id"] as const
type EntityField = typeof ENTITY_FIELDS[number]

/**
 * One entity's memories, right whether Mem0 reads the unnamed entity fields as "must be null" or as "any":
 * the union of the branches with and without each other field that can accompany it.
 */
const scoped = (field: EntityField, id: string): EntityFilter<true> => {
  const others: ReadonlyArray<ReadonlyArray<EntityField>> = field === "user_id" || field === "agent_id"
    ? [["app_id"], ["run_id"]]
    : field === "app_id"
    ? [["user_id", "agent_id"], ["run_id"]]
    : [["user_id", "agent_id"], ["app_id"]]
  // each dimension: absent (null) or "*" (any value); a user-or-agent dimension picks one of the two
  const options = (dimension: ReadonlyArray<EntityField>): ReadonlyArray<Json> =>
    dimension.length === 2 ? dimension.map((f) => ({ [f]: "*" })) : [{}, { [dimension[0]!]: "*" }]
  const branches: Array<Json> = []
  for (const a of options(others[0]!)) for (const b of options(others[1]!)) branches.push({ [field]: id, ...a, ...b })
  return entityFilter({ OR: branches }, true)
}

/**
 * The memories of a user (`"*"`: of any user).
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const alices = MemoryFilter.user("alice")
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const user = (id: string): EntityFilter<true> => scoped("user_id", id)

/**
 * The memories of an agent.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const bot = MemoryFilter.agent("support-bot")
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const agent = (id: string): EntityFilter<true> => scoped("agent_id", id)

/**
 * The memories added with an app.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const mobile = MemoryFilter.app("mobile-app")
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const app = (id: string): EntityFilter<true> => scoped("app_id", id)

/**
 * The memories added in a run (a session).
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const session = MemoryFilter.run("run_42")
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const run = (id: string): EntityFilter<true> => scoped("run_id", id)

/**
 * Every memory of the project, as Mem0 documents it: `{"OR":[{"user_id":"*"},{"agent_id":"*"}]}`.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const everything = MemoryFilter.all
 * ```
 *
 * @since 0.3.0
 * @category constructors
 */
export const all: EntityFilter<true> = entityFilter({ OR: [{ user_id: "*" }, { agent_id: "*" }] }, true)

/**
 * All of the parts: an entity filter narrowed by conditions (or several entity filters).
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const recentTravel = MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.categoriesIn(["travel"]))
 * ```
 *
 * @since 0.3.0
 * @category combinators
 */
export const and = <F extends EntityFilter, const P extends ReadonlyArray<Part>>(first: F, ...rest: P): EntityFilter<SearchableOf<[F, ...P]>> =>
  entityFilter({ AND: [first, ...rest].map((p) => p.json) }, [first, ...rest].every((p) => p.searchable) as SearchableOf<[F, ...P]>)

/**
 * Any of the entity filters.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const either = MemoryFilter.or(MemoryFilter.user("alice"), MemoryFilter.agent("support-bot"))
 * ```
 *
 * @since 0.3.0
 * @category combinators
 */
export const or = <F extends EntityFilter, const P extends ReadonlyArray<EntityFilter>>(first: F, ...rest: P): EntityFilter<SearchableOf<[F, ...P]>> =>
  entityFilter({ OR: [first, ...rest].map((p) => p.json) }, [first, ...rest].every((p) => p.searchable) as SearchableOf<[F, ...P]>)

/**
 * None of it (a condition: it names no entity of its own).
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const notArchived = MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.not(MemoryFilter.categoriesIn(["archive"])))
 * ```
 *
 * @since 0.3.0
 * @category combinators
 */
export const not = <S extends boolean>(part: Part & { readonly searchable: S }): Condition<S> =>
  condition({ NOT: [part.json] }, part.searchable)

/**
 * Memories in any of these categories.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const health = MemoryFilter.categoriesIn(["health", "food"])
 * ```
 *
 * @since 0.3.0
 * @category conditions
 */
export const categoriesIn = (categories: ReadonlyArray<string>): Condition<true> => condition({ categories: { in: [...categories] } }, true)

/**
 * A date range (inclusive bounds `gte`/`lte`, exclusive `gt`/`lt`), ISO dates or date-times.
 *
 * @since 0.3.0
 * @category models
 */
export interface DateRange {
  readonly gte?: string
  readonly lte?: string
  readonly gt?: string
  readonly lt?: string
}

const dateCondition = (field: "created_at" | "updated_at", range: DateRange): Condition<true> => condition({ [field]: { ...range } }, true)

/**
 * Memories created in a range.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const november = MemoryFilter.created({ gte: "2026-11-01", lt: "2026-12-01" })
 * ```
 *
 * @since 0.3.0
 * @category conditions
 */
export const created = (range: DateRange): Condition<true> => dateCondition("created_at", range)

/**
 * Memories last changed in a range.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const lately = MemoryFilter.updated({ gte: "2026-11-24" })
 * ```
 *
 * @since 0.3.0
 * @category conditions
 */
export const updated = (range: DateRange): Condition<true> => dateCondition("updated_at", range)

/**
 * Memories whose text contains this (case-insensitive). The list only: Mem0 answers 500 to it on search.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const tea = MemoryFilter.and(MemoryFilter.user("alice"), MemoryFilter.keywords("tea"))
 * ```
 *
 * @since 0.3.0
 * @category conditions
 */
export const keywords = (text: string): Condition<false> => condition({ keywords: { icontains: text } }, false)

/**
 * Memories whose metadata has these top-level values.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * const fromChat = MemoryFilter.metadata({ source: "chat" })
 * ```
 *
 * @since 0.3.0
 * @category conditions
 */
export const metadata = (values: Readonly<Record<string, string | number | boolean>>): Condition<true> =>
  condition({ metadata: { ...values } }, true)

/** The top-level keys Mem0 accepts in a filter. */
const KEYS = new Set([
  "AND",
  "OR",
  "NOT",
  ...ENTITY_FIELDS,
  "created_at",
  "updated_at",
  "timestamp",
  "expiration_date",
  "text",
  "categories",
  "metadata",
  "keywords_search",
  "memory_ids",
  "keywords"
])

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

/** Whether a filter (JSON) names an entity: a field of its own, one part of an AND, every branch of an OR. */
const namesEntity = (json: Json): boolean =>
  ENTITY_FIELDS.some((f) => json[f] !== undefined && json[f] !== null) ||
  (Array.isArray(json["AND"]) && json["AND"].some((p) => isObject(p) && namesEntity(p))) ||
  (Array.isArray(json["OR"]) && json["OR"].length > 0 && json["OR"].every((p) => isObject(p) && namesEntity(p)))

const keyProblem = (json: Json, search: boolean, depth: number): string | undefined => {
  if (depth > 16) return "the filter is nested too deeply"
  for (const [key, value] of Object.entries(json)) {
    if (!KEYS.has(key)) return `"${key.slice(0, 40)}" is not a filter key Mem0 accepts`
    if (search && key === "keywords") return "keywords works on the list only (Mem0 answers 500 to it on search): use the query"
    if (key === "AND" || key === "OR" || key === "NOT") {
      if (!Array.isArray(value) || value.length === 0) return `${key} takes a non-empty list`
      for (const part of value) {
        if (!isObject(part)) return `${key} takes a list of filters`
        const inner = keyProblem(part, search, depth + 1)
        if (inner !== undefined) return inner
      }
    }
  }
  return undefined
}

/**
 * Why Mem0 would refuse a filter, or `undefined`: a key it does not accept, `keywords` in a search, or no
 * entity named. The client checks every filter with it before sending anything.
 *
 * @example
 * ```ts
 * import { MemoryFilter } from "effect-mem0"
 *
 * MemoryFilter.filterProblem({ colour: "blue" }, { search: false }) // "\"colour\" is not a filter key Mem0 accepts"
 * ```
 *
 * @since 0.3.0
 * @category validation
 */
export const filterProblem = (json: unknown, options: { readonly search: boolean }): string | undefined => {
  if (!isObject(json)) return "a filter is an object"
  const key = keyProblem(json, options.search, 0)
  if (key !== undefined) return key
  return namesEntity(json) ? undefined : "a filter must name an entity (user, agent, app or run, or MemoryFilter.all)"
}
