/**
 * The Organizations tree: what it shows and when it loads.
 *
 * - Nothing loads at activation: the first load starts when VS Code asks for
 *   the root rows, i.e. when the view is shown.
 * - Organizations load once per refresh; an organization's members load when
 *   it is expanded, once per refresh, at most {@link MEMBER_CONCURRENCY} at a time.
 * - A refresh (or a change of key or settings) interrupts every load in
 *   flight, which aborts its request, and whoever waited on it gets the new
 *   load's result: the tree never stays on "Loading...".
 * - Failures become rows (see `Rows.errorNode`), under the organization
 *   whose members failed, or at the root.
 * - With each load of the organizations, the key's project is located: `ping`
 *   says which organization and project the key is bound to; their rows are
 *   marked (redrawn when the answer comes: rows never wait for the ping), the
 *   project is revealed the first time (its organization expanded), and
 *   listeners (the status bar) are told.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type { Member, Organization } from "effect-mem0/Organization"
import type { KeyContext, Project } from "effect-mem0/Project"
import type * as Scope from "effect/Scope"
import { type Browsing, makeBrowsing } from "../model/Browsing.js"
import type { KeyIdentity } from "../model/KeyClients.js"
import { LoadKey } from "../model/LoadKey.js"
import { isBrowsing, type LoadError, Mem0Data, type Mem0DataService } from "../model/Mem0Data.js"
import { t } from "../platform/L10n.js"
import { addRelease } from "../platform/Owned.js"
import type { TreeHandle, TreeSource } from "../platform/VsCodeApi.js"
import {
  childrenOf as kindChildren,
  type ErrorNode,
  errorNode,
  groupsOf,
  isKeyRow,
  lookupOf,
  messageNode,
  nodeId,
  organizationRows,
  projectRowsOf,
  type RowContext,
  type RowTarget,
  type TreeNode,
  treeItem
} from "./Rows.js"
import { makeRowStore, type RowStore } from "./RowStore.js"

/** A set of listeners: `subscribe` returns the unsubscribe, `tell` calls each. */
const listeners = <A extends ReadonlyArray<unknown>>() => {
  const set = new Set<(...args: A) => void>()
  return {
    subscribe: (listener: (...args: A) => void) => {
      set.add(listener)
      return () => void set.delete(listener)
    },
    tell: (...args: A) => {
      for (const listener of set) listener(...args)
    }
  }
}

/** How long a refresh waits for its loads before it redraws anyway. */
export const RELOAD_BEFORE_REDRAW = "2 seconds"

export type { LoadError } from "../model/Mem0Data.js"

/** Where the key is bound, as far as the organizations and projects listed say. */
export interface KeyProject {
  readonly context: KeyContext
  /** The key's organization, when it is listed. */
  readonly org: Organization | undefined
  /** The key's project, when its organization's projects are listed and include it. */
  readonly project: Project | undefined
}

/** What a change on the server touched: the lists to load again. */
export type Changed =
  | { readonly _tag: "Organizations" }
  | { readonly _tag: "Members"; readonly orgId: string }
  | { readonly _tag: "Projects"; readonly orgId: string }
  | { readonly _tag: "ProjectMembers"; readonly orgId: string; readonly projectId: string }

export type { RowTarget } from "./Rows.js"

/** What is known of the key's project: nothing yet (or no key), the answer, or why there is none. */
export type KeyProjectState =
  | { readonly _tag: "Unknown" }
  | { readonly _tag: "Known"; readonly value: KeyProject }
  | { readonly _tag: "Failed"; readonly error: LoadError }

