/**
 * Memories: what an application stored in a Mem0 project, one page at a time
 * (`Mem0Client.listMemories`, `POST /v3/memories/`), searched
 * (`searchMemories`), one by one with its history, and as a `Stream` of a
 * whole filter (`Memory.stream`). Every field but `id` and `memory` is
 * optional and read tolerantly: a drifted one is absent, never a failure of
 * the page. The list names a run `session_id`, search names it `run_id`: both
 * are `run_id` here.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { pagedStream } from "./internal/paging.js"
import { drfPage, embeddedList, INVALID, optionalFields, tolerantModel, wireList } from "./internal/wire.js"
import { type ListMemoriesOptions, listMemories, type Mem0Client } from "./Mem0Client.js"
import type { Mem0RequestError } from "./Mem0Error.js"
import type { EntityFilter } from "./MemoryFilter.js"

/**
 * One message of the conversation a memory came from.
 *
 * @example
 * ```ts
 * import { Memory } from "effect-mem0"
 *
 * const message = new Memory.InputMessage({ role: "user", content: "I moved to Basel." })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class InputMessage extends Schema.Class<InputMessage>("effect-mem0/InputMessage")({
  role: Schema.optional(Schema.String),
  content: Schema.optional(Schema.String)
}) {}

const inputMessage = tolerantModel("InputMessage", {}, { role: Schema.String, content: Schema.String }, InputMessage)
const inputList = embeddedList(inputMessage.decodeEmbedded)

/**
 * How a search result scored: semantic similarity, keyword (BM25) and entity match.
 *
 * @example
 * ```ts
 * import { Memory } from "effect-mem0"
 *
 * const breakdown = new Memory.ScoreBreakdown({ semantic: 0.82, bm25: 0.4 })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class ScoreBreakdown extends Schema.Class<ScoreBreakdown>("effect-mem0/ScoreBreakdown")({
  semantic: Schema.optional(Schema.Number),
  bm25: Schema.optional(Schema.Number),
  entity: Schema.optional(Schema.Number)
}) {}

const scoreBreakdown = tolerantModel(
  "ScoreBreakdown",
  {},
  { semantic: Schema.Number, bm25: Schema.Number, entity: Schema.Number },
  ScoreBreakdown
)

const memoryRequired = {
  /** The memory's id. */
  id: Schema.String,
  /** The remembered fact, as stored: any text, of any size. */
  memory: Schema.String
}

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

const memoryFields = {
  /** The user it is scoped to. */
  user_id: Schema.String,
  /** The agent it is scoped to. */
  agent_id: Schema.String,
  /** The app it was added with. */
  app_id: Schema.String,
  /** The run (session) it was added in: `session_id` in the list, `run_id` in search. */
  run_id: Schema.String,
  /** What the application attached to it. */
  metadata: JsonObject,
  categories: Schema.Array(Schema.String),
  structured_attributes: JsonObject,
  /** The memory that superseded this one (Mem0 never overwrites: v3 adds). */
  replaced_by: Schema.String,
  /** Whether Mem0 merged it from others. */
  synthesized: Schema.Boolean,
  /** When it expires (hidden by default once past; `showExpired` shows it). */
  expiration_date: Schema.String,
  /** Mem0's lifecycle mark (for example `active`, `expired`, `superseded`). */
  lifecycle_state: Schema.String,
  created_at: Schema.DateTimeUtc,
  updated_at: Schema.DateTimeUtc,
  /** A search result's score, and how it was made. */
  score: Schema.Number,
  score_breakdown: ScoreBreakdown,
  /** The source conversation (the v1 entity list only). */
  input: Schema.Array(InputMessage)
}

/**
 * A memory.
 *
 * @example
 * ```ts
 * import { Memory } from "effect-mem0"
 *
 * const memory = new Memory.Memory({ id: "m1", memory: "Prefers window seats", user_id: "alice" })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class Memory extends Schema.Class<Memory>("effect-mem0/Memory")({
  ...memoryRequired,
  ...optionalFields(memoryFields)
}) {}

/** The list's `session_id` is the search's `run_id`: one field here. */
const runAlias = { run_id: "session_id" } as const

const memoryModel = tolerantModel("Memory", memoryRequired, memoryFields, Memory, {
  score_breakdown: scoreBreakdown.decodeEmbedded,
  input: inputList
}, runAlias)

