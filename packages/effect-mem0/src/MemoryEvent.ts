/**
 * What happened in a project (`GET /v1/events/`): adds are asynchronous in
 * Mem0's v3, so "why is my memory missing?" is answered here: an ADD still
 * PENDING, or FAILED with its error.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { drfPage, optionalFields, tolerantModel } from "./internal/wire.js"

/**
 * Where an event is.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { MemoryEvent } from "effect-mem0"
 *
 * const isStatus = Schema.is(MemoryEvent.EventStatus) // isStatus("FAILED") === true
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export const EventStatus = Schema.Literal("PENDING", "RUNNING", "FAILED", "SUCCEEDED")

/**
 * @since 0.3.0
 * @category models
 */
export type EventStatus = typeof EventStatus.Type

const eventRequired = { id: Schema.String }

const eventFields = {
  /** `ADD`, `SEARCH`, `DELETE`... */
  event_type: Schema.String,
  /** A status Mem0 may add later is read as absent (and logged as drift), never a failure. */
  status: EventStatus,
  payload: Schema.Unknown,
  metadata: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  results: Schema.Array(Schema.Unknown),
  /** Milliseconds the event took. */
  latency: Schema.Number,
  /** Why it failed. */
  error: Schema.String,
  created_at: Schema.DateTimeUtc,
  updated_at: Schema.DateTimeUtc,
  started_at: Schema.DateTimeUtc,
  completed_at: Schema.DateTimeUtc
}

/**
 * An event.
 *
 * @example
 * ```ts
 * import { MemoryEvent } from "effect-mem0"
 *
 * const failed = new MemoryEvent.MemoryEvent({ id: "e1", event_type: "ADD", status: "FAILED", error: "timeout" })
 * ```
 *
 * @since 0.3.0
 * @category models
 */
export class MemoryEvent extends Schema.Class<MemoryEvent>("effect-mem0/MemoryEvent")({
  ...eventRequired,
  ...optionalFields(eventFields)
}) {}

const eventWire = tolerantModel("MemoryEvent", eventRequired, eventFields, MemoryEvent)

/**
 * An event as sent on the wire; decodes to {@link MemoryEvent}.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { MemoryEvent } from "effect-mem0"
 *
 * const event = Schema.decodeUnknownSync(MemoryEvent.MemoryEventFromWire)({ id: "e1", status: "PENDING" })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const MemoryEventFromWire = eventWire.schema

/**
 * One page of events.
 *
 * @since 0.3.0
 * @category models
 */
export interface EventPage {
  readonly count: number | undefined
  readonly results: ReadonlyArray<MemoryEvent>
  readonly hasNext: boolean
}

/**
 * The body of `GET /v1/events/`.
 *
 * @example
 * ```ts
 * import * as Schema from "effect/Schema"
 * import { MemoryEvent } from "effect-mem0"
 *
 * const page = Schema.decodeUnknownSync(MemoryEvent.EventPageFromWire)({ count: 1, next: null, results: [{ id: "e1" }] })
 * ```
 *
 * @since 0.3.0
 * @category schemas
 */
export const EventPageFromWire: Schema.Schema<EventPage, unknown> = drfPage(eventWire, () => ({}))