export interface OrganizationsTreeService {
  /** The data of the tree view. */
  readonly source: TreeSource<TreeNode>
  /** Drops every result, interrupts every load, and redraws the tree. */
  readonly refresh: Effect.Effect<void>
  /** A refresh that keeps the memory lists loaded (auto-refresh: browsing counts against Mem0's quota). */
  readonly refreshKeepingBrowsing: Effect.Effect<void>
  /** Retries what an error row stands for: the root, or one organization's members. */
  readonly retry: (node: ErrorNode) => Effect.Effect<void>
  /** The organizations of the current load (starting it if needed), for the quick pick. */
  readonly organizations: Effect.Effect<ReadonlyArray<Organization>, LoadError>
  /** The members of one organization, through the same once-per-refresh cache as the tree. */
  readonly members: (orgId: string) => Effect.Effect<ReadonlyArray<Member>, LoadError>
  /** The projects of one organization, through the same cache. */
  readonly projects: (orgId: string) => Effect.Effect<ReadonlyArray<Project>, LoadError>
  /** Locates the key's project (once per refresh; started by each load of the organizations). */
  readonly keyProject: Effect.Effect<KeyProject, LoadError>
  /**
   * After a change: loads again only what it touched (the rest of the tree keeps its rows and
   * expansion), then reveals and selects `show` if it is there.
   */
  readonly changed: (changed: Changed, show?: RowTarget) => Effect.Effect<void>
  /** The rows under a row, as the tree shows them (loading them if needed); none when the row is not there. */
  readonly rowsOf: (target: RowTarget) => Effect.Effect<ReadonlyArray<TreeNode>>
  /** Subscribes to what is known of the key's project (told on each change); returns the unsubscribe. */
  readonly onKeyProject: (listener: (state: KeyProjectState) => void) => () => void
  /** Whether the organizations are loading now (a refresh's or the first load). */
  readonly loading: Effect.Effect<boolean>
  /** Subscribes to "a refresh has loaded and redrawn" (documents reload then); returns the unsubscribe. */
  readonly onRefresh: (listener: () => void) => () => void
  /** The key the rows shown now were read with (`undefined` before the first load of a refresh). */
  readonly readWith: () => KeyIdentity | undefined
  /**
   * The row the tree holds now under the id of `arg` (a command's argument), or `undefined`: an
   * object another extension, a keybinding or a `command:` link made up is never acted on, only the
   * tree's own row of that id, with the tree's own data.
   */
  readonly resolve: (arg: unknown) => TreeNode | undefined
  /** What the person did to the memory lists (pages, filters, searches); a command changes it, then `redrawRow`. */
  readonly browse: Browsing
  /** Draws a row (by key) and its rows again, loading what they now need; `reveal` also reveals and selects it. */
  readonly redrawRow: (key: string, reveal?: boolean) => Effect.Effect<void>
  /** Lets the loads that pass go (a change on the server), so the rows that show them load again when drawn. */
  readonly forgetWhere: (touched: (key: LoadKey) => boolean) => Effect.Effect<void>
  /** A search's results, through the same once-per-refresh cache as its row. */
  readonly searchResults: Mem0DataService["search"]
}

/** What the parts of the tree share. */
interface TreeState {
  readonly data: Mem0DataService
  readonly browse: Browsing
  readonly scope: Scope.Scope
  readonly store: RowStore
  readonly changes: ReturnType<typeof listeners<[node: TreeNode | undefined]>>
  readonly reveals: ReturnType<typeof listeners<[node: TreeNode, options: { readonly select: boolean }]>>
  readonly keyStates: ReturnType<typeof listeners<[state: KeyProjectState]>>
  readonly refreshes: ReturnType<typeof listeners<[]>>
  /** Key projects already revealed (`org_id` and `project_id`): each is revealed once per activation. */
  readonly revealed: Set<string>
  /** Ids a server listed twice, already logged. */
  readonly duplicatesLogged: Set<string>
  /** Whether VS Code has asked for the root rows: before that, a reveal would open the view. */
  shown: boolean
  /** A reveal waiting for the view to be shown. */
  pendingReveal: TreeNode | undefined
  /** The ping's answer of the current refresh, which marks rows; `undefined` until it comes. */
  keyNow: KeyContext | undefined
  /** The key the rows VS Code holds now were read with (set as root rows are handed over). */
  shownWith: KeyIdentity | undefined
  /** While a refresh loads: the ping's answer redraws no row (the refresh's redraw does). */
  reloading: boolean
}

/** Tells VS Code rows changed; what it asks for again then is shown as it is now, so no longer `mutated`. */
const fire = (state: TreeState, node: TreeNode | undefined) => {
  if (node === undefined) state.store.mutated.clear()
  else state.store.mutated.delete(node)
  state.changes.tell(node)
}

