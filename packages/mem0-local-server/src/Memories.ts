/**
 * The memories of each project a key is bound to, as Mem0 keeps them: text,
 * the entity ids it was added with (a user or an agent, plus the app and run),
 * categories, metadata, dates, its history (ADD/UPDATE/DELETE with the input
 * messages that caused it), and the project's events. Memories are never
 * overwritten: a superseded one carries `replaced_by`; an expired one an
 * `expiration_date` in the past. The demo data is made deterministically from
 * the project id, with hostile text among it (CJK, emoji, RTL, markup).
 */

/** One message of the conversation a memory came from. */
export interface InputMessage {
  readonly role: "user" | "assistant"
  readonly content: string
}

export interface HistoryEntry {
  readonly id: string
  readonly event: "ADD" | "UPDATE" | "DELETE"
  readonly old_memory: string | null
  readonly new_memory: string
  readonly input: ReadonlyArray<InputMessage>
  readonly created_at: string
}

export interface StoredMemory {
  readonly id: string
  memory: string
  readonly user_id: string | null
  readonly agent_id: string | null
  readonly app_id: string | null
  readonly run_id: string | null
  readonly metadata: Readonly<Record<string, unknown>> | null
  readonly categories: ReadonlyArray<string>
  readonly created_at: string
  updated_at: string
  readonly expiration_date: string | null
  readonly replaced_by: string | null
  readonly synthesized: boolean
  readonly history: Array<HistoryEntry>
}

export interface StoredEvent {
  readonly id: string
  readonly event_type: "ADD" | "SEARCH" | "DELETE"
  status: "PENDING" | "RUNNING" | "FAILED" | "SUCCEEDED"
  readonly payload: Readonly<Record<string, unknown>>
  readonly latency: number | null
  readonly error: string | null
  readonly created_at: string
  updated_at: string
}

/** The memories and events of one project. */
export interface ProjectMemories {
  readonly memories: Array<StoredMemory>
  readonly events: Array<StoredEvent>
  /** Retrieval events counted so far (lists, searches, gets), as `/v1/stats/` reports them. */
  retrievals: number
  /** Counts the changes of `memories`: a list's filtered rows are kept for the next page while it holds. */
  version?: number
  listed?: { readonly key: string; readonly version: number; readonly rows: ReadonlyArray<StoredMemory> }
}

/**
 * Many memories for benchmarks: `perEntity` for each of `entities` users (10 by default) (a tenth of them in a run, a tenth with
 * an app), the same every time, with no history (kept small: 100,000 of them hold about 60 MB).
 */
export const generatedMemories = (projectId: string, perEntity: number, now: Date, entities = 10): ProjectMemories => {
  const memories: Array<StoredMemory> = []
  const base = now.getTime() - 400 * DAY
  for (let u = 0; u < entities; u++) {
    const user = `user${String(u + 1).padStart(2, "0")}`
    for (let i = 0; i < perEntity; i++) {
      const n = u * perEntity + i
      const at = new Date(base + n * 1000).toISOString()
      memories.push({
        id: stableUuid(projectId, n + 1),
        memory: `Generated memory ${n + 1} of ${user}: likes item ${i % 97} and visits place ${i % 13}`,
        user_id: user,
        agent_id: null,
        app_id: i % 10 === 1 ? "bench-app" : null,
        run_id: i % 10 === 2 ? `run_${u}` : null,
        metadata: null,
        categories: [["preferences", "travel", "food", "work"][i % 4]!],
        created_at: at,
        updated_at: at,
        expiration_date: null,
        replaced_by: null,
        synthesized: false,
        history: []
      })
    }
  }
  return { memories, events: [], retrievals: 0 }
}

