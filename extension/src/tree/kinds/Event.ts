/**
 * An event of Activity: its type and status, latency and age. A FAILED one
 * stands out (error icon) and opens with its error; a PENDING add says Mem0
 * is still processing the memory.
 */
import * as DateTime from "effect/DateTime"
import type { MemoryEvent } from "effect-mem0/MemoryEvent"
import { ageText, clean, excerpt } from "../../platform/Display.js"
import { COMMANDS, CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { Kind, RowContext } from "./Kind.js"
import { type ProjectScope, recordRows } from "./Memories.js"

export interface EventNode extends ProjectScope {
  readonly _tag: "Event"
  readonly event: MemoryEvent
  readonly parentKey: string
  /** `<activity key>/e/<id>`. */
  readonly key: string
}

export const eventRows = (ctx: Pick<RowContext, "cached">, parent: ProjectScope & { readonly key: string }, events: ReadonlyArray<MemoryEvent>) =>
  recordRows<MemoryEvent, EventNode>(ctx, parent, "e", events, (scoped, event) => ({ _tag: "Event", ...scoped, event }), (n, e) => n.event === e)

const STATUS_ICONS: Record<string, { readonly id: string; readonly color?: string }> = {
  FAILED: { id: "error", color: "errorForeground" },
  PENDING: { id: "clock" },
  RUNNING: { id: "sync" },
  SUCCEEDED: { id: "pass", color: "testing.iconPassed" }
}

/** Whether an event is an add Mem0 has not finished. */
const stillAdding = (event: MemoryEvent) => event.event_type === "ADD" && (event.status === "PENDING" || event.status === "RUNNING")

export const eventDescription = (event: MemoryEvent, nowMs: number): string => {
  const parts: Array<string> = []
  if (stillAdding(event)) parts.push(t("Mem0 is still processing this memory"))
  if (event.status === "FAILED" && event.error !== undefined) parts.push(excerpt(event.error, 80))
  if (event.latency !== undefined) parts.push(t("{0} ms", Math.round(event.latency)))
  const at = event.created_at
  if (at !== undefined) parts.push(t("{0} ago", ageText(DateTime.toEpochMillis(at), nowMs)))
  return parts.join(" · ")
}

export const Events: Kind<EventNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const { event } = node
    const status = event.status ?? t("unknown status")
    const lines = [`${excerpt(event.event_type ?? t("event"), 40)} · ${status}`, "", `id: ${clean(event.id)}`]
    if (stillAdding(event)) lines.push(t("Mem0 is still processing this memory; it shows in the lists once the add succeeds."))
    if (event.error !== undefined) lines.push(t("Error: {0}", excerpt(event.error, 2000)))
    if (event.latency !== undefined) lines.push(t("Latency: {0} ms", Math.round(event.latency)))
    if (event.created_at !== undefined) lines.push(t("Created: {0}", DateTime.formatIso(event.created_at)))
    return {
      label: `${excerpt(event.event_type ?? t("event"), 40)} · ${status}`,
      description: eventDescription(event, Date.now()),
      tooltip: lines.join("\n"),
      icon: STATUS_ICONS[event.status ?? ""] ?? { id: "circle-outline" },
      collapsible: "none",
      contextValue: event.status === "FAILED" ? CONTEXT_VALUES.eventFailed : CONTEXT_VALUES.event,
      command: { command: COMMANDS.openEvent, title: t("Open Event"), arguments: [node] }
    }
  }
}