const reveal = (state: TreeState, node: TreeNode, select = false) => state.reveals.tell(node, { select })

/** What the row kinds get to make the rows under a row. */
const rowContext = (state: TreeState): RowContext => ({
  data: state.data,
  browse: state.browse,
  cached: state.store.cached,
  failureRows: (parent, key) => (error) =>
    // a missing key leaves the rows empty (the welcome view says what to do)
    Effect.succeed(error._tag === "NoApiKey" ? [] : [state.store.errorRow(errorNode(parent, error, key))]),
  logDuplicates: (what, ids) =>
    Effect.forEach(ids.filter((id) => !state.duplicatesLogged.has(`${what} ${id}`)), (id) => {
      state.duplicatesLogged.add(`${what} ${id}`)
      return Effect.logWarning(`Mem0 listed ${what} ${JSON.stringify(id)} more than once; each is shown as its own row`)
    }, { discard: true }),
  enrich: (node, load, patch) =>
    Effect.asVoid(Effect.forkIn(
      Effect.flatMap(Effect.either(load), (result) =>
        Effect.sync(() => {
          if (Either.isLeft(result)) return
          const next = patch(node, result.right)
          // unchanged: nothing to redraw (a redraw asks for the row's children again, which enrich it again)
          if (JSON.stringify(next) === JSON.stringify(node)) return
          const row = state.store.cached(nodeId(node), () => false, () => next)
          if (state.store.handed.has(row)) fire(state, row)
        })),
      state.scope
    ))
})

/**
 * The organizations, and with each load of them the key's project located: the ping's answer marks
 * (and redraws) the key's rows, the project is revealed once, listeners (the status bar) are told.
 */
const keyProjectPart = (state: TreeState) => {
  const { data, store } = state
  const organizations: Effect.Effect<ReadonlyArray<Organization>, LoadError> = Effect.tap(
    data.organizations,
    () => data.startDerived(LoadKey.KeyProject(), Effect.suspend(() => locateAndTell))
  )
  const keyContext = Effect.tap(data.ping, (context) =>
    Effect.sync(() => {
      if (state.keyNow === context) return
      state.keyNow = context
      if (!state.reloading) for (const row of store.rows()) if (isKeyRow(row, context)) fire(state, row)
    }))

  /** Finds the key's rows as `getChildren` builds them, so VS Code finds the same objects. */
  const locate = Effect.gen(function*() {
    const context = yield* keyContext
    const orgs = yield* organizations
    const index = context.orgId === undefined ? -1 : orgs.findIndex((org) => org.org_id === context.orgId)
    const orgRow = organizationRows(store, orgs).rows[index]
    if (orgRow === undefined) return { value: { context, org: undefined, project: undefined }, row: undefined }
    const projects = yield* Effect.either(data.projects(orgRow.org.org_id))
    if (Either.isLeft(projects)) return { value: { context, org: orgRow.org, project: undefined }, row: orgRow }
    const [group] = groupsOf(store, orgRow, projects.right.length)
    const projectRow = projectRowsOf(store, group, projects.right).rows.find((r) => isKeyRow(r, context))
    return { value: { context, org: orgRow.org, project: projectRow?.project }, row: projectRow ?? orgRow }
  })

  const revealOnce = (row: TreeNode, context: KeyContext) =>
    Effect.sync(() => {
      const id = JSON.stringify([context.orgId, context.projectId])
      if (state.revealed.has(id)) return
      state.revealed.add(id)
      if (state.shown) reveal(state, row)
      else state.pendingReveal = row
    })

  const locateAndTell: Effect.Effect<KeyProject, LoadError> = locate.pipe(
    Effect.tap(({ row, value }) => (row === undefined ? Effect.void : revealOnce(row, value.context))),
    Effect.map(({ value }) => value),
    Effect.tapBoth({
      onFailure: (error) =>
        Effect.sync(() => state.keyStates.tell(error._tag === "NoApiKey" ? { _tag: "Unknown" } : { _tag: "Failed", error })),
      onSuccess: (value) => Effect.sync(() => state.keyStates.tell({ _tag: "Known", value }))
    })
  )
  return { organizations, keyProject: data.derived(LoadKey.KeyProject(), locateAndTell) }
}

