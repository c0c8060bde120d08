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
  return { memories, events, retrievals: 42 }
}

/** What `/v1/stats/` says of a project. */
export const statsOf = (project: ProjectMemories) => {
  const live = project.memories
  const distinct = (pick: (m: StoredMemory) => string | null) => new Set(live.map(pick).filter((v): v is string => v !== null)).size
  const users = distinct((m) => m.user_id)
  const agents = distinct((m) => m.agent_id)
  const runs = distinct((m) => m.run_id)
  const per = (n: number, of: (m: StoredMemory) => string | null) => (n === 0 ? 0 : Math.round((live.filter((m) => of(m) !== null).length / n) * 100) / 100)
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
