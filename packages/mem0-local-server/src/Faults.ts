/**
 * Fault injection. A test adds a rule (in process with `server.faults.add`,
 * or over HTTP with `POST /__admin/faults`); each request that matches a rule
 * takes the rule's next fault, in order, until the rule is used up; then
 * requests are served normally again. `latencyMs` delays every matching
 * request for as long as the rule lives.
 *
 * Rules are scoped by method, path and API key, so tests sharing a server do
 * not see each other's faults when they use their own keys.
 *
 * In process, `server.faults.hold(match)` keeps matching requests unanswered
 * until the hold is released: a test that needs "the answer comes after this
 * step" orders it by the release, not by a latency that a slow machine can
 * outrun.
 */
import * as Schema from "effect/Schema"

/** How a drifted body differs from the documented one. */
export const DriftVariant = Schema.Literal(
  /** Optional fields removed: clients must still decode it. */
  "missing-fields",
  /** Unknown fields added: clients must still decode it. */
  "extra-fields",
  /** Documented fields with the wrong JSON type, a required one among them: a decode error. */
  "wrong-types",
  /** Optional fields only with the wrong JSON type (`updated_at: 0`, `members: {}`, ...): clients read them as absent. */
  "optional-types",
  /** The identifier (`org_id`, `user_id`) removed: a decode error. */
  "missing-id",
  /** An object where an array is expected, or the reverse: a decode error. */
  "wrong-container"
)
export type DriftVariant = typeof DriftVariant.Type

/** One injected fault, answered in place of the real response. */
export const Fault = Schema.Union(
  /** Any status, with optional headers and body (JSON `{"message": ...}` by default). */
  Schema.Struct({
    kind: Schema.Literal("status"),
    status: Schema.Int.pipe(Schema.between(100, 599)),
    headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
    body: Schema.optional(Schema.String)
  }),
  /** 429 with `Retry-After` in seconds, as an HTTP-date that many seconds ahead, or `retry-after-ms`. */
  Schema.Struct({
    kind: Schema.Literal("rate-limit"),
    retryAfterSeconds: Schema.optional(Schema.NonNegative),
    retryAfterDateSeconds: Schema.optional(Schema.NonNegative),
    retryAfterMs: Schema.optional(Schema.NonNegative)
  }),
  /** Status 200 and half of the real body, then the connection is reset. */
  Schema.Struct({ kind: Schema.Literal("reset") }),
  /** No response at all, until the client gives up (the socket close is counted). */
  Schema.Struct({ kind: Schema.Literal("hang") }),
  /** Status 200 and the first bytes of the body, then nothing more. */
  Schema.Struct({ kind: Schema.Literal("stall") }),
  /** Status 200 with a body that is not valid JSON. */
  Schema.Struct({ kind: Schema.Literal("malformed") }),
  /** Status 502 with an HTML page, as a proxy sends. */
  Schema.Struct({ kind: Schema.Literal("html-502") }),
  /** Status 200 with the real body drifted from the documented shape. */
  Schema.Struct({ kind: Schema.Literal("drift"), variant: DriftVariant }),
  /** Status 200 and a chunked body of `bytes` bytes (JSON whitespace), written as fast as the client reads it. */
  Schema.Struct({ kind: Schema.Literal("oversize"), bytes: Schema.Int.pipe(Schema.between(1, 4 * 1024 ** 3)) }),
  /** The real response with a UTF-8 byte order mark before the JSON. */
  Schema.Struct({ kind: Schema.Literal("bom") }),
  /** A redirect (302 by default) to `location`. */
  Schema.Struct({
    kind: Schema.Literal("redirect"),
    location: Schema.String,
    status: Schema.optional(Schema.Literal(301, 302, 303, 307, 308))
  }),
  /** The real response (useful inside a script: 503, pass, 503). */
  Schema.Struct({ kind: Schema.Literal("pass") })
)
export type Fault = typeof Fault.Type

/** A rule: which requests it matches and the faults they get, in order. */
export const FaultRule = Schema.Struct({
  /** Method to match (any when absent). */
  method: Schema.optional(Schema.String),
  /** Path to match exactly, or a prefix when it ends with `*` (any when absent). */
  path: Schema.optional(Schema.String),
  /** API key to match, so a test only faults its own requests (any when absent). */
  key: Schema.optional(Schema.String),
  /** Delay before answering each matching request, for as long as the rule lives. */
  latencyMs: Schema.optional(Schema.NonNegative.pipe(Schema.lessThanOrEqualTo(600_000))),
  /** Faults for the next matching requests, one each, in order. */
  faults: Schema.optional(Schema.Array(Fault)),
  /** Play `faults` again after the end, this many times in all (default 1). */
  times: Schema.optional(Schema.Int.pipe(Schema.between(1, 10_000)))
})
export type FaultRule = typeof FaultRule.Type

interface LiveRule {
  readonly id: number
  readonly rule: FaultRule
  remaining: Array<Fault>
  plays: number
}

/** What a request gets from the fault rules. */
export interface FaultDecision {
  readonly latencyMs: number
  readonly fault: Fault | undefined
  /** Settles when every hold that matched the request is released; absent when none matched. */
  readonly held?: Promise<void>
}

/** Which requests a hold keeps: the matching fields of a rule. */
export type HoldMatch = Pick<FaultRule, "method" | "path" | "key">

/** A hold on requests, as `FaultBook.hold` gives it. */
export interface Held {
  /** Lets the requests it holds go on, and holds no more; calling it again does nothing. */
  readonly release: () => void
  /** How many requests it has held so far. */
  readonly caught: () => number
}

