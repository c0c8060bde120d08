/**
 * What a row kind declares (one module per kind in this folder): its id, the
 * row above it, what VS Code shows for it, the rows it expands to, whether it
 * is the key's own, and the step that finds it under its parent. The tree
 * (`OrganizationsTree`) knows no kind by name: it asks `Rows.KINDS`.
 */
import type * as Effect from "effect/Effect"
import { callerRole, isOwnerRole, type Organization } from "effect-mem0/Organization"
import type { Project } from "effect-mem0/Project"
import type { Browsing } from "../../model/Browsing.js"
import type { LoadKey } from "../../model/LoadKey.js"
import type { LoadError, Mem0DataService } from "../../model/Mem0Data.js"
import { label } from "../../platform/Display.js"
import { t } from "../../platform/L10n.js"
import type { TreeItemData } from "../../platform/VsCodeApi.js"
import type { RowTarget, TreeNode } from "../Rows.js"

/** The organization and project the API key in use is bound to (from `ping`), as far as known. */
export interface KeyMarks {
  readonly orgId: string | undefined
  readonly projectId: string | undefined
}

/** What the tree lends a kind to make the rows under a row. */
export interface RowContext {
  readonly data: Mem0DataService
  /** What the person did to the memory lists (pages shown, filters, searches). */
  readonly browse: Browsing
  /**
   * The one row object of a row key, for as long as the tree shows it: `same` keeps the known one,
   * else the known one is updated in place with `make()` (VS Code keys rows by object).
   */
  readonly cached: <N extends TreeNode>(key: string, same: (known: N) => boolean, make: () => N) => N
  /** The rows a failed load shows under `parent`: an error row whose Retry loads `key` again. */
  readonly failureRows: (parent: RowParent, key: LoadKey) => (error: LoadError) => Effect.Effect<ReadonlyArray<TreeNode>>
  /** Logs, once per id, that a server listed an id twice. */
  readonly logDuplicates: (what: string, ids: ReadonlyArray<string>) => Effect.Effect<void>
  /**
   * Adds to a row what a load says, without waiting for it: when the load succeeds, `patch` gives the
   * row's new data and the row is redrawn if that changed it (a failure leaves the row as it is).
   */
  readonly enrich: <N extends TreeNode, A>(node: N, load: Effect.Effect<A, LoadError>, patch: (node: N, value: A) => N) => Effect.Effect<void>
}

/** A row rows can be under (an error row says which organization failed). */
export type RowParent = { readonly key: string; readonly org: Organization } & TreeNode

/** What VS Code shows for a row, but its id and accessible name (`Rows.treeItem` adds them). */
export type RowItem = Omit<TreeItemData, "id" | "accessibilityLabel">

export interface Kind<N extends TreeNode, T extends RowTarget = never> {
  /** The row's stable, unique id. */
  readonly id: (node: N) => string
  /** The key of the row above (`undefined`: the root). */
  readonly parentKey: (node: N) => string | undefined
  /** What VS Code shows; `keyRow` when it is the key's organization or project. */
  readonly item: (node: N, keyRow: boolean) => RowItem
  /** The rows it expands to. */
  readonly children?: (ctx: RowContext, node: N) => Effect.Effect<ReadonlyArray<TreeNode>>
  /** Whether it is the row of what the key is bound to. */
  readonly keyRow?: (node: N, marks: KeyMarks) => boolean
  /** How a target of this kind is found: the row it is under (`undefined`: the root), and which row it is. */
  readonly lookup?: { readonly parent: (target: T) => RowTarget | undefined; readonly match: (node: N, target: T) => boolean }
}

/** Row ids can contain anything a server sends: `/` and `~` (our separators) and `%` are escaped. */
export const idPart = (id: string): string => id.replace(/[%/~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * Unique row keys for a list of ids under one prefix: `prefix/id`, then
 * `prefix/id~2`, `prefix/id~3` for repeats (VS Code refuses two rows with one
 * id). Also returns the ids that were repeated.
 */
export const uniqueKeys = (prefix: string, ids: ReadonlyArray<string>) => {
  const seen = new Map<string, number>()
  const duplicates = new Set<string>()
  const keys = ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1
    seen.set(id, n)
    if (n > 1) duplicates.add(id)
    return `${prefix}${idPart(id)}${n === 1 ? "" : `~${n}`}`
  })
  return { keys, duplicates: [...duplicates] }
}

export const roleText = (role: string | undefined) => (role === undefined ? undefined : label(role.toLowerCase(), 40))

/** A row's description: the caller's role, and "default" where it applies (organizations and projects). */
export const roleAndDefault = (role: string | undefined, isDefault: boolean | undefined): string | undefined => {
  const parts = [roleText(role), isDefault === true ? t("default") : undefined].filter((p): p is string => p !== undefined)
  return parts.length === 0 ? undefined : parts.join(" · ")
}

/** Adds a mark to a description. */
export const marked = (description: string | undefined, mark: string | undefined): string | undefined =>
  mark === undefined ? description : description === undefined ? mark : `${description} · ${mark}`

export const ROLE_ICONS: Record<string, string> = { OWNER: "shield", READER: "eye" }

/** Whether the caller owns an organization (its role, or `is_owner`). */
export const ownsOrganization = (org: Organization): boolean => isOwnerRole(callerRole(org))

/** Whether the caller may change a project: Mem0 says `user_role: OWNER` for its owners and the organization's. */
export const ownsProject = (project: Project): boolean => isOwnerRole(project.user_role)

/** A member's email matches a target's, as Mem0 compares them (case-insensitive). */
export const sameEmail = (email: string | undefined, target: { readonly email: string }): boolean =>
  email !== undefined && email.toLowerCase() === target.email.toLowerCase()
