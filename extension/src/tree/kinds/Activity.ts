/**
 * "Activity" under Memories: the project's latest events (adds, searches,
 * deletes), newest first, paged like the lists. Mem0 adds memories
 * asynchronously, so "why is my memory missing?" is answered here.
 */
import { LoadKey } from "../../model/LoadKey.js"
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
}

export const activityNode = (ctx: Pick<RowContext, "cached">, parent: ProjectScope & { readonly key: string }): ActivityNode => {
  const key = `${parent.key}/activity`
  return ctx.cached<ActivityNode>(key, (n) => n.binding === parent.binding && n.project === parent.project, () => ({
    _tag: "Activity",
    ...scopeOf(parent),
    parentKey: parent.key,
    key
  }))
}

export const Activities: Kind<ActivityNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: () => ({
    label: t("Activity"),
    tooltip: t("The project's latest events: adds (processed asynchronously by Mem0), searches, deletes. A failed event opens with its error."),
    icon: { id: "pulse" },
    collapsible: "collapsed"
  }),
  children: (ctx, node) =>
    pagedRows(ctx, node, {
      pages: ctx.browse.pages(node.key),
      load: (page) => ctx.data.events(node.binding.identity, page),
      loadKey: (page) => LoadKey.Events({ keyId: node.binding.identity.id, page }),
      rows: (events) => eventRows(ctx, node, events),
      empty: t("No events")
    })
}