interface Hold {
  readonly match: HoldMatch
  readonly released: Promise<void>
  readonly release: () => void
  caught: number
}

/** The live fault rules of a server. */
export class FaultBook {
  private rules: Array<LiveRule> = []
  private holds: Array<Hold> = []
  private nextId = 1

  /** Adds a rule; returns its id. */
  add(rule: FaultRule): number {
    const id = this.nextId++
    this.rules.push({ id, rule, remaining: [...(rule.faults ?? [])], plays: 1 })
    return id
  }

  /**
   * Keeps the requests that match unanswered (before their latency and fault)
   * until it is released or the rules are cleared.
   */
  hold(match: HoldMatch): Held {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const hold: Hold = {
      match,
      released,
      release: () => {
        this.holds = this.holds.filter((h) => h !== hold)
        release()
      },
      caught: 0
    }
    this.holds.push(hold)
    return { release: hold.release, caught: () => hold.caught }
  }

  /** Removes every rule, and releases every hold. */
  clear(): void {
    this.rules = []
    for (const hold of this.holds) hold.release()
  }

  /** The rules still in force. */
  list(): ReadonlyArray<{ readonly id: number; readonly rule: FaultRule; readonly remaining: number }> {
    return this.rules.map((r) => ({ id: r.id, rule: r.rule, remaining: r.remaining.length }))
  }

  /** Takes what a request gets: the summed latency of matching rules and the first pending fault. */
  take(method: string, path: string, key: string | undefined): FaultDecision {
    let latencyMs = 0
    let fault: Fault | undefined
    for (const live of this.rules) {
      if (!matches(live.rule, method, path, key)) continue
      latencyMs += live.rule.latencyMs ?? 0
      if (fault !== undefined || live.remaining.length === 0) continue
      fault = live.remaining.shift()
      if (live.remaining.length === 0 && live.plays < (live.rule.times ?? 1)) {
        live.plays++
        live.remaining = [...(live.rule.faults ?? [])]
      }
    }
    // A rule with faults and no latency is done once its faults are used up.
    this.rules = this.rules.filter((r) => r.remaining.length > 0 || (r.rule.latencyMs ?? 0) > 0)
    const holding = this.holds.filter((h) => matches(h.match, method, path, key))
    for (const hold of holding) hold.caught++
    return holding.length === 0
      ? { latencyMs, fault }
      : { latencyMs, fault, held: Promise.all(holding.map((h) => h.released)).then(() => undefined) }
  }
}

const matches = (rule: HoldMatch, method: string, path: string, key: string | undefined): boolean => {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false
  if (rule.key !== undefined && rule.key !== key) return false
  if (rule.path !== undefined) {
    if (rule.path.endsWith("*") ? !path.startsWith(rule.path.slice(0, -1)) : rule.path !== path) return false
  }
  return true
}

/** Rewrites a real JSON body the way a drifted API would. */
export const drift = (body: unknown, variant: DriftVariant): unknown => {
  // the items: a bare list, an organization's members, or a page's results (memories, entities, events)
  const listKey = isRecord(body) ? (Array.isArray(body["members"]) ? "members" : Array.isArray(body["results"]) ? "results" : undefined) : undefined
  const items: Array<unknown> | undefined = Array.isArray(body) ? body : listKey === undefined ? undefined : (body as Record<string, Array<unknown>>)[listKey]
  const isList = Array.isArray(body)
  const editItems = (f: (item: Record<string, unknown>) => Record<string, unknown>) => {
    const edited = (items ?? []).map((item) => (isRecord(item) ? f({ ...item }) : item))
    return isList ? edited : isRecord(body) && listKey !== undefined ? { ...body, [listKey]: edited } : f({ ...(body as object) })
  }
  /** A memory (it has `memory`), an organization (`org_id`), or a member. */
  const kind = (item: Record<string, unknown>) => ("memory" in item ? "memory" : "org_id" in item ? "organization" : "other")
  switch (variant) {
    case "missing-fields":
      return editItems((item) => {
        for (const field of Object.keys(item)) {
          if (!["org_id", "name", "user_id", "role", "id", "memory"].includes(field)) delete item[field]
        }
        return item
      })
    case "extra-fields":
      return editItems((item) => ({ ...item, region: "eu-west-1", feature_flags: { graph: true }, seats: 12 }))
    case "wrong-types":
      return editItems((item) =>
        kind(item) === "memory"
          ? { ...item, memory: 12345, categories: "travel" }
          : kind(item) === "organization"
          ? { ...item, name: 12345, is_default: "yes" }
          : { ...item, role: 7 }
      )
    case "missing-id":
      return editItems((item) => {
        delete item["org_id"]
        delete item["user_id"]
        if (kind(item) === "memory") delete item["id"]
        return item
      })
    case "optional-types":
      return editItems((item) =>
        kind(item) === "memory"
          ? { ...item, categories: "travel", created_at: 0, metadata: "m", replaced_by: 7, score_breakdown: 3 }
          : kind(item) === "organization"
          ? { ...item, updated_at: 0, on_paid_plan: "no", members: {}, is_default: "yes" }
          : { ...item, email: 42, username: ["x"] }
      )
    case "wrong-container":
      return isList
        ? { results: body, count: (body as Array<unknown>).length }
        : listKey === "results"
        ? { ...(body as object), results: { ...(items ?? []) } }
        : [body]
  }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)