/** The rows under a row (the root: `undefined`), made from the loads; rows gone from the list are let go. */
const rowsPart = (state: TreeState, organizations: Effect.Effect<ReadonlyArray<Organization>, LoadError>) => {
  const ctx = rowContext(state)
  const rootRows: Effect.Effect<ReadonlyArray<TreeNode>> = Effect.sync(() => (state.shown = true)).pipe(
    Effect.zipRight(organizations),
    Effect.flatMap((orgs): Effect.Effect<ReadonlyArray<TreeNode>> => {
      if (orgs.length === 0) return Effect.succeed([messageNode(undefined, t("No organizations for this API key."))])
      const { duplicates, rows } = organizationRows(state.store, orgs)
      return Effect.as(ctx.logDuplicates("org_id", duplicates), rows)
    }),
    Effect.tap(() => Effect.sync(() => (state.shownWith = state.data.readWith()))),
    Effect.tap(() => {
      const waiting = state.pendingReveal
      state.pendingReveal = undefined
      // after these rows are handed to VS Code
      return waiting === undefined ? Effect.void : Effect.forkIn(Effect.sync(() => reveal(state, waiting)), state.scope)
    }),
    Effect.catchAll((error): Effect.Effect<ReadonlyArray<TreeNode>> =>
      // An empty tree shows the welcome view (Set API Key) while `mem0.hasApiKey` is off (main.ts sets it).
      Effect.succeed(error._tag === "NoApiKey" ? [] : [state.store.errorRow(errorNode(undefined, error))])
    )
  )
  const childrenOf = (node: TreeNode | undefined): Effect.Effect<ReadonlyArray<TreeNode>> =>
    Effect.tap(
      node === undefined ? rootRows : kindChildren(ctx, node) ?? Effect.succeed([]),
      (list) => Effect.sync(() => state.store.listed(node, list))
    )
  /** The organization rows now, without showing anything (a lookup's first step). */
  const organizationRowsNow = Effect.map(
    Effect.orElseSucceed(organizations, () => []),
    (orgs): ReadonlyArray<TreeNode> => organizationRows(state.store, orgs).rows
  )
  /** Finds a row as VS Code would, through the same `getChildren`: the very objects it is given. */
  const findRow = (target: RowTarget): Effect.Effect<TreeNode | undefined> => {
    const step = lookupOf(target)
    return Effect.map(step.parent === undefined ? organizationRowsNow : rowsUnder(step.parent), (rows) => rows.find(step.matches))
  }
  const rowsUnder = (target: RowTarget): Effect.Effect<ReadonlyArray<TreeNode>> =>
    Effect.flatMap(findRow(target), (row) => (row === undefined ? Effect.succeed([]) : childrenOf(row)))
  return { childrenOf, findRow, rowsUnder }
}

/**
 * Shows VS Code the reloaded data with as little redrawing as the changes allow (it forgets the
 * objects of a redrawn row's descendants until it asks for them again): every list it was given
 * is made again from memory (rows updated in place); a list whose rows are no longer the same ids
 * (or that holds an error or a message) is asked for again, the root meaning the whole tree;
 * otherwise only the rows whose data changed, and the rows that gain or lose the key's mark, are redrawn.
 */
const redraw = (state: TreeState, rows: ReturnType<typeof rowsPart>, previousKey: KeyContext | undefined) => {
  const { store } = state
  return Effect.gen(function*() {
    const relisted = new Set<string>()
    for (const [parentKey, ids] of [...store.given]) {
      const parent = parentKey === "" ? undefined : store.get(parentKey)
      if (parentKey !== "" && parent === undefined) continue
      if (parent !== undefined && (relisted.has(parentKey) || store.below(parent, relisted))) continue
      const list = yield* rows.childrenOf(parent)
      const same = list.length === ids.length &&
        list.every((row, i) => nodeId(row) === ids[i] && row._tag !== "Error" && row._tag !== "Message")
      if (same) continue
      if (parent === undefined) {
        store.given.clear()
        return fire(state, undefined)
      }
      relisted.add(parentKey)
      store.given.delete(parentKey)
      fire(state, parent)
    }
    // rows that gain or lose the key's mark (a row redrawn takes its descendants' objects from VS Code for a while)
    const marks = [...store.rows()].filter((row) => isKeyRow(row, state.keyNow) !== isKeyRow(row, previousKey))
    // (changed meanwhile too: locating the key's project, say, makes rows of the new data)
    const changedRows = new Set([...store.mutated, ...marks])
    store.mutated.clear()
    for (const row of changedRows) {
      const id = nodeId(row)
      if (store.handed.has(row) && store.get(id) === row && !relisted.has(id) && !store.below(row, relisted)) fire(state, row)
    }
  }).pipe(Effect.ensuring(Effect.sync(() => state.refreshes.tell())))
}

