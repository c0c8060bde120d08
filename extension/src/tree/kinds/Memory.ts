/**
 * A memory: its text on one line (only its start is looked at, so a memory
 * of megabytes costs what a short one does), categories and age as the
 * description, expired and superseded ones with their own icon and words.
 * The tooltip is plain text: ids, dates, categories, metadata. Clicking opens
 * it as a read-only document with its history.
 */
import * as DateTime from "effect/DateTime"
import type { Memory } from "effect-mem0/Memory"
import { ageText, clean, excerpt } from "../../platform/Display.js"
import { COMMANDS, CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { Kind, RowContext } from "./Kind.js"
import { type ProjectScope, recordRows } from "./Memories.js"

export interface MemoryNode extends ProjectScope {
  readonly _tag: "Memory"
  readonly memory: Memory
  readonly parentKey: string
  /** `<list key>/m/<id>` (`~n` for an id a list repeats). */
  readonly key: string
}

/** Longest text a memory row shows. */
export const MEMORY_LABEL = 120
/** Longest text a memory's tooltip shows. */
const MEMORY_TOOLTIP = 2000

/** The rows of a list's memories. */
export const memoryRows = (ctx: Pick<RowContext, "cached">, parent: ProjectScope & { readonly key: string }, memories: ReadonlyArray<Memory>) =>
  recordRows<Memory, MemoryNode>(ctx, parent, "m", memories, (scoped, memory) => ({ _tag: "Memory", ...scoped, memory }), (n, m) => n.memory === m)

/** What state a memory is in, beyond live: Mem0 hides expired ones by default and never overwrites (v3 adds). */
export const memoryState = (memory: Memory, nowMs: number): "expired" | "superseded" | undefined => {
  if (memory.replaced_by !== undefined && memory.replaced_by !== "") return "superseded"
  if (memory.lifecycle_state === "expired" || memory.lifecycle_state === "superseded") return memory.lifecycle_state
  const expires = memory.expiration_date === undefined ? Number.NaN : Date.parse(memory.expiration_date)
  return Number.isFinite(expires) && expires < nowMs ? "expired" : undefined
}

const when = (memory: Memory) => memory.updated_at ?? memory.created_at

/** A memory's description: its score in a search, its categories, its age, and whether it expired or was superseded. */
export const memoryDescription = (memory: Memory, nowMs: number): string => {
  const parts: Array<string> = []
  const state = memoryState(memory, nowMs)
  if (state === "expired") parts.push(t("expired"))
  if (state === "superseded") parts.push(t("superseded"))
  if (memory.score !== undefined) parts.push(t("score {0}", memory.score.toFixed(2)))
  if (memory.categories !== undefined && memory.categories.length > 0) parts.push(excerpt(memory.categories.join(", "), 60))
  const at = when(memory)
  if (at !== undefined) parts.push(t("{0} ago", ageText(DateTime.toEpochMillis(at), nowMs)))
  return parts.join(" · ")
}

/** A memory's tooltip, plain text. */
export const memoryTooltip = (memory: Memory, nowMs: number): string => {
  const lines = [excerpt(memory.memory, MEMORY_TOOLTIP), "", `id: ${clean(memory.id)}`]
  for (const field of ["user_id", "agent_id", "app_id", "run_id"] as const) {
    const value = memory[field]
    if (value !== undefined) lines.push(`${field}: ${excerpt(value, 200)}`)
  }
  const state = memoryState(memory, nowMs)
  if (state === "superseded") lines.push(t("Superseded by {0}", excerpt(memory.replaced_by ?? "", 80)))
  if (state === "expired") lines.push(t("Expired {0}", excerpt(memory.expiration_date ?? "", 40)))
  if (memory.synthesized === true) lines.push(t("Merged by Mem0 from other memories"))
  if (memory.created_at !== undefined) lines.push(t("Created: {0}", DateTime.formatIso(memory.created_at)))
  if (memory.updated_at !== undefined) lines.push(t("Updated: {0}", DateTime.formatIso(memory.updated_at)))
  if (memory.categories !== undefined && memory.categories.length > 0) lines.push(t("Categories: {0}", excerpt(memory.categories.join(", "), 400)))
  if (memory.metadata !== undefined) lines.push(t("Metadata: {0}", excerpt(JSON.stringify(memory.metadata), 1000)))
  return lines.join("\n")
}

const ICONS = { expired: "watch", superseded: "history" } as const

export const MemoryItems: Kind<MemoryNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const now = Date.now()
    const state = memoryState(node.memory, now)
    return {
      label: excerpt(node.memory.memory, MEMORY_LABEL),
      description: memoryDescription(node.memory, now),
      tooltip: memoryTooltip(node.memory, now),
      icon: state === undefined ? { id: "note" } : { id: ICONS[state], color: "disabledForeground" },
      collapsible: "none",
      contextValue: CONTEXT_VALUES.memory,
      command: { command: COMMANDS.openMemory, title: t("Open Memory"), arguments: [node] }
    }
  }
}
