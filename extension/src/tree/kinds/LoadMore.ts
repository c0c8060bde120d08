/**
 * "Load more…" at the end of a list that has more: the next page is appended
 * (the pages shown are loaded once per refresh, so nothing shown is read
 * again). `pagedRows` makes a list's rows from its pages for every kind that
 * pages (memories, entities, events).
 */
import * as Effect from "effect/Effect"
import type { LoadKey } from "../../model/LoadKey.js"
import type { LoadError } from "../../model/Mem0Data.js"
import { COMMANDS } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import type { Kind, RowContext, RowParent } from "./Kind.js"

export interface LoadMoreNode {
  readonly _tag: "LoadMore"
  /** The list row it belongs to. */
  readonly parentKey: string
  /** `<parentKey>/more`. */
  readonly key: string
  /** How many rows are left, when Mem0 said how many there are. */
  readonly left: number | undefined
}

/** One page of a list, as every paged endpoint answers it. */
export interface Page<A> {
  readonly results: ReadonlyArray<A>
  readonly hasNext: boolean
  readonly count: number | undefined
}

export interface PagedList<A> {
  /** Pages to show (1 until Load more). */
  readonly pages: number
  readonly load: (page: number) => Effect.Effect<Page<A>, LoadError>
  /** The load of a page, for an error row's Retry. */
  readonly loadKey: (page: number) => LoadKey
  /** The rows of the items shown. */
  readonly rows: (items: ReadonlyArray<A>) => ReadonlyArray<TreeNode>
  /** What an empty list says. */
  readonly empty: string
}

/**
 * A list's rows: its first `pages` pages in order (a page that fails shows its error row after the rows
 * before it, and Retry loads that page again), then "Load more…" when Mem0 says there is a next page.
 */
export const pagedRows = <A>(ctx: RowContext, parent: RowParent, list: PagedList<A>): Effect.Effect<ReadonlyArray<TreeNode>> =>
  Effect.gen(function*() {
    const items: Array<A> = []
    let last: Page<A> | undefined
    for (let page = 1; page <= list.pages; page++) {
      const loaded = yield* Effect.either(list.load(page))
      if (loaded._tag === "Left") {
        const failed = yield* ctx.failureRows(parent, list.loadKey(page))(loaded.left)
        return [...list.rows(items), ...failed]
      }
      last = loaded.right
      for (const item of last.results) items.push(item)
      // a page with no rows ends the list, whatever `next` says
      if (!last.hasNext || last.results.length === 0) break
    }
    if (items.length === 0) return [messageNode(parent.key, list.empty)]
    const rows = list.rows(items)
    if (last === undefined || !last.hasNext || last.results.length === 0) return rows
    return [...rows, loadMoreNode(ctx, parent.key, last.count === undefined ? undefined : Math.max(0, last.count - items.length))]
  })

export const loadMoreNode = (ctx: Pick<RowContext, "cached">, parentKey: string, left: number | undefined): LoadMoreNode =>
  ctx.cached<LoadMoreNode>(`${parentKey}/more`, (n) => n.left === left, () => ({ _tag: "LoadMore", parentKey, key: `${parentKey}/more`, left }))

export const LoadMores: Kind<LoadMoreNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => ({
    label: t("Load more…"),
    ...(node.left === undefined || node.left === 0 ? {} : { description: t("{0} more", node.left) }),
    tooltip: t("Loads the next page and appends it to the list."),
    icon: { id: "fold-down" },
    collapsible: "none",
    command: { command: COMMANDS.loadMore, title: t("Load more…"), arguments: [node] }
  })
}