/**
 * A memory as sent on the wire (the list's, search's, a get's or the v1 entity list's shape). Decodes to
 * {@link Memory}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Memory } from "effect-mem0"
 *
 * const memory = Schema.decodeUnknownSync(Memory.MemoryFromWire)({ id: "m1", memory: "Likes tea", session_id: "run_1" })
 * // memory.run_id === "run_1"
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const MemoryFromWire: Schema.Schema<Memory, unknown> = memoryModel.schema as unknown as Schema.Schema<Memory, unknown>

/**
 * One page of memories: the total the filter matches (when Mem0 says), the page's memories, and whether a
 * next page exists.
 *
 * @since 0.3.0
 * @category models
 */
export interface MemoryPage {
  readonly count: number | undefined
  readonly results: ReadonlyArray<Memory>
  readonly hasNext: boolean
}

/**
 * A DRF-style page as sent on the wire: `count`, `next`, `results` (`previous` is ignored: pages go by number).
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Memory } from "effect-mem0"
 *
 * const page = Schema.decodeUnknownSync(Memory.MemoryPageFromWire)({ count: 1, next: null, results: [{ id: "m1", memory: "x" }] })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const MemoryPageFromWire: Schema.Schema<MemoryPage, unknown> = drfPage(memoryModel, () => ({}))

/** A list of memories as search sends it, bare or under `results`. */
const memoryList = wireList(memoryModel)

/**
 * Search answers either a plain list or `{ results: [...] }`: both decode to the list.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Memory } from "effect-mem0"
 *
 * const results = Schema.decodeUnknownSync(Memory.SearchResultsFromWire)({ results: [{ id: "m1", memory: "x", score: 0.9 }] })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const SearchResultsFromWire: Schema.Schema<ReadonlyArray<Memory>, unknown> = Schema.Union(
  memoryList,
  Schema.transform(Schema.Struct({ results: memoryList }), Schema.Array(Schema.typeSchema(Memory)), {
    strict: true,
    decode: (wire) => wire.results,
    encode: (results) => ({ results })
  })
) as unknown as Schema.Schema<ReadonlyArray<Memory>, unknown>

const historyFields = {
  id: Schema.String,
  memory_id: Schema.String,
  /** `ADD`, `UPDATE` or `DELETE`. */
  event: Schema.String,
  old_memory: Schema.String,
  new_memory: Schema.String,
  /** The conversation that caused the change. */
  input: Schema.Array(InputMessage),
  categories: Schema.Array(Schema.String),
  user_id: Schema.String,
  agent_id: Schema.String,
  app_id: Schema.String,
  run_id: Schema.String,
  created_at: Schema.DateTimeUtc,
  updated_at: Schema.DateTimeUtc
}

/**
 * One change of a memory: ADD, UPDATE or DELETE, with the old and new text and the input messages.
 *
 * @example
 * ```ts
 * import { Memory } from "effect-mem0"
 *
 * const change = new Memory.HistoryEntry({ event: "UPDATE", old_memory: "Likes tea", new_memory: "Likes green tea" })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class HistoryEntry extends Schema.Class<HistoryEntry>("effect-mem0/HistoryEntry")(optionalFields(historyFields)) {}

const historyModel = tolerantModel("HistoryEntry", {}, historyFields, HistoryEntry, {
  input: inputList,
  // the document requires user_id: an agent's memory's history says "" there, which is no user
  user_id: (u) => (u === "" ? undefined : typeof u === "string" ? u : INVALID)
}, runAlias)

/**
 * The body of `GET /v1/memories/{memory_id}/history/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { Memory } from "effect-mem0"
 *
 * const history = Schema.decodeUnknownSync(Memory.HistoryFromWire)([{ event: "ADD", new_memory: "Likes tea", input: [] }])
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const HistoryFromWire: Schema.Schema<ReadonlyArray<HistoryEntry>, unknown> = wireList(historyModel)

/**
 * Every memory a filter matches, as a stream: page by page by number (never following the `next` URL a
 * server sends), one page fetched ahead at most, until the last page; interrupting it aborts the request
 * in flight. Memory use grows with what the consumer keeps, not with the set.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 * import { Memory, MemoryFilter } from "effect-mem0"
 *
 * // every memory of the project, counted without keeping them
 * const total = Stream.runCount(Memory.stream(MemoryFilter.all, { pageSize: 200 }))
 * ```
 *
 * @since 0.3.0
 * @category streams
 */
export const stream = (
  filter: EntityFilter,
  options: Omit<ListMemoriesOptions, "page"> = {}
): Stream.Stream<Memory, Mem0RequestError, Mem0Client> => pagedStream((page) => listMemories(filter, { ...options, page }))