/** A UUID-shaped id made from a number and a salt, stable across runs. */
export const stableUuid = (salt: string, n: number): string => {
  let h = 2166136261
  for (const c of `${salt}:${n}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
  const hex = (x: number) => x.toString(16).padStart(8, "0")
  const a = hex(h)
  const b = hex(Math.imul(h, 2654435761) >>> 0)
  const c = hex(n)
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c}${a.slice(0, 4)}`
}

const DAY = 86_400_000

/** The memories of the demo's kiosk user: more than two pages of a list. */
export const KIOSK_MEMORIES = 240

/** Who the demo memories belong to. */
const DEMO = [
  { user: "alice", text: "Prefers window seats on long flights", categories: ["travel", "preferences"], app: "travel-app" },
  { user: "alice", text: "Is allergic to peanuts", categories: ["health"] },
  { user: "alice", text: "Lives in Zürich and works in fintech", categories: ["personal", "professional_details"] },
  { user: "alice", text: "Planning a trip to Kyoto in April", categories: ["travel"], run: "run_trip_planning" },
  { user: "bob", text: "Vegetarian since 2019", categories: ["food", "health"] },
  { user: "bob", text: "Wants weekly summaries on Monday mornings", categories: ["preferences"], app: "digest" },
  { user: "张伟", text: "喜欢喝绿茶，不喝咖啡", categories: ["food", "preferences"] },
  { user: "张伟", text: "住在上海浦东 🏙️", categories: ["personal"] },
  { user: "fatima", text: "تفضل التواصل باللغة العربية", categories: ["preferences"] },
  { user: "mallory", text: "<img src=x onerror=alert(1)> [click](command:workbench.action.quit) $(zap) ‮evil‬", categories: ["misc"] },
  { agent: "support-bot", text: "Escalate billing disputes above 500 EUR to a human", categories: ["policy"] },
  { agent: "support-bot", text: "Greets customers by first name", categories: ["style"] },
  { agent: "travel-agent", text: "Always offers travel insurance with bookings", categories: ["policy", "travel"], app: "travel-app" },
  { agent: "travel-agent", text: "Knows that Kyoto hotels fill up in cherry blossom season 🌸", categories: ["travel"], run: "run_trip_planning" }
] as const

/** The demo memories of a project: the list above, plus one superseded, one expired, one synthesized. */
export const demoMemories = (projectId: string, now: Date): ProjectMemories => {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString()
  const memories: Array<StoredMemory> = DEMO.map((d, i) => {
    const created = at(40 - i * 2)
    const entry = d as { user?: string; agent?: string; app?: string; run?: string; text: string; categories: ReadonlyArray<string> }
    return {
      id: stableUuid(projectId, i + 1),
      memory: entry.text,
      user_id: entry.user ?? null,
      agent_id: entry.agent ?? null,
      app_id: entry.app ?? null,
      run_id: entry.run ?? null,
      metadata: i % 3 === 0 ? { source: "chat", confidence: 0.9 } : null,
      categories: entry.categories,
      created_at: created,
      updated_at: created,
      expiration_date: null,
      replaced_by: null,
      synthesized: false,
      history: [{
        id: stableUuid(`${projectId}/history`, i + 1),
        event: "ADD",
        old_memory: null,
        new_memory: entry.text,
        input: [{ role: "user", content: `Remember: ${entry.text}` }, { role: "assistant", content: "Noted." }],
        created_at: created
      }]
    }
  })
  const newer = memories[0]!
  memories.push({
    ...newer,
    id: stableUuid(projectId, 100),
    memory: "Prefers aisle seats on flights",
    created_at: at(60),
    updated_at: at(20),
    replaced_by: newer.id,
    history: [
      { id: stableUuid(`${projectId}/history`, 100), event: "ADD", old_memory: null, new_memory: "Prefers aisle seats on flights", input: [{ role: "user", content: "I like aisle seats." }], created_at: at(60) },
      { id: stableUuid(`${projectId}/history`, 101), event: "UPDATE", old_memory: "Prefers aisle seats on flights", new_memory: newer.memory, input: [{ role: "user", content: "Actually, window seats on long flights." }], created_at: at(20) }
    ]
  })
  memories.push({
    ...memories[1]!,
    id: stableUuid(projectId, 101),
    memory: "Has a dentist appointment on 2026-10-02",
    categories: ["health", "schedule"],
    expiration_date: at(50).slice(0, 10),
    history: []
  })
  memories.push({
    ...memories[4]!,
    id: stableUuid(projectId, 102),
    memory: "Eats vegetarian food and prefers Indian cuisine",
    synthesized: true,
    history: []
  })
  const event = (n: number, type: StoredEvent["event_type"], status: StoredEvent["status"], daysAgo: number, extra: Partial<StoredEvent> = {}): StoredEvent => ({
    id: stableUuid(`${projectId}/event`, n),
    event_type: type,
    status,
    payload: { messages: [{ role: "user", content: "I moved to Basel last week." }], user_id: "alice" },
    latency: status === "SUCCEEDED" || status === "FAILED" ? 1200 + n * 37 : null,
    error: null,
    created_at: at(daysAgo),
    updated_at: at(daysAgo),
    ...extra
  })
  const events = [
    event(1, "ADD", "SUCCEEDED", 10),
    event(2, "SEARCH", "SUCCEEDED", 5),
    event(3, "ADD", "FAILED", 2, { error: "LLM provider timed out while extracting memories" }),
    event(4, "ADD", "PENDING", 0)
  ]
  // a kiosk that talks to many visitors: a user with more memories than one page (100) holds
  for (let i = 0; i < KIOSK_MEMORIES; i++) {
    const created = new Date(now.getTime() - 30 * DAY + i * 3_600_000).toISOString()
    memories.push({
      id: stableUuid(projectId, 1000 + i),
      memory: `Visitor ${i + 1} asked about ${["opening hours", "parking", "the café menu", "guided tours", "lost and found"][i % 5]}`,
      user_id: "kiosk-42",
      agent_id: null,
      app_id: null,
      run_id: null,
      metadata: { visit: i + 1 },
      categories: ["support"],
      created_at: created,
      updated_at: created,
      expiration_date: null,
      replaced_by: null,
      synthesized: false,
      history: []
    })
  }
  return { memories, events, retrievals: 42 }
}

/** What `/v1/stats/` says of a project. */
export const statsOf = (project: ProjectMemories) => {
  const live = project.memories
  const distinct = (pick: (m: StoredMemory) => string | null) => new Set(live.map(pick).filter((v): v is string => v !== null)).size
  const users = distinct((m) => m.user_id)
  const agents = distinct((m) => m.agent_id)
  const runs = distinct((m) => m.run_id)
  const per = (n: number, of: (m: StoredMemory) => string | null) => (n === 0 ? 0 : Math.round(live.filter((m) => of(m) !== null).length / n))
  return {
    total_memories: live.length,
    total_users_with_memories: users,
    total_agents_with_memories: agents,
    total_runs_with_memories: runs,
    memories_per_user: per(users, (m) => m.user_id),
    memories_per_agent: per(agents, (m) => m.agent_id),
    memories_per_run: per(runs, (m) => m.run_id),
    total_add_events: project.events.filter((e) => e.event_type === "ADD").length,
    total_retrieval_events: project.retrievals,
    total_api_retrieval_events: project.retrievals,
    total_retrieval_events_limit: 10_000
  }
}

// ---- the memory API, on one project's memories ------------------------------------------------

/** How unnamed entity fields of a filter are read (Mem0's docs say both): `strict` = they must be null. */
export type NullScoping = "loose" | "strict"

type Json = Record<string, unknown>
type Reply = { readonly status: number; readonly body: unknown }

const ENTITY_KEYS = ["user_id", "agent_id", "app_id", "run_id"] as const
const FILTER_KEYS = new Set([
  "AND", "OR", "NOT", ...ENTITY_KEYS, "created_at", "updated_at", "timestamp", "expiration_date", "text", "categories",
  "metadata", "keywords_search", "memory_ids", "keywords"
])

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)
const badRequest = (field: string, message: string): Reply => ({ status: 400, body: { [field]: [message] } })
const notFound = (detail: string): Reply => ({ status: 404, body: { detail } })