/** Refresh, Retry and changes: what they touched loads again first, then its rows are redrawn. */
const reloadPart = (state: TreeState, rows: ReturnType<typeof rowsPart>, organizations: Effect.Effect<ReadonlyArray<Organization>, LoadError>) => {
  const { data, store } = state
  const dropAll = (keep?: (key: LoadKey) => boolean) => Effect.tap(data.dropAll(keep), () =>
    Effect.sync(() => {
      state.pendingReveal = undefined
      state.keyNow = undefined
    }))

  /** Loads `keys` again (the organizations through the tree: they locate the key's project), waiting at most {@link RELOAD_BEFORE_REDRAW}. */
  const reloadFirst = (keys: ReadonlyArray<LoadKey>): Effect.Effect<void> =>
    Effect.all(
      [
        ...(keys.some(LoadKey.$is("Organizations")) ? [Effect.either(organizations)] : []),
        data.reload(keys.filter((key) => !LoadKey.$is("Organizations")(key)), RELOAD_BEFORE_REDRAW)
      ],
      { concurrency: "unbounded", discard: true }
    ).pipe(Effect.timeout(RELOAD_BEFORE_REDRAW), Effect.ignore)

  /**
   * Loads again what was loaded, then redraws (`redraw`). VS Code forgets the rows of a tree it is
   * told to redraw until it has asked for them again: redrawing first and loading after would leave
   * the rows on screen without their objects for as long as the network takes, and a command chosen
   * on one of them then would get no row (the palette's pick instead). The old rows stay as they
   * were meanwhile (at most {@link RELOAD_BEFORE_REDRAW}: a slow server's lists then redraw loading).
   */
  const refreshKeeping = (keep?: (key: LoadKey) => boolean) => Effect.gen(function*() {
    const previousKey = state.keyNow
    const again = yield* dropAll(keep)
    state.keyStates.tell({ _tag: "Unknown" })
    if (!again.some(LoadKey.$is("Organizations"))) {
      store.given.clear()
      fire(state, undefined)
      return state.refreshes.tell()
    }
    state.reloading = true
    yield* reloadFirst(again).pipe(
      Effect.ensuring(Effect.sync(() => (state.reloading = false))),
      Effect.zipRight(redraw(state, rows, previousKey)),
      Effect.forkIn(state.scope)
    )
  })
  const refresh = refreshKeeping()

  const organizationRowsOf = (orgId: string) =>
    [...store.rows()].filter((row) => row._tag === "Organization" && row.org.org_id === orgId)

  const retry = (node: ErrorNode): Effect.Effect<void> => {
    const key = node.load
    if (key === undefined) return refresh
    return data.drop([key]).pipe(
      Effect.zipRight(Effect.sync(() => {
        // Redraw the row the error was under (a repeated org_id has several rows: each).
        const parent = node.parentKey === undefined ? undefined : store.get(node.parentKey)
        if (parent !== undefined) return fire(state, parent)
        if (node.orgId !== undefined) for (const row of organizationRowsOf(node.orgId)) fire(state, row)
      }))
    )
  }

  const changed = (change: Changed, show?: RowTarget): Effect.Effect<void> =>
    Effect.gen(function*() {
      const again = (...keys: ReadonlyArray<LoadKey>) => Effect.zipRight(data.drop(keys), reloadFirst(keys))
      switch (change._tag) {
        case "Organizations":
          yield* again(LoadKey.Organizations())
          fire(state, undefined)
          break
        case "Members":
          // the member count comes with the organizations
          yield* again(LoadKey.Organizations(), LoadKey.Members({ orgId: change.orgId }))
          fire(state, undefined)
          break
        case "Projects":
          yield* again(LoadKey.Projects({ orgId: change.orgId }))
          for (const row of organizationRowsOf(change.orgId)) fire(state, row)
          break
        case "ProjectMembers":
          // the members' emails come with the projects
          yield* again(LoadKey.Projects({ orgId: change.orgId }), LoadKey.ProjectMembers({ orgId: change.orgId, projectId: change.projectId }))
          for (const row of organizationRowsOf(change.orgId)) fire(state, row)
          break
      }
      if (show === undefined) return
      const row = yield* rows.findRow(show)
      if (row !== undefined) reveal(state, row, true)
    })
  return { dropAll, refresh, refreshKeepingBrowsing: refreshKeeping(isBrowsing), retry, changed }
}

