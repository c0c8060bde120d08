/**
 * The rows of the Organizations tree: one module per kind (`kinds/`), each
 * with its item, children, key and lookup step; this table joins them. Row
 * ids are stable and unique (`org/<org_id>`, `org/<org_id>/member/<user_id>`,
 * `~2` on a repeated id) so the expansion state survives a refresh. Every
 * server string is cleaned (`platform/Display.ts`).
 */
import type * as Effect from "effect/Effect"
import { t } from "../platform/L10n.js"
import type { TreeItemData } from "../platform/VsCodeApi.js"
import { type ErrorNode, Errors, type MessageNode, Messages } from "./kinds/Error.js"
import { type GroupNode, type GroupTarget, Groups } from "./kinds/Group.js"
import type { Kind, KeyMarks, RowContext } from "./kinds/Kind.js"
import { type MemberNode, Members, type MemberTarget } from "./kinds/Member.js"
import { type OrganizationNode, Organizations, type OrganizationTarget } from "./kinds/Organization.js"
import { type ProjectNode, Projects, type ProjectTarget } from "./kinds/Project.js"
import { type ProjectMemberNode, ProjectMembers, type ProjectMemberTarget } from "./kinds/ProjectMember.js"
import { Activities, type ActivityNode } from "./kinds/Activity.js"
import { EntityGroups, type EntityGroupNode } from "./kinds/EntityGroup.js"
import { type EventNode, Events } from "./kinds/Event.js"
import { type LoadMoreNode, LoadMores } from "./kinds/LoadMore.js"
import { Memories, type MemoriesNode } from "./kinds/Memories.js"
import { MemoryItems, type MemoryNode } from "./kinds/Memory.js"
import { type MemoryListNode, MemoryLists } from "./kinds/MemoryList.js"
import { type SearchNode, Searches } from "./kinds/Search.js"

export * from "./kinds/Error.js"
export * from "./kinds/Group.js"
export { type KeyMarks, ownsOrganization, ownsProject, type RowContext, uniqueKeys } from "./kinds/Kind.js"
export * from "./kinds/Member.js"
export * from "./kinds/Organization.js"
export * from "./kinds/Project.js"
export * from "./kinds/ProjectMember.js"
export * from "./kinds/Activity.js"
export * from "./kinds/EntityGroup.js"
export * from "./kinds/Event.js"
export * from "./kinds/LoadMore.js"
export * from "./kinds/Memories.js"
export * from "./kinds/Memory.js"
export * from "./kinds/MemoryList.js"
export * from "./kinds/Search.js"

export type TreeNode =
  | OrganizationNode
  | GroupNode
  | MemberNode
  | ProjectNode
  | ProjectMemberNode
  | ErrorNode
  | MessageNode
  | MemoriesNode
  | EntityGroupNode
  | MemoryListNode
  | SearchNode
  | MemoryNode
  | ActivityNode
  | EventNode
  | LoadMoreNode

/** A row to find (reveal and select after a change, or list the rows under). */
export type RowTarget = OrganizationTarget | GroupTarget | ProjectTarget | MemberTarget | ProjectMemberTarget

type Kinds = { readonly [T in TreeNode["_tag"]]: Kind<Extract<TreeNode, { _tag: T }>, Extract<RowTarget, { _tag: T }>> }

/** Every kind of row, by tag. */
export const KINDS: Kinds = {
  Organization: Organizations,
  Group: Groups,
  Project: Projects,
  Member: Members,
  ProjectMember: ProjectMembers,
  Error: Errors,
  Message: Messages,
  Memories,
  EntityGroup: EntityGroups,
  MemoryList: MemoryLists,
  Search: Searches,
  Memory: MemoryItems,
  Activity: Activities,
  Event: Events,
  LoadMore: LoadMores
}

const kindOf = <N extends TreeNode>(node: N) => KINDS[node._tag] as unknown as Kind<N, Extract<RowTarget, { _tag: N["_tag"] }>>

/** The stable, unique id of a row. */
export const nodeId = (node: TreeNode): string => kindOf(node).id(node)

/** The key of the row above (`undefined`: the root). */
export const parentKeyOf = (node: TreeNode): string | undefined => kindOf(node).parentKey(node)

/** The rows a row expands to (none for a leaf). */
export const childrenOf = (ctx: RowContext, node: TreeNode): Effect.Effect<ReadonlyArray<TreeNode>> | undefined =>
  kindOf(node).children?.(ctx, node)

/** Whether a row is the key's organization or project. */
export const isKeyRow = (node: TreeNode, key: KeyMarks | undefined): boolean =>
  key !== undefined && (kindOf(node).keyRow?.(node, key) ?? false)

/** How a target is found: the target of the row it is under (`undefined`: the root), and the test of each row there. */
export const lookupOf = <T extends RowTarget>(target: T) => {
  const kind = KINDS[target._tag] as unknown as Kind<TreeNode, T>
  const step = kind.lookup!
  return {
    parent: step.parent(target),
    matches: (row: TreeNode) => row._tag === target._tag && step.match(row, target)
  }
}

/**
 * What VS Code shows for a row, with its accessible name: the label and the description, as shown.
 * The rows of the key's organization and project are marked.
 */
export const treeItem = (node: TreeNode, key?: KeyMarks): TreeItemData => {
  const item = kindOf(node).item(node, isKeyRow(node, key))
  return {
    id: nodeId(node),
    ...item,
    // What the icon says is in the description (role, default, the key's project); an error row says it is one.
    accessibilityLabel: node._tag === "Error"
      ? t("Error: {0}. {1}", item.label, item.description ?? "")
      : item.description === undefined || item.description === ""
      ? item.label
      : `${item.label} ${item.description}`
  }
}