/** Why Mem0 refuses a filter (400), or `undefined`; `keywords` in a search is Mem0's 500 (`search`). */
export const filterRefusal = (filter: unknown, search: boolean): Reply | undefined => {
  const walk = (f: unknown, depth: number): Reply | undefined => {
    if (!isObject(f) || depth > 32) return badRequest("filters", "Filters must be an object.")
    for (const [key, value] of Object.entries(f)) {
      if (!FILTER_KEYS.has(key)) return badRequest("filters", `Invalid filter key: ${key.slice(0, 60)}`)
      if (search && key === "keywords") return { status: 500, body: { detail: "Internal server error" } }
      if (key === "AND" || key === "OR" || key === "NOT") {
        if (!Array.isArray(value)) return badRequest("filters", `${key} must be a list.`)
        for (const part of value) {
          const refused = walk(part, depth + 1)
          if (refused !== undefined) return refused
        }
      }
    }
    return undefined
  }
  const refused = walk(filter, 0)
  if (refused !== undefined) return refused
  const names = (f: Json): boolean =>
    ENTITY_KEYS.some((k) => f[k] !== undefined && f[k] !== null) ||
    (Array.isArray(f["AND"]) && f["AND"].some((p) => isObject(p) && names(p))) ||
    (Array.isArray(f["OR"]) && f["OR"].length > 0 && f["OR"].every((p) => isObject(p) && names(p)))
  return names(filter as Json) ? undefined : badRequest("filters", "Filters must include at least one of user_id, agent_id, app_id or run_id.")
}

