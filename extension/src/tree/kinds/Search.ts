/**
 * A search shown under the row it was made on (Memories, or an entity):
 * "Search: “query”", its results below with their scores, until the person
 * closes it (Clear Search). Filter... narrows it (categories, created dates,
 * expired: what Mem0's search takes; never text). Temporary: kept for the
 * activation only.
 */
import * as Effect from "effect/Effect"
import { LoadKey } from "../../model/LoadKey.js"
import type { ShownSearch } from "../../model/Browsing.js"
import { describeFilter, isFiltered, type MemoryScope, searchKey } from "../../model/MemoryQuery.js"
import { excerpt } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import type { Kind, RowContext } from "./Kind.js"
import { type ProjectScope, scopeOf } from "./Memories.js"
import { memoryRows } from "./Memory.js"

export interface SearchNode extends ProjectScope {
  readonly _tag: "Search"
  readonly shown: ShownSearch
  /** The row it was made on. */
  readonly parentKey: string
  /** `<parentKey>/search/<n>`. */
  readonly key: string
}

/** The searches shown under a row, newest first. */
export const searchRows = (
  ctx: RowContext,
  parent: ProjectScope & { readonly key: string },
  scope: MemoryScope
): ReadonlyArray<SearchNode> =>
  ctx.browse.searches(parent.key)
    .filter((s) => JSON.stringify(s.search.scope) === JSON.stringify(scope))
    .map((shown) => {
      const key = `${parent.key}/search/${shown.id}`
      return ctx.cached<SearchNode>(key, (n) => n.shown === shown && n.binding === parent.binding, () => ({
        _tag: "Search",
        ...scopeOf(parent),
        shown,
        parentKey: parent.key,
        key
      }))
    })

export const Searches: Kind<SearchNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const { filter, query, threshold, topK } = node.shown.search
    const filtered = isFiltered(filter)
    return {
      label: t("Search: \"{0}\"", excerpt(query, 80)),
      description: filtered
        ? t("top {0}, score ≥ {1} · {2}", topK, threshold, describeFilter(filter))
        : t("top {0}, score ≥ {1}", topK, threshold),
      tooltip: t("Semantic search for \"{0}\" (top_k {1}, threshold {2}), results with their scores. Clear Search closes it.", excerpt(query, 500), topK, threshold),
      icon: { id: "search" },
      collapsible: "expanded",
      contextValue: filtered ? CONTEXT_VALUES.searchFiltered : CONTEXT_VALUES.search
    }
  },
  children: (ctx, node) =>
    ctx.data.search(node.binding.identity, node.shown.search).pipe(
      Effect.map((results): ReadonlyArray<TreeNode> =>
        results.length === 0 ? [messageNode(node.key, t("No memories found"))] : memoryRows(ctx, node, results)),
      Effect.catchAll(ctx.failureRows(node, LoadKey.Search({ keyId: node.binding.identity.id, search: searchKey(node.shown.search) })))
    )
}
