/**
 * The row objects of a tree, kept the way VS Code needs them: VS Code keys
 * rows by object and forgets a row's descendants' objects when told to
 * redraw it, so each row key has one object for as long as the tree shows it
 * (new data updates it in place), and the store remembers which rows VS Code
 * was handed, which changed since, and which ids it was given under each row.
 */
import * as DateTime from "effect/DateTime"
import { type ErrorNode, nodeId, parentKeyOf, type TreeNode } from "./Rows.js"

export interface RowStore {
  /** The one row object of a key (see `RowContext.cached`). */
  readonly cached: <N extends TreeNode>(key: string, same: (known: N) => boolean, make: () => N) => N
  /** Keeps an error row, so Retry can act on the tree's own row. */
  readonly errorRow: (node: ErrorNode) => ErrorNode
  /** The row of a key, if the tree shows it. */
  readonly get: (key: string) => TreeNode | undefined
  /** Every row kept. */
  readonly rows: () => IterableIterator<TreeNode>
  /** The row above a row. */
  readonly parentOf: (node: TreeNode) => TreeNode | undefined
  /** Whether a row is below one of the rows with these keys. */
  readonly below: (node: TreeNode, keys: ReadonlySet<string>) => boolean
  /** After VS Code got the rows under a row (`undefined`: the root): forgets those the list no longer has, and all below them. */
  readonly listed: (parent: TreeNode | undefined, list: ReadonlyArray<TreeNode>) => void
  /** The row the tree holds under the id of a command's argument, or `undefined` (a made-up object is never acted on). */
  readonly resolve: (arg: unknown) => TreeNode | undefined
  /** Rows whose data changed in place since VS Code was last handed them. */
  readonly mutated: Set<TreeNode>
  /** Rows VS Code has been handed (only those are worth redrawing). */
  readonly handed: WeakSet<TreeNode>
  /** The row ids VS Code was last given under each row it asked about (`""`: the root). */
  readonly given: Map<string, ReadonlyArray<string>>
}

const errorId = (parentKey: string | undefined) => (parentKey === undefined ? "error" : `${parentKey}/error`)

/** How deep two values are walked before they are taken as different (server data can nest deeply). */
const MAX_DEPTH = 32

/**
 * Whether two values are the same data, as their JSON would say: primitives by value, dates by instant,
 * arrays element by element, objects (class instances included) field by field, fields that are
 * `undefined` ignored (JSON leaves them out). Nothing is written out: comparing a page of memories
 * found again costs a walk, not two `JSON.stringify` per field.
 */
const sameData = (a: unknown, b: unknown, depth: number): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > MAX_DEPTH) return false
  if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) {
    return DateTime.isDateTime(a) && DateTime.isDateTime(b) && a._tag === b._tag && DateTime.toEpochMillis(a) === DateTime.toEpochMillis(b) &&
      (a._tag === "Utc" || JSON.stringify(a) === JSON.stringify(b))
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth + 1)) return false
    return true
  }
  if ("toJSON" in a || "toJSON" in b) return JSON.stringify(a) === JSON.stringify(b)
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  for (const key in x) if (!sameData(x[key], y[key], depth + 1)) return false
  for (const key in y) if (!(key in x) && y[key] !== undefined) return false
  return true
}

/** Whether a row's new data shows differently: field by field (the fields they share, such as the organization, at no cost). */
const differs = (known: TreeNode, next: TreeNode): boolean => !sameData(known, next, 0)

export const makeRowStore = (): RowStore => {
  /** Rows by row key (not by id: a server may list one id twice). */
  const rowNodes = new Map<string, TreeNode>()
  /** The error rows handed out, by row id. */
  const errorRows = new Map<string, ErrorNode>()
  const mutated = new Set<TreeNode>()
  const given = new Map<string, ReadonlyArray<string>>()

  const parentOf = (node: TreeNode) => {
    const key = parentKeyOf(node)
    return key === undefined ? undefined : rowNodes.get(key)
  }
  const below = (node: TreeNode, keys: ReadonlySet<string>): boolean => {
    for (let up = parentOf(node); up !== undefined; up = parentOf(up)) if (keys.has(nodeId(up))) return true
    return false
  }

  return {
    cached: <N extends TreeNode>(key: string, same: (known: N) => boolean, make: () => N): N => {
      const known = rowNodes.get(key) as N | undefined
      if (known !== undefined && same(known)) return known
      const node = make()
      if (known === undefined || known._tag !== node._tag) {
        rowNodes.set(key, node)
        return node
      }
      if (differs(known, node)) mutated.add(known)
      Object.assign(known, node)
      return known
    },
    errorRow: (node) => {
      errorRows.set(nodeId(node), node)
      return node
    },
    get: (key) => rowNodes.get(key),
    rows: () => rowNodes.values(),
    parentOf,
    below,
    listed: (parent, list) => {
      const parentKey = parent === undefined ? undefined : nodeId(parent)
      if (!list.some((row) => row._tag === "Error")) errorRows.delete(errorId(parentKey))
      const kept = new Set(list)
      const gone = new Set<string>()
      for (const [key, row] of rowNodes) if (parentKeyOf(row) === parentKey && !kept.has(row)) gone.add(key)
      if (gone.size === 0) return
      for (const [key, row] of [...rowNodes]) {
        if (gone.has(key) || below(row, gone)) {
          rowNodes.delete(key)
          given.delete(key)
        }
      }
    },
    resolve: (arg) => {
      if (typeof arg !== "object" || arg === null) return undefined
      const { _tag, key, parentKey } = arg as { readonly _tag?: unknown; readonly key?: unknown; readonly parentKey?: unknown }
      if (_tag === "Error") return parentKey === undefined || typeof parentKey === "string" ? errorRows.get(errorId(parentKey)) : undefined
      if (typeof key !== "string") return undefined
      const row = rowNodes.get(key)
      return row !== undefined && row._tag === _tag ? row : undefined
    },
    mutated,
    handed: new WeakSet<TreeNode>(),
    given
  }
}