const valueMatches = (actual: unknown, condition: unknown): boolean => {
  if (condition === "*") return actual !== null && actual !== undefined
  if (!isObject(condition)) return actual === condition
  return Object.entries(condition).every(([op, operand]) => {
    switch (op) {
      case "eq":
        return actual === operand
      case "ne":
        return actual !== operand
      case "in":
        return Array.isArray(operand) && operand.includes(actual)
      case "contains":
        return typeof actual === "string" && typeof operand === "string" && actual.includes(operand)
      case "icontains":
        return typeof actual === "string" && typeof operand === "string" && actual.toLowerCase().includes(operand.toLowerCase())
      case "gte":
      case "lte":
      case "gt":
      case "lt": {
        if (typeof actual !== "string" || typeof operand !== "string") return false
        const a = Date.parse(actual)
        const b = Date.parse(operand)
        return op === "gte" ? a >= b : op === "lte" ? a <= b : op === "gt" ? a > b : a < b
      }
      default:
        return false
    }
  })
}

/** Whether a memory matches a filter, with Mem0's rules (siblings ANDed, `*` non-null, operators). */
export const matches = (memory: StoredMemory, filter: Json, scoping: NullScoping): boolean => {
  if (scoping === "strict" && ENTITY_KEYS.some((k) => k in filter)) {
    // the "unspecified fields default to NULL" reading: an entity field this object does not name must be null
    for (const k of ENTITY_KEYS) if (!(k in filter) && memory[k] !== null) return false
  }
  return Object.entries(filter).every(([key, condition]) => {
    switch (key) {
      case "AND":
        return (condition as Array<Json>).every((part) => matches(memory, part, scoping))
      case "OR":
        return (condition as Array<Json>).some((part) => matches(memory, part, scoping))
      case "NOT":
        return !(condition as Array<Json>).some((part) => matches(memory, part, scoping))
      case "user_id":
      case "agent_id":
      case "app_id":
      case "run_id":
        return valueMatches(memory[key], condition)
      case "created_at":
      case "updated_at":
      case "timestamp":
        return valueMatches(key === "updated_at" ? memory.updated_at : memory.created_at, condition)
      case "expiration_date":
        return valueMatches(memory.expiration_date, condition)
      case "categories":
        return isObject(condition) && Array.isArray(condition["in"])
          ? memory.categories.some((c) => (condition["in"] as Array<unknown>).includes(c))
          : isObject(condition) && typeof condition["contains"] === "string"
          ? memory.categories.includes(condition["contains"])
          : memory.categories.includes(condition as string)
      case "metadata":
        return isObject(condition) && Object.entries(condition).every(([k, v]) => valueMatches(memory.metadata?.[k], v))
      case "keywords":
      case "text":
        return valueMatches(memory.memory, condition)
      case "memory_ids":
        return Array.isArray(condition) && condition.includes(memory.id)
      default:
        return true
    }
  })
}