/** The registered tree view, for what acts on its selection or visibility. */
export class OrganizationsView extends Context.Tag("mem0-vscode/OrganizationsView")<OrganizationsView, TreeHandle<TreeNode>>() {}

export class OrganizationsTree extends Context.Tag("mem0-vscode/OrganizationsTree")<
  OrganizationsTree,
  OrganizationsTreeService
>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const state: TreeState = {
      data: yield* Mem0Data,
      browse: makeBrowsing(),
      scope: yield* Effect.scope,
      store: makeRowStore(),
      changes: listeners<[node: TreeNode | undefined]>(),
      reveals: listeners<[node: TreeNode, options: { readonly select: boolean }]>(),
      keyStates: listeners<[state: KeyProjectState]>(),
      refreshes: listeners<[]>(),
      revealed: new Set(),
      duplicatesLogged: new Set(),
      shown: false,
      pendingReveal: undefined,
      keyNow: undefined,
      shownWith: undefined,
      reloading: false
    }
    const { keyProject, organizations } = keyProjectPart(state)
    const rows = rowsPart(state, organizations)
    const { changed, dropAll, refresh, refreshKeepingBrowsing, retry } = reloadPart(state, rows, organizations)
    // Closing the scope (deactivate) interrupts whatever still loads.
    yield* addRelease(Effect.asVoid(dropAll()))

    const source: TreeSource<TreeNode> = {
      getChildren: (node) =>
        Effect.tap(rows.childrenOf(node), (list) =>
          Effect.sync(() => {
            state.store.given.set(node === undefined ? "" : nodeId(node), list.map(nodeId))
            // handed to VS Code as they are now: a later redraw need not redraw them
            for (const row of list) {
              state.store.mutated.delete(row)
              state.store.handed.add(row)
            }
          })),
      getTreeItem: (node) => treeItem(node, state.keyNow),
      onDidChange: state.changes.subscribe,
      getParent: state.store.parentOf,
      onReveal: state.reveals.subscribe
    }
    return OrganizationsTree.of({
      source,
      refresh,
      refreshKeepingBrowsing,
      retry,
      organizations,
      members: state.data.members,
      projects: state.data.projects,
      keyProject,
      changed,
      rowsOf: rows.rowsUnder,
      onRefresh: state.refreshes.subscribe,
      loading: state.data.loading,
      onKeyProject: state.keyStates.subscribe,
      readWith: () => state.shownWith,
      resolve: state.store.resolve,
      browse: state.browse,
      // the row's list is made again first: the row's own data (its filter, "deleting…") is updated in place
      redrawRow: (key, show = false) =>
        Effect.gen(function*() {
          const row = state.store.get(key)
          if (row === undefined) return
          yield* rows.childrenOf(state.store.parentOf(row))
          if (state.store.handed.has(row)) fire(state, row)
          if (show) reveal(state, row, true)
        }),
      forgetWhere: (touched) => Effect.suspend(() => state.data.drop(state.data.loaded().filter(touched))),
      searchResults: state.data.search
    })
  })

  static readonly layer = Layer.scoped(OrganizationsTree, OrganizationsTree.make)
}
