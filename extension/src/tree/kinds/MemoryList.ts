/**
 * A list of memories: "All memories" under Memories, or an entity (a user,
 * agent, app or run) under its group. It pages ({@link PAGE_SIZE} rows, then
 * "Load more…"), shows its filter in its description (Filter…, Clear
 * Filter), the searches made on it above its memories, and "deleting…" while
 * Mem0 deletes an entity.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { Entity } from "effect-mem0/Entity"
import { LoadKey } from "../../model/LoadKey.js"
import { describeFilter, isFiltered, type MemoryScope, queryKey } from "../../model/MemoryQuery.js"
import { clean, label } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { idPart, type Kind, marked, type RowContext } from "./Kind.js"
import { pagedRows } from "./LoadMore.js"
import { type ProjectScope, scopeOf } from "./Memories.js"
import { memoryRows } from "./Memory.js"
import { searchRows } from "./Search.js"

export interface MemoryListNode extends ProjectScope {
  readonly _tag: "MemoryList"
  readonly scope: MemoryScope
  /** The entity it lists, as Mem0 listed it (absent for All memories). */
  readonly entity: Entity | undefined
  readonly parentKey: string
  /** `<memories key>/all`, or `<group key>/<entity id>`. */
  readonly key: string
  /** How many memories (All memories: the project's count), when known. */
  readonly count: number | undefined
  /** The filter shown in its description (`Browsing`), as of its last drawing. */
  readonly filterText: string | undefined
  /** What the row says while Mem0 deletes the entity. */
  readonly deleting: string | undefined
}

const listNode = (
  ctx: RowContext,
  parent: ProjectScope & { readonly key: string },
  key: string,
  scope: MemoryScope,
  entity: Entity | undefined,
  count: number | undefined
): MemoryListNode => {
  const filter = ctx.browse.filter(key)
  const filterText = isFiltered(filter) ? describeFilter(filter) : undefined
  const deleting = ctx.browse.deleting.get(key)
  return ctx.cached<MemoryListNode>(
    key,
    (n) => n.entity === entity && n.count === count && n.filterText === filterText && n.deleting === deleting && n.binding === parent.binding,
    () => ({ _tag: "MemoryList", ...scopeOf(parent), scope, entity, parentKey: parent.key, key, count, filterText, deleting })
  )
}

/** "All memories" under a Memories row (its count is the project's). */
export const allMemoriesNode = (ctx: RowContext, parent: ProjectScope & { readonly key: string; readonly count?: number }) =>
  listNode(ctx, parent, `${parent.key}/all`, { _tag: "All" }, undefined, parent.count)

/** An entity's row under its group. */
export const entityNode = (ctx: RowContext, parent: ProjectScope & { readonly key: string }, entity: Entity, key = `${parent.key}/${idPart(entity.id)}`) =>
  listNode(ctx, parent, key, { _tag: "Entity", type: entity.type ?? "user", id: entity.id }, entity, entity.total_memories)

/** The field an entity's id is copied as. */
export const entityField = (node: MemoryListNode): string =>
  node.scope._tag === "Entity" ? `${node.scope.type}_id` : "id"

const memoryListRows = (ctx: RowContext, node: MemoryListNode): Effect.Effect<ReadonlyArray<TreeNode>> => {
  const filter = ctx.browse.filter(node.key)
  const searches = searchRows(ctx, node, node.scope)
  const query = queryKey(node.scope, filter)
  const paged = pagedRows(ctx, node, {
    pages: ctx.browse.pages(node.key),
    load: (page) => ctx.data.memories(node.binding.identity, node.scope, filter, page),
    loadKey: (page) => LoadKey.Memories({ keyId: node.binding.identity.id, query, page }),
    rows: (memories) => memoryRows(ctx, node, memories),
    empty: isFiltered(filter) ? t("No memories match the filter") : t("No memories")
  })
  return searches.length === 0 ? paged : Effect.map(paged, (rows) => [...searches, ...rows])
}

/** An entity's tooltip, plain text. */
const entityTooltip = (node: MemoryListNode, entity: Entity): string => {
  const lines = [clean(entity.name ?? entity.id), "", `${entityField(node)}: ${clean(entity.id)}`]
  if (entity.total_memories !== undefined) lines.push(t("Memories: {0}", entity.total_memories))
  if (entity.created_at !== undefined) lines.push(t("Created: {0}", DateTime.formatIso(entity.created_at)))
  if (entity.updated_at !== undefined) lines.push(t("Updated: {0}", DateTime.formatIso(entity.updated_at)))
  if (entity.metadata !== undefined) lines.push(t("Metadata: {0}", clean(JSON.stringify(entity.metadata)).slice(0, 2000)))
  return lines.join("\n")
}

export const MemoryLists: Kind<MemoryListNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const entity = node.entity
    const count = entity === undefined ? node.count : entity.total_memories
    const base = count === undefined ? undefined : count === 1 ? t("1 memory") : t("{0} memories", count)
    const description = marked(marked(base, node.filterText), node.deleting)
    const filtered = node.filterText !== undefined
    return {
      label: entity === undefined ? t("All memories") : label(entity.name ?? entity.id),
      ...(description === undefined ? {} : { description }),
      tooltip: entity === undefined
        ? t("Every memory of the project, newest first.")
        : entityTooltip(node, entity),
      icon: { id: node.deleting !== undefined ? "loading~spin" : entity === undefined ? "list-flat" : "symbol-field" },
      collapsible: "collapsed",
      contextValue: entity === undefined
        ? filtered ? CONTEXT_VALUES.allMemoriesFiltered : CONTEXT_VALUES.allMemories
        : filtered
        ? CONTEXT_VALUES.entityFiltered
        : CONTEXT_VALUES.entity
    }
  },
  children: memoryListRows
}