/** The list's row (`session_id`) or search's (`run_id`). */
const memoryJson = (m: StoredMemory, run: "session_id" | "run_id") => ({
  id: m.id,
  memory: m.memory,
  user_id: m.user_id,
  agent_id: m.agent_id,
  app_id: m.app_id,
  [run]: m.run_id,
  metadata: m.metadata,
  categories: m.categories,
  structured_attributes: null,
  replaced_by: m.replaced_by,
  synthesized: m.synthesized,
  expiration_date: m.expiration_date,
  created_at: m.created_at,
  updated_at: m.updated_at
})

const expired = (m: StoredMemory, now: Date) => m.expiration_date !== null && Date.parse(m.expiration_date) < now.getTime()

/** A DRF page of `rows`, with absolute `next`/`previous` (Mem0's, which a client must not follow), or 404 past the end. */
const drfPage = <A>(
  rows: ReadonlyArray<A>,
  page: number,
  pageSize: number,
  url: (page: number) => string,
  toJson: (row: A) => unknown = (row) => row
): Reply => {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize))
  if (page > pages) return notFound("Invalid page.")
  return {
    status: 200,
    body: {
      count: rows.length,
      next: page < pages ? url(page + 1) : null,
      previous: page > 1 ? url(page - 1) : null,
      results: rows.slice((page - 1) * pageSize, page * pageSize).map(toJson)
    }
  }
}

/** `page` and `page_size` of a query: a page size above 200 (or a bad number) is Mem0's 400. */
const paging = (query: URLSearchParams, defaultSize: number): { page: number; pageSize: number } | Reply => {
  const page = Number(query.get("page") ?? "1")
  const pageSize = Number(query.get("page_size") ?? String(defaultSize))
  if (!Number.isSafeInteger(page) || page < 1) return notFound("Invalid page.")
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 200) return badRequest("page_size", "Ensure this value is between 1 and 200.")
  return { page, pageSize }
}
/** An event as Mem0 sends it: `latency` and `error` only when there is one (the document says number and string). */
const eventJson = (e: StoredEvent) => {
  const { error, latency, ...rest } = e
  return { ...rest, ...(latency === null ? {} : { latency }), ...(error === null ? {} : { error }) }
}
const isReply = (u: unknown): u is Reply => isObject(u) && "status" in u && "body" in u

