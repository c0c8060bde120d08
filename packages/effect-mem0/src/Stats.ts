/**
 * What `GET /v1/stats/` says of the key's project: how many memories, and
 * with how many users, agents and runs; how many add and retrieval events,
 * and the retrieval quota. Every field is optional: a drifted one is read as
 * absent, never as a failure of the whole answer.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { optionalFields, tolerantModel } from "./internal/wire.js"

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

const statsFields = {
  /** Memories in the project. */
  total_memories: Count,
  /** Users, agents and runs that have memories. */
  total_users_with_memories: Count,
  total_agents_with_memories: Count,
  total_runs_with_memories: Count,
  /** Average memories per user, agent and run. */
  memories_per_user: Schema.Number,
  memories_per_agent: Schema.Number,
  memories_per_run: Schema.Number,
  /** Add events so far. */
  total_add_events: Count,
  /** Retrieval events (searches, lists, gets) so far, of which through the API. */
  total_retrieval_events: Count,
  total_api_retrieval_events: Count,
  /** The retrieval events the plan allows. */
  total_retrieval_events_limit: Count
}

/**
 * The statistics of the key's project.
 *
 * @example
 * ```ts
 * import { Stats } from "effect-mem0"
 *
 * const stats = new Stats.MemoryStats({ total_memories: 12, total_users_with_memories: 3 })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class MemoryStats extends Schema.Class<MemoryStats>("effect-mem0/MemoryStats")(optionalFields(statsFields)) {}

/**
 * The body of `GET /v1/stats/` as sent on the wire; decodes to {@link MemoryStats}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Stats } from "effect-mem0"
 *
 * const stats = Schema.decodeUnknownSync(Stats.StatsResponse)({ total_memories: 12, total_add_events: "n/a" })
 * // stats.total_memories === 12; the drifted total_add_events is absent
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const StatsResponse = tolerantModel("MemoryStats", {}, statsFields, MemoryStats).schema
