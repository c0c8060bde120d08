/**
 * "Users (n)", "Agents (n)", "Apps (n)", "Runs (n)" under Memories. Mem0
 * lists the entities of every type together: a group reads the pages of
 * that list in order and keeps its own type, {@link PAGE_SIZE} rows per
 * "page" of the group (Load more shows the next).
 */
import * as Effect from "effect/Effect"
import type { Entity, EntityType } from "effect-mem0/Entity"
import { LoadKey } from "../../model/LoadKey.js"
import { PAGE_SIZE } from "../../model/MemoryQuery.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import { type Kind, type RowContext, uniqueKeys } from "./Kind.js"
import { loadMoreNode } from "./LoadMore.js"
import { type ProjectScope, scopeOf } from "./Memories.js"
import { entityNode } from "./MemoryList.js"

export interface EntityGroupNode extends ProjectScope {
  readonly _tag: "EntityGroup"
  readonly type: EntityType
  readonly parentKey: string
  /** `<memories key>/user` (the type). */
  readonly key: string
  /** How many of this type Mem0 counts, when it says. */
  readonly count: number | undefined
}

/** At most this many pages of entities are read per page of a group (a server of endless other types ends here). */
const MAX_SCAN = 20

export const entityGroupNode = (
  ctx: Pick<RowContext, "cached">,
  parent: ProjectScope & { readonly key: string },
  type: EntityType,
  count: number | undefined
): EntityGroupNode => {
  const key = `${parent.key}/${type}`
  return ctx.cached<EntityGroupNode>(key, (n) => n.count === count && n.project === parent.project && n.binding === parent.binding, () => ({
    _tag: "EntityGroup",
    ...scopeOf(parent),
    type,
    parentKey: parent.key,
    key,
    count
  }))
}

const LABELS: Record<EntityType, { readonly plain: () => string; readonly counted: (n: number) => string; readonly none: () => string; readonly icon: string }> = {
  user: { plain: () => t("Users"), counted: (n) => t("Users ({0})", n), none: () => t("No users with memories"), icon: "person" },
  agent: { plain: () => t("Agents"), counted: (n) => t("Agents ({0})", n), none: () => t("No agents with memories"), icon: "hubot" },
  app: { plain: () => t("Apps"), counted: (n) => t("Apps ({0})", n), none: () => t("No apps with memories"), icon: "window" },
  run: { plain: () => t("Runs"), counted: (n) => t("Runs ({0})", n), none: () => t("No runs with memories"), icon: "play-circle" }
}

/** The entities of the group's type, page by page of Mem0's list, until there are more than the pages shown hold. */
const entityRows = (ctx: RowContext, node: EntityGroupNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
  Effect.gen(function*() {
    const wanted = ctx.browse.pages(node.key) * PAGE_SIZE
    const found: Array<Entity> = []
    let more = true
    for (let page = 1; more && found.length <= wanted && page <= ctx.browse.pages(node.key) * MAX_SCAN; page++) {
      const loaded = yield* Effect.either(ctx.data.entities(node.binding.identity, page))
      if (loaded._tag === "Left") {
        const failed = yield* ctx.failureRows(node, LoadKey.Entities({ keyId: node.binding.identity.id, page }))(loaded.left)
        return [...rowsOf(ctx, node, found.slice(0, wanted)), ...failed]
      }
      for (const entity of loaded.right.results) if (entity.type === node.type) found.push(entity)
      more = loaded.right.hasNext && loaded.right.results.length > 0
    }
    if (found.length === 0 && !more) return [messageNode(node.key, LABELS[node.type].none())]
    const shown = found.slice(0, wanted)
    const rows = rowsOf(ctx, node, shown)
    if (found.length <= wanted && !more) return rows
    return [...rows, loadMoreNode(ctx, node.key, node.count === undefined ? undefined : Math.max(0, node.count - shown.length))]
  })

const rowsOf = (ctx: RowContext, node: EntityGroupNode, entities: ReadonlyArray<Entity>): ReadonlyArray<TreeNode> => {
  const { keys } = uniqueKeys(`${node.key}/`, entities.map((e) => e.id))
  return entities.map((entity, i) => entityNode(ctx, node, entity, keys[i]!))
}

export const EntityGroups: Kind<EntityGroupNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => ({
    label: node.count === undefined ? LABELS[node.type].plain() : LABELS[node.type].counted(node.count),
    icon: { id: LABELS[node.type].icon },
    collapsible: "collapsed"
  }),
  children: entityRows
}