/** The memory API of one project, as the local server answers it. */
export const memoryApi = (project: ProjectMemories, options: { readonly now: () => Date; readonly scoping: NullScoping; readonly origin: string }) => {
  const { now } = options
  const find = (id: string) => project.memories.find((m) => m.id === id)
  const event = (type: StoredEvent["event_type"], payload: Record<string, unknown>): StoredEvent => {
    const at = now().toISOString()
    const created: StoredEvent = { id: stableUuid("event", project.events.length + 1000), event_type: type, status: "PENDING", payload, latency: null, error: null, created_at: at, updated_at: at }
    project.events.unshift(created)
    return created
  }
  /** An asynchronous delete is PENDING for a moment, then SUCCEEDED (as Mem0's queue does). */
  const settle = () => {
    const t = now().getTime()
    for (const e of project.events) {
      if (e.status === "PENDING" && e.event_type === "DELETE" && t - Date.parse(e.created_at) >= 300) {
        e.status = "SUCCEEDED"
        e.updated_at = new Date(t).toISOString()
      }
    }
  }
  const entities = () => {
    const byKey = new Map<string, { id: string; type: string; count: number; created: string; updated: string }>()
    for (const m of project.memories) {
      for (const [type, id] of [["user", m.user_id], ["agent", m.agent_id], ["app", m.app_id], ["run", m.run_id]] as const) {
        if (id === null) continue
        const key = `${type}/${id}`
        const known = byKey.get(key)
        if (known === undefined) byKey.set(key, { id, type, count: 1, created: m.created_at, updated: m.updated_at })
        else {
          known.count++
          if (m.updated_at > known.updated) known.updated = m.updated_at
        }
      }
    }
    return [...byKey.values()].map((e) => ({
      id: e.id, name: e.id, type: e.type, owner: "ana", metadata: null, total_memories: e.count, created_at: e.created, updated_at: e.updated
    }))
  }
  const entityField = (type: string) => (type === "user" ? "user_id" : type === "agent" ? "agent_id" : type === "app" ? "app_id" : type === "run" ? "run_id" : undefined)

  return {
    list: (query: URLSearchParams, body: unknown): Reply => {
      if (!isObject(body)) return badRequest("filters", "This field is required.")
      const refused = filterRefusal(body["filters"], false)
      if (refused !== undefined) return refused
      const paged = paging(query, 100)
      if (isReply(paged)) return paged
      project.retrievals++
      const categories = Array.isArray(body["categories"]) ? body["categories"] : undefined
      const key = JSON.stringify([options.scoping, body["filters"], body["show_expired"], categories, body["start_date"], body["end_date"], body["keywords"]])
      const version = project.version ?? 0
      const known = project.listed?.key === key && project.listed.version === version ? project.listed.rows : undefined
      const rows = known ?? project.memories.filter((m) =>
        matches(m, body["filters"] as Json, options.scoping) &&
        (body["show_expired"] === true || !expired(m, now())) &&
        (categories === undefined || m.categories.some((c) => categories.includes(c))) &&
        (typeof body["start_date"] !== "string" || Date.parse(m.created_at) >= Date.parse(body["start_date"])) &&
        (typeof body["end_date"] !== "string" || Date.parse(m.created_at) <= Date.parse(body["end_date"])) &&
        (typeof body["keywords"] !== "string" || m.memory.toLowerCase().includes(body["keywords"].toLowerCase()))
      ).sort((a, b) => b.created_at.localeCompare(a.created_at))
      // the next page of the same list finds its rows filtered and sorted already
      project.listed = { key, version, rows }
      return drfPage(rows, paged.page, paged.pageSize, (page) =>
        `${options.origin}/v3/memories/?page=${page}&page_size=${paged.pageSize}`, (m) => memoryJson(m, "session_id"))
    },
    search: (body: unknown): Reply => {
      if (!isObject(body) || typeof body["query"] !== "string" || body["query"].trim() === "") return badRequest("query", "This field is required.")
      const refused = filterRefusal(body["filters"], true)
      if (refused !== undefined) return refused
      const topK = body["top_k"] === undefined ? 10 : Number(body["top_k"])
      if (!Number.isSafeInteger(topK) || topK < 1 || topK > 1000) return badRequest("top_k", "Ensure this value is between 1 and 1000.")
      const threshold = body["threshold"] === undefined ? 0.1 : Number(body["threshold"])
      project.retrievals++
      const words = body["query"].toLowerCase().split(/\s+/).filter((w) => w !== "")
      // "Filter results to memories tagged with any of these categories."
      const categories = Array.isArray(body["categories"]) ? body["categories"] : undefined
      const scored = project.memories
        .filter((m) =>
          matches(m, body["filters"] as Json, options.scoping) && (body["show_expired"] === true || !expired(m, now())) &&
          (categories === undefined || m.categories.some((c) => categories.includes(c))))
        .map((m) => {
          const text = m.memory.toLowerCase()
          const bm25 = words.filter((w) => text.includes(w)).length / words.length
          const semantic = Math.round((0.2 + 0.7 * bm25) * 1000) / 1000
          return { m, score: Math.round((0.7 * semantic + 0.3 * bm25) * 1000) / 1000, breakdown: { semantic, bm25, entity: 0 } }
        })
        .filter((r) => r.score >= threshold)
        .sort((a, b) => b.score - a.score)
        .slice(0, topK)
      return { status: 200, body: { results: scored.map((r) => ({ ...memoryJson(r.m, "run_id"), score: r.score, score_breakdown: r.breakdown })) } }
    },
    get: (id: string): Reply => {
      const m = find(id)
      if (m === undefined) return notFound("Memory not found.")
      project.retrievals++
      return { status: 200, body: memoryJson(m, "session_id") }
    },
    history: (id: string): Reply => {
      const m = find(id)
      if (m === undefined) return notFound("Memory not found.")
      return {
        status: 200,
        body: m.history.map((h) => ({
          ...h,
          memory_id: m.id,
          // the document's user_id is a required string: empty for an agent's memory
          user_id: m.user_id ?? "",
          agent_id: m.agent_id,
          app_id: m.app_id,
          session_id: m.run_id,
          categories: m.categories,
          updated_at: h.created_at
        }))
      }
    },
    remove: (id: string, query: URLSearchParams): Reply => {
      const m = find(id)
      if (m === undefined) return notFound("Memory not found.")
      const linked = query.get("delete_linked") === "true" ? project.memories.filter((o) => o.replaced_by === id) : []
      const gone = new Set([m, ...linked])
      project.memories.splice(0, project.memories.length, ...project.memories.filter((o) => !gone.has(o)))
      project.version = (project.version ?? 0) + 1
      event("DELETE", { memory_id: id, delete_linked: linked.length > 0 })
      return { status: 200, body: { message: "Memory deleted successfully!", ...(linked.length > 0 ? { cascade_count: linked.length } : {}) } }
    },
    entities: (query: URLSearchParams): Reply => {
      const paged = paging(query, 100)
      if (isReply(paged)) return paged
      const all = entities()
      const page = drfPage(all, paged.page, paged.pageSize, (p) => `${options.origin}/v1/entities/?page=${p}&page_size=${paged.pageSize}`)
      if (page.status !== 200) return page
      const count = (type: string) => all.filter((e) => e.type === type).length
      return { status: 200, body: { ...(page.body as Json), total_users: count("user"), total_agents: count("agent"), total_apps: count("app"), total_runs: count("run") } }
    },
    filters: (): Reply => ({
      status: 200,
      body: {
        event_type: ["ADD", "UPDATE", "DELETE", "SEARCH", "GET_ALL", "GET"],
        categories: [...new Set(project.memories.flatMap((m) => m.categories))].sort(),
        users: [...new Set(project.memories.map((m) => m.user_id).filter((u): u is string => u !== null))].sort(),
        parameters: []
      }
    }),
    entity: (type: string, id: string): Reply => {
      if (entityField(type) === undefined) return { status: 400, body: { message: "Invalid entity type" } }
      // Mem0 answers a list (of the one entity, or none)
      return { status: 200, body: entities().filter((e) => e.type === type && e.id === id) }
    },
    removeEntity: (type: string, id: string): Reply => {
      const field = entityField(type)
      if (field === undefined) return { status: 400, body: { message: "Invalid entity type" } }
      if (!entities().some((e) => e.type === type && e.id === id)) return notFound("Entity not found.")
      project.memories.splice(0, project.memories.length, ...project.memories.filter((m) => m[field] !== id))
      project.version = (project.version ?? 0) + 1
      const started = event("DELETE", { entity_type: type, entity_id: id })
      return { status: 200, body: { message: "Delete in progress. This may take some time.", event_id: started.id } }
    },
    entityMemories: (type: string, id: string, query: URLSearchParams): Reply => {
      const field = entityField(type)
      if (field === undefined) return notFound("Entity not found.")
      const page = Number(query.get("page") ?? "1")
      if (!Number.isSafeInteger(page) || page < 1) return notFound("Invalid page.")
      project.retrievals++
      const rows = project.memories.filter((m) => m[field] === id).map((m) => ({ ...memoryJson(m, "session_id"), input: m.history[0]?.input ?? [] }))
      return drfPage(rows, page, 100, (p) => `${options.origin}/v1/memories/${type}/${encodeURIComponent(id)}/?page=${p}`)
    },
    events: (query: URLSearchParams): Reply => {
      settle()
      const paged = paging(query, 50)
      if (isReply(paged)) return paged
      const type = query.get("event_type")
      const status = query.get("status")
      const rows = project.events.filter((e) => (type === null || e.event_type === type) && (status === null || e.status === status))
      return drfPage(rows, paged.page, paged.pageSize, (p) => `${options.origin}/v1/events/?page=${p}&page_size=${paged.pageSize}`, eventJson)
    },
    event: (id: string): Reply => {
      settle()
      const found = project.events.find((e) => e.id === id)
      return found === undefined ? notFound("Event not found.") : { status: 200, body: eventJson(found) }
    }
  }
}
