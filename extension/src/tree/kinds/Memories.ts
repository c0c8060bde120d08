/**
 * The "Memories" row under a project: Mem0 shows a project's memories only to
 * a key whose `ping` names that project, so the row says which stored key
 * reads them (whatever key is in use) and how many there are (`/v1/stats/`).
 * Under a project no stored key is bound to, the row is "Add a key for this
 * project…" and runs Add Key. It expands to the searches shown, Users,
 * Agents, Apps and Runs (counts from the first page of entities), All
 * memories and Activity. Nothing here loads before a row is expanded, and
 * nothing is refreshed on a timer (browsing counts against Mem0's quota).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EntityPage, EntityType } from "effect-mem0/Entity"
import type { Organization } from "effect-mem0/Organization"
import type { Project } from "effect-mem0/Project"
import { ENV_KEY } from "../../model/ApiKey.js"
import { describeKey } from "../../model/KeyClients.js"
import { LoadKey } from "../../model/LoadKey.js"
import { bindingOf, type KeyBinding } from "../../model/Mem0Data.js"
import { label } from "../../platform/Display.js"
import { COMMANDS, CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { activityNode } from "./Activity.js"
import { entityGroupNode } from "./EntityGroup.js"
import { type Kind, type RowContext, uniqueKeys } from "./Kind.js"
import { allMemoriesNode } from "./MemoryList.js"
import type { ProjectNode } from "./Project.js"
import { searchRows } from "./Search.js"

/** What every row under "Memories" knows: the project, and the key that reads it. */
export interface ProjectScope {
  readonly org: Organization
  readonly project: Project
  readonly binding: KeyBinding
}

export interface MemoriesNode {
  readonly _tag: "Memories"
  readonly org: Organization
  readonly project: Project
  /** The stored key bound to the project; `undefined`: none is (the row offers Add Key). */
  readonly binding: KeyBinding | undefined
  readonly parentKey: string
  /** `<project key>/memories`. */
  readonly key: string
  /** How many memories the project holds (`/v1/stats/`), once known. */
  readonly count?: number
}

/** The scope of the rows under a bound "Memories" row. */
export const scopeOf = (node: { readonly org: Organization; readonly project: Project; readonly binding: KeyBinding }): ProjectScope => ({
  org: node.org,
  project: node.project,
  binding: node.binding
})

/**
 * The rows of records under a row (memories, events): one per record, keyed `<parent>/<segment>/<id>` (`~n`
 * for an id listed twice), each with the parent's scope; a record's row is kept while it is the same record.
 */
export const recordRows = <A extends { readonly id: string }, N extends TreeNode>(
  ctx: Pick<RowContext, "cached">,
  parent: ProjectScope & { readonly key: string },
  segment: string,
  records: ReadonlyArray<A>,
  row: (scoped: ProjectScope & { readonly parentKey: string; readonly key: string }, record: A) => N,
  same: (known: N, record: A) => boolean
): ReadonlyArray<N> => {
  const { keys } = uniqueKeys(`${parent.key}/${segment}/`, records.map((r) => r.id))
  return records.map((record, i) =>
    ctx.cached<N>(keys[i]!, (known) => same(known, record), () => row({ ...scopeOf(parent), parentKey: parent.key, key: keys[i]! }, record))
  )
}

/** The "Memories" row of a project: bound to the key that reads it, counted when the count comes. */
export const memoriesRow = (ctx: RowContext, parent: ProjectNode): Effect.Effect<TreeNode> =>
  Effect.gen(function*() {
    const bindings = yield* Effect.either(ctx.data.bindings)
    const binding = Either.isRight(bindings) ? bindingOf(bindings.right, parent.org.org_id, parent.project.project_id) : undefined
    const key = `${parent.key}/memories`
    const row = ctx.cached<MemoriesNode>(
      key,
      (n) => n.project === parent.project && n.binding?.identity.id === binding?.identity.id,
      () => ({ _tag: "Memories", org: parent.org, project: parent.project, binding, parentKey: parent.key, key })
    )
    if (binding !== undefined) {
      yield* ctx.enrich(row, ctx.data.stats(binding.identity), (n, stats) =>
        stats.total_memories === undefined ? n : { ...n, count: stats.total_memories })
    }
    return row
  })

const GROUPS: ReadonlyArray<readonly [EntityType, keyof EntityPage["totals"]]> = [
  ["user", "users"],
  ["agent", "agents"],
  ["app", "apps"],
  ["run", "runs"]
]

/** What a bound "Memories" row expands to: searches, the entity groups (counted), All memories, Activity. */
const memoriesChildren = (ctx: RowContext, node: MemoriesNode & ProjectScope): Effect.Effect<ReadonlyArray<TreeNode>> =>
  ctx.data.entities(node.binding.identity, 1).pipe(
    Effect.map((page): ReadonlyArray<TreeNode> => [
      ...searchRows(ctx, node, { _tag: "All" }),
      ...GROUPS.map(([type, total]) => entityGroupNode(ctx, node, type, page.totals[total])),
      allMemoriesNode(ctx, node),
      activityNode(ctx, node)
    ]),
    Effect.catchAll(ctx.failureRows(node, LoadKey.Entities({ keyId: node.binding.identity.id, page: 1 })))
  )

const isBound = (node: MemoriesNode): node is MemoriesNode & ProjectScope => node.binding !== undefined

export const Memories: Kind<MemoriesNode> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    if (!isBound(node)) {
      return {
        label: t("Add a key for this project…"),
        tooltip: t("Mem0 shows a project's memories only to an API key bound to that project. Add one of this project's keys to browse its memories."),
        icon: { id: "key" },
        collapsible: "none",
        command: { command: COMMANDS.addKey, title: t("Add Key…") }
      }
    }
    const reader = describeKey(node.binding.identity)
    const name = node.binding.identity.name
    return {
      label: node.count === undefined ? t("Memories") : t("Memories ({0})", node.count),
      description: name === undefined ? t("read with {0}", ENV_KEY) : t("read with key \"{0}\"", label(name, 40)),
      tooltip: t("The project's memories, read with {0} (Mem0 shows a project's memories only to a key bound to it). Browsing counts against Mem0's retrieval quota: lists load when expanded, never on a timer.", reader),
      icon: { id: "database" },
      collapsible: "collapsed",
      contextValue: CONTEXT_VALUES.memories
    }
  },
  children: (ctx, node) => (isBound(node) ? memoriesChildren(ctx, node) : Effect.succeed([]))
}
