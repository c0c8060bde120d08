/**
 * "Activity" under Memories: the project's latest events (adds, searches,
 * deletes), newest first, paged like the lists. Mem0 adds memories
 * asynchronously, so "why is my memory missing?" is answered here. Filter...
 * narrows it to a status (FAILED, say) and an event type, asked of Mem0.
 */
import { LoadKey } from "../../model/LoadKey.js"
import { activityKey, describeActivityFilter, isActivityFiltered } from "../../model/MemoryQuery.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import { eventRows } from "./Event.js"
import type { Kind, RowContext } from "./Kind.js"
import { pagedRows } from "./LoadMore.js"
import { type ProjectScope, scopeOf } from "./Memories.js"

export interface ActivityNode extends ProjectScope {
  readonly _tag: "Activity"
  readonly parentKey: string
  /** `<memories key>/activity`. */
  readonly key: string
  /** The filter (Filter... on Activity) as its description says it; none when unfiltered. */
  readonly filterText: string | undefined
}

export const activityNode = (ctx: Pick<RowContext, "cached" | "browse">, parent: ProjectScope & { readonly key: string }): ActivityNode => {
  const key = `${parent.key}/activity`
  const filter = ctx.browse.activityFilter(key)
  const filterText = isActivityFiltered(filter) ? describeActivityFilter(filter) : undefined
  return ctx.cached<ActivityNode>(
    key,
    (n) => n.binding === parent.binding && n.project === parent.project && n.filterText === filterText,
    () => ({ _tag: "Activity", ...scopeOf(parent), parentKey: parent.key, key, filterText })
  )
}

export const Activities: Kind<ActivityNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => ({
    label: t("Activity"),
    ...(node.filterText === undefined ? {} : { description: node.filterText }),
    tooltip: t("The project's latest events: adds (processed asynchronously by Mem0), searches, deletes. A failed event opens with its error."),
    icon: { id: "pulse" },
    collapsible: "collapsed",
    contextValue: node.filterText === undefined ? CONTEXT_VALUES.activity : CONTEXT_VALUES.activityFiltered
  }),
  children: (ctx, node) => {
    const filter = ctx.browse.activityFilter(node.key)
    return pagedRows(ctx, node, {
      pages: ctx.browse.pages(node.key),
      load: (page) => ctx.data.events(node.binding.identity, page, filter),
      loadKey: (page) => LoadKey.Events({ keyId: node.binding.identity.id, filter: activityKey(filter), page }),
      rows: (events) => eventRows(ctx, node, events),
      empty: isActivityFiltered(filter) ? t("No events match the filter") : t("No events")
    })
  }
}
