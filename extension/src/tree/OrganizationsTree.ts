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
import { t } from "../platform/L10n.js"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { type Member, memberCount, type Organization } from "effect-mem0/Organization"
import { type KeyContext, type Project, ProjectMember } from "effect-mem0/Project"
import type { KeyIdentity } from "../model/KeyClients.js"
import { LoadKey } from "../model/LoadKey.js"
import { type LoadError, Mem0Data } from "../model/Mem0Data.js"
import {
  type ErrorNode,
  errorNode,
  type GroupNode,
  groupNode,
  type MemberNode,
  memberNode,
  type ProjectMemberNode,
  projectMemberNode,
  type ProjectNode,
  projectNode,
  messageNode,
  type OrganizationNode,
  organizationNode,
  isKeyRow,
  nodeId,
  type TreeNode,
  treeItem,
  uniqueKeys
} from "./Rows.js"
import type { TreeSource } from "../platform/VsCodeApi.js"

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

/** A row to reveal and select after a change. */
export type RowTarget =
  | { readonly _tag: "Organization"; readonly orgId: string }
  | { readonly _tag: "Group"; readonly orgId: string; readonly group: "projects" | "members" }
  | { readonly _tag: "Project"; readonly orgId: string; readonly projectId: string }
  | { readonly _tag: "Member"; readonly orgId: string; readonly email: string }
  | { readonly _tag: "ProjectMember"; readonly orgId: string; readonly projectId: string; readonly email: string }

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
}

export class OrganizationsTree extends Context.Tag("mem0-vscode/OrganizationsTree")<
  OrganizationsTree,
  OrganizationsTreeService
>() {
  static readonly layer = Layer.scoped(
    OrganizationsTree,
    Effect.gen(function*() {
      const data = yield* Mem0Data
      const scope = yield* Effect.scope
      const changes = listeners<[node: TreeNode | undefined]>()
      const reveals = listeners<[node: TreeNode, options: { readonly select: boolean }]>()
      const keyStates = listeners<[state: KeyProjectState]>()
      /** Key projects already revealed (`org_id` and `project_id`): each is revealed once per activation. */
      const revealed = new Set<string>()
      /** Whether VS Code has asked for the root rows: before that, a reveal would open the view. */
      let shown = false
      /** A reveal waiting for the view to be shown. */
      let pendingReveal: TreeNode | undefined
      /** The ping's answer of the current refresh, which marks rows; `undefined` until it comes. */
      let keyNow: KeyContext | undefined
      /**
       * Organization, group and project rows by row key (not by id: a server may list one id twice),
       * the same objects for as long as their load lives.
       */
      const rowNodes = new Map<string, TreeNode>()
      /** Ids a server listed twice, already logged. */
      const duplicatesLogged = new Set<string>()
      /** The key the rows VS Code holds now were read with (set as root rows are handed over). */
      let shownWith: KeyIdentity | undefined
      /** Rows whose data changed in place since VS Code was last handed them. */
      const mutated = new Set<TreeNode>()
      /** Rows VS Code has been handed (only those are worth redrawing). */
      const handed = new WeakSet<TreeNode>()
      /** The row ids VS Code was last given under each row it asked about (`""`: the root). */
      const given = new Map<string, ReadonlyArray<string>>()
      /** While a refresh loads: the ping's answer redraws no row (the refresh's redraw does). */
      let reloading = false
      const refreshes = listeners<[]>()

      const logDuplicates = (what: string, ids: ReadonlyArray<string>) =>
        Effect.forEach(ids.filter((id) => !duplicatesLogged.has(`${what} ${id}`)), (id) => {
          duplicatesLogged.add(`${what} ${id}`)
          return Effect.logWarning(`Mem0 listed ${what} ${JSON.stringify(id)} more than once; each is shown as its own row`)
        }, { discard: true })

      /** Tells VS Code rows changed; what it asks for again then is shown as it is now, so no longer `mutated`. */
      const fire = (node: TreeNode | undefined) => {
        if (node === undefined) mutated.clear()
        else mutated.delete(node)
        changes.tell(node)
      }

      /** Each load of the organizations locates the key's project, for the marked row and the status bar. */
      const organizations = Effect.tap(data.organizations, () => data.startDerived(LoadKey.KeyProject(), locateAndTell))

      /** What the key is bound to; its answer marks (and redraws) the key's rows. */
      const keyContext = Effect.tap(data.ping, (context) =>
        Effect.sync(() => {
          if (keyNow === context) return
          keyNow = context
          if (!reloading) for (const row of rowNodes.values()) if (isKeyRow(row, context)) fire(row)
        }))

      /**
       * The one row object of a key, for as long as the tree shows that key: VS Code keys its rows by
       * object, and forgets a row's object when told to redraw what is above it. New data for a key
       * updates its row in place (marked in {@link mutated} when what it shows changed), so a refresh
       * never takes a row on screen from under a command chosen on it.
       */
      const cached = <N extends TreeNode>(key: string, same: (known: N) => boolean, make: () => N): N => {
        const known = rowNodes.get(key) as N | undefined
        if (known !== undefined && same(known)) return known
        const node = make()
        if (known === undefined || known._tag !== node._tag) {
          rowNodes.set(key, node)
          return node
        }
        if (JSON.stringify(known) !== JSON.stringify(node)) mutated.add(known)
        Object.assign(known, node)
        return known
      }

      /** The organization rows of a list, the same objects for as long as their load lives. */
      const organizationRows = (orgs: ReadonlyArray<Organization>) => {
        const { duplicates, keys } = uniqueKeys("org/", orgs.map((org) => org.org_id))
        const rows = orgs.map((org, i) =>
          cached<OrganizationNode>(keys[i]!, (n) => n.org === org, () => organizationNode(org, keys[i]!))
        )
        return { rows, duplicates }
      }

      /** An organization's two groups; the projects' count when they loaded, the members' from the organization. */
      const groupsOf = (parent: OrganizationNode, projectCount: number | undefined) => {
        const count = memberCount(parent.org)
        return [
          cached<GroupNode>(`${parent.key}/projects`, (g) => g.org === parent.org && g.count === projectCount, () =>
            groupNode(parent, "projects", projectCount)),
          cached<GroupNode>(`${parent.key}/members`, (g) => g.org === parent.org && g.count === count, () =>
            groupNode(parent, "members", count))
        ] as const
      }

      /** The project rows of a "Projects" group. */
      const projectRowsOf = (parent: GroupNode, list: ReadonlyArray<Project>) => {
        const { duplicates, keys } = uniqueKeys(`${parent.key}/project/`, list.map((p) => p.project_id))
        const rows = list.map((p, i) =>
          cached<ProjectNode>(keys[i]!, (n) => n.project === p && n.org === parent.org, () => projectNode(parent, p, keys[i]!))
        )
        return { rows, duplicates }
      }

      const tell = (state: KeyProjectState) => keyStates.tell(state)

      const reveal = (node: TreeNode, select = false) => reveals.tell(node, { select })

      /**
       * Finds the key's organization and project among the rows, to reveal: the rows are built as
       * `getChildren` builds them, so VS Code finds the same objects.
       */
      const locate = Effect.gen(function*() {
        const context = yield* keyContext
        const orgs = yield* organizations
        const index = context.orgId === undefined ? -1 : orgs.findIndex((org) => org.org_id === context.orgId)
        const orgRow = organizationRows(orgs).rows[index]
        if (orgRow === undefined) return { value: { context, org: undefined, project: undefined }, row: undefined }
        const projects = yield* Effect.either(data.projects(orgRow.org.org_id))
        if (Either.isLeft(projects)) return { value: { context, org: orgRow.org, project: undefined }, row: orgRow }
        const [group] = groupsOf(orgRow, projects.right.length)
        const projectRow = projectRowsOf(group, projects.right).rows.find((r) => isKeyRow(r, context))
        return { value: { context, org: orgRow.org, project: projectRow?.project }, row: projectRow ?? orgRow }
      })

      const revealOnce = (row: TreeNode, context: KeyContext) =>
        Effect.sync(() => {
          const id = JSON.stringify([context.orgId, context.projectId])
          if (revealed.has(id)) return
          revealed.add(id)
          if (shown) reveal(row)
          else pendingReveal = row
        })

      const locateAndTell: Effect.Effect<KeyProject, LoadError> = locate.pipe(
        Effect.tap(({ row, value }) => (row === undefined ? Effect.void : revealOnce(row, value.context))),
        Effect.map(({ value }) => value),
        Effect.tapBoth({
          onFailure: (error) => Effect.sync(() => tell(error._tag === "NoApiKey" ? { _tag: "Unknown" } : { _tag: "Failed", error })),
          onSuccess: (value) => Effect.sync(() => tell({ _tag: "Known", value }))
        })
      )

      const rootRows: Effect.Effect<ReadonlyArray<TreeNode>> = Effect.sync(() => (shown = true)).pipe(
        Effect.zipRight(organizations),
        Effect.flatMap((orgs): Effect.Effect<ReadonlyArray<TreeNode>> => {
          if (orgs.length === 0) return Effect.succeed([messageNode(undefined, t("No organizations for this API key."))])
          const { duplicates, rows } = organizationRows(orgs)
          return Effect.as(logDuplicates("org_id", duplicates), rows)
        }),
        Effect.tap(() => Effect.sync(() => (shownWith = data.readWith()))),
        Effect.tap(() => {
          const waiting = pendingReveal
          pendingReveal = undefined
          // after these rows are handed to VS Code
          return waiting === undefined ? Effect.void : Effect.forkIn(Effect.sync(() => reveal(waiting)), scope)
        }),
        Effect.catchAll((error): Effect.Effect<ReadonlyArray<TreeNode>> => {
          switch (error._tag) {
            case "NoApiKey":
              // An empty tree shows the welcome view (Set API Key) while `mem0.hasApiKey` is off (main.ts sets it).
              return Effect.succeed([])
            default:
              return Effect.succeed([errorRow(errorNode(undefined, error))])
          }
        })
      )

      /** The error rows handed out, by row id: Retry acts on the tree's own row, with the load it stands for. */
      const errorRows = new Map<string, ErrorNode>()
      const errorRow = (node: ErrorNode): ErrorNode => {
        errorRows.set(nodeId(node), node)
        return node
      }

      /** Failures under a row: an error row with its Retry (a missing key leaves the rows empty). */
      const failureRows = (parent: GroupNode | ProjectNode, key: LoadKey) =>
      (error: LoadError): Effect.Effect<ReadonlyArray<TreeNode>> =>
        error._tag === "NoApiKey" ? Effect.succeed([]) : Effect.succeed([errorRow(errorNode(parent, error, key))])

      /**
       * An organization expands to "Projects (n)" and "Members (n)". Its projects are loaded first (the
       * count is their number; a failure shows under the group), the member count comes with the organization.
       */
      const groupRows = (parent: OrganizationNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
        Effect.map(Effect.either(data.projects(parent.org.org_id)), (projects) =>
          groupsOf(parent, Either.isRight(projects) ? projects.right.length : undefined))

      const memberRows = (parent: GroupNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
        data.members(parent.org.org_id).pipe(
          Effect.flatMap((list): Effect.Effect<ReadonlyArray<TreeNode>> => {
            if (list.length === 0) return Effect.succeed([messageNode(parent.key, t("No members"))])
            const { duplicates, keys } = uniqueKeys(`${parent.key}/member/`, list.map((m) => m.user_id))
            return Effect.as(
              logDuplicates("user_id", duplicates),
              list.map((m, i) => cached<MemberNode>(keys[i]!, (n) => n.member === m && n.org === parent.org, () => memberNode(parent, m, keys[i]!)))
            )
          }),
          Effect.catchAll(failureRows(parent, LoadKey.Members({ orgId: parent.org.org_id })))
        )

      const projectRows = (parent: GroupNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
        data.projects(parent.org.org_id).pipe(
          Effect.flatMap((list): Effect.Effect<ReadonlyArray<TreeNode>> => {
            if (list.length === 0) return Effect.succeed([messageNode(parent.key, t("No projects"))])
            const { duplicates, rows } = projectRowsOf(parent, list)
            return Effect.as(logDuplicates("project_id", duplicates), rows)
          }),
          Effect.catchAll(failureRows(parent, LoadKey.Projects({ orgId: parent.org.org_id })))
        )

      /**
       * A project's members, as `GET .../members/` lists them (user name and role), with the email the
       * project's own `members` gives for the same user name, where exactly one has it (changes need
       * the email; without it, the person types it and the modal names what was typed).
       */
      const projectMemberRows = (parent: ProjectNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
        data.projectMembers(parent.org.org_id, parent.project.project_id).pipe(
          Effect.map((list): ReadonlyArray<TreeNode> =>
            list.length === 0
              ? [messageNode(parent.key, t("No members"))]
              : list.map((listed, i) => {
                // a user name two people can share names nobody: the email is taken only from a unique match
                const embedded = parent.project.members?.filter((e) => e.username !== undefined && e.username === listed.username) ?? []
                const email = embedded.length === 1 ? embedded[0]!.email : undefined
                const m = listed.email === undefined && email !== undefined ? new ProjectMember({ ...listed, email }) : listed
                return cached<ProjectMemberNode>(
                  `${parent.key}/member/${i}`,
                  (n) =>
                    n.project === parent.project && n.member.username === m.username && n.member.role === m.role &&
                    n.member.email === m.email,
                  () => projectMemberNode(parent, m, i)
                )
              })
          ),
          Effect.catchAll(failureRows(parent, LoadKey.ProjectMembers({ orgId: parent.org.org_id, projectId: parent.project.project_id })))
        )

      /** Drops every result and interrupts every load; returns what had been loaded, to load again. */
      const dropAll = Effect.tap(data.dropAll, () =>
        Effect.sync(() => {
          pendingReveal = undefined
          keyNow = undefined
        }))

      /** Whether a row is below one of the rows with these keys. */
      const below = (node: TreeNode, keys: ReadonlySet<string>): boolean => {
        for (let up = source.getParent(node); up !== undefined; up = source.getParent(up)) if (keys.has(nodeId(up))) return true
        return false
      }

      /**
       * Shows VS Code the reloaded data with as little redrawing as the changes allow (it forgets the
       * objects of a redrawn row's descendants until it asks for them again): every list it was given
       * is made again from memory (rows updated in place); a list whose rows are no longer the same ids
       * (or that holds an error or a message) is asked for again, the root meaning the whole tree;
       * otherwise only the rows whose data changed, and the rows that gain or lose the key's mark, are redrawn.
       */
      const redraw = (previousKey: KeyContext | undefined) =>
        Effect.gen(function*() {
          const relisted = new Set<string>()
          for (const [parentKey, ids] of [...given]) {
            const parent = parentKey === "" ? undefined : rowNodes.get(parentKey)
            if (parentKey !== "" && parent === undefined) continue
            if (parent !== undefined && (relisted.has(parentKey) || below(parent, relisted))) continue
            const rows = yield* childrenOf(parent)
            const same = rows.length === ids.length && rows.every((row, i) => nodeId(row) === ids[i] && row._tag !== "Error" && row._tag !== "Message")
            if (same) continue
            if (parent === undefined) {
              given.clear()
              return fire(undefined)
            }
            relisted.add(parentKey)
            given.delete(parentKey)
            fire(parent)
          }
          // rows that gain or lose the key's mark (a row redrawn takes its descendants' objects from VS Code for a while)
          const marks = [...rowNodes.values()].filter((row) => isKeyRow(row, keyNow) !== isKeyRow(row, previousKey))
          // (changed meanwhile too: locating the key's project, say, makes rows of the new data)
          const changedRows = new Set([...mutated, ...marks])
          mutated.clear()
          for (const row of changedRows) {
            if (handed.has(row) && rowNodes.get(nodeId(row)) === row && !relisted.has(nodeId(row)) && !below(row, relisted)) fire(row)
          }
        }).pipe(Effect.ensuring(Effect.sync(() => refreshes.tell())))

      /**
       * Loads again what was loaded, then redraws (`redraw`). VS Code forgets the rows of a tree it is
       * told to redraw until it has asked for them again: redrawing first and loading after would leave
       * the rows on screen without their objects for as long as the network takes, and a command chosen
       * on one of them then would get no row (the palette's pick instead). The old rows stay as they
       * were meanwhile (at most {@link RELOAD_BEFORE_REDRAW}: a slow server's lists then redraw loading).
       */
      const refresh = Effect.gen(function*() {
        const previousKey = keyNow
        const again = yield* dropAll
        tell({ _tag: "Unknown" })
        if (!again.some(LoadKey.$is("Organizations"))) {
          given.clear()
          fire(undefined)
          return refreshes.tell()
        }
        reloading = true
        yield* reloadFirst(again).pipe(
          Effect.ensuring(Effect.sync(() => (reloading = false))),
          Effect.zipRight(redraw(previousKey)),
          Effect.forkIn(scope)
        )
      })

      /** Loads `keys` again (the organizations through the tree: they locate the key's project), waiting at most {@link RELOAD_BEFORE_REDRAW}. */
      const reloadFirst = (keys: ReadonlyArray<LoadKey>): Effect.Effect<void> =>
        Effect.all(
          [
            ...(keys.some(LoadKey.$is("Organizations")) ? [Effect.either(organizations)] : []),
            data.reload(keys.filter((key) => !LoadKey.$is("Organizations")(key)), RELOAD_BEFORE_REDRAW)
          ],
          { concurrency: "unbounded", discard: true }
        ).pipe(Effect.timeout(RELOAD_BEFORE_REDRAW), Effect.ignore)

      const retry = (node: ErrorNode): Effect.Effect<void> => {
        const key = node.load
        if (key === undefined) return refresh
        return data.drop([key]).pipe(
          Effect.zipRight(Effect.sync(() => {
            // Redraw the row the error was under (a repeated org_id has several rows: each).
            const parent = node.parentKey === undefined ? undefined : rowNodes.get(node.parentKey)
            if (parent !== undefined) return fire(parent)
            if (node.orgId !== undefined) for (const row of organizationRowsOf(node.orgId)) fire(row)
          }))
        )
      }

      const organizationRowsOf = (orgId: string) => [...rowNodes.values()].filter((row) => row._tag === "Organization" && row.org.org_id === orgId)

      const changed = (change: Changed, show?: RowTarget): Effect.Effect<void> =>
        Effect.gen(function*() {
          // As a refresh does: what the change touched loads again first, then its rows are redrawn.
          const again = (...keys: ReadonlyArray<LoadKey>) => Effect.zipRight(data.drop(keys), reloadFirst(keys))
          switch (change._tag) {
            case "Organizations":
              yield* again(LoadKey.Organizations())
              fire(undefined)
              break
            case "Members":
              // the member count comes with the organizations
              yield* again(LoadKey.Organizations(), LoadKey.Members({ orgId: change.orgId }))
              fire(undefined)
              break
            case "Projects":
              yield* again(LoadKey.Projects({ orgId: change.orgId }))
              for (const row of organizationRowsOf(change.orgId)) fire(row)
              break
            case "ProjectMembers":
              // the members' emails come with the projects
              yield* again(LoadKey.Projects({ orgId: change.orgId }), LoadKey.ProjectMembers({ orgId: change.orgId, projectId: change.projectId }))
              for (const row of organizationRowsOf(change.orgId)) fire(row)
              break
          }
          if (show === undefined) return
          const row = yield* findRow(show)
          if (row !== undefined) reveal(row, true)
        })

      const rowsUnder = (
        parent: Effect.Effect<TreeNode | undefined>,
        children: (node: TreeNode) => Effect.Effect<ReadonlyArray<TreeNode>>
      ) => Effect.flatMap(parent, (node) => (node === undefined ? Effect.succeed([]) : children(node)))

      /** Finds a row as VS Code would, through the same `getChildren`: the very objects it is given. */
      const findRow = (target: RowTarget): Effect.Effect<TreeNode | undefined> => {
        const sameEmail = (email: string | undefined) =>
          email !== undefined && "email" in target && email.toLowerCase() === target.email.toLowerCase()
        switch (target._tag) {
          case "Organization":
            return Effect.map(
              Effect.orElseSucceed(organizations, () => []),
              (orgs) => organizationRows(orgs).rows.find((row) => row.org.org_id === target.orgId)
            )
          case "Group":
            return Effect.map(
              rowsUnder(findRow({ _tag: "Organization", orgId: target.orgId }), childrenOf),
              (rows) => rows.find((row) => row._tag === "Group" && row.group === target.group)
            )
          case "Project":
            return Effect.map(
              rowsUnder(findRow({ _tag: "Group", orgId: target.orgId, group: "projects" }), childrenOf),
              (rows) => rows.find((row) => row._tag === "Project" && row.project.project_id === target.projectId)
            )
          case "Member":
            return Effect.map(
              rowsUnder(findRow({ _tag: "Group", orgId: target.orgId, group: "members" }), childrenOf),
              (rows) => rows.find((row) => row._tag === "Member" && sameEmail(row.member.email))
            )
          case "ProjectMember":
            return Effect.map(
              rowsUnder(findRow({ _tag: "Project", orgId: target.orgId, projectId: target.projectId }), childrenOf),
              (rows) => rows.find((row) => row._tag === "ProjectMember" && sameEmail(row.member.email))
            )
        }
      }

      // Closing the scope (deactivate) interrupts whatever still loads.
      yield* Effect.addFinalizer(() => dropAll)

      /** The rows under a row (the root: `undefined`), made from the loads; rows gone from the list are let go. */
      const childrenOf = (node: TreeNode | undefined): Effect.Effect<ReadonlyArray<TreeNode>> => {
        const rows = (() => {
          switch (node?._tag) {
            case undefined:
              return rootRows
            case "Organization":
              return groupRows(node)
            case "Group":
              return node.group === "projects" ? projectRows(node) : memberRows(node)
            case "Project":
              return projectMemberRows(node)
            default:
              return Effect.succeed<ReadonlyArray<TreeNode>>([])
          }
        })()
        return Effect.tap(rows, (list) => Effect.sync(() => letGo(node === undefined ? undefined : nodeId(node), list)))
      }

      /** Forgets the rows under `parentKey` that a new list no longer has, and all below them. */
      const letGo = (parentKey: string | undefined, list: ReadonlyArray<TreeNode>) => {
        if (!list.some((row) => row._tag === "Error")) errorRows.delete(parentKey === undefined ? "error" : `${parentKey}/error`)
        const kept = new Set(list)
        const gone = new Set<string>()
        for (const [key, row] of rowNodes) {
          const parentOf = row._tag === "Organization" ? undefined : row.parentKey
          if (parentOf === parentKey && !kept.has(row)) gone.add(key)
        }
        if (gone.size === 0) return
        for (const [key, row] of [...rowNodes]) {
          if (gone.has(key) || below(row, gone)) {
            rowNodes.delete(key)
            given.delete(key)
          }
        }
      }

      const source: TreeSource<TreeNode> = {
        getChildren: (node) =>
          Effect.tap(childrenOf(node), (rows) =>
            Effect.sync(() => {
              given.set(node === undefined ? "" : nodeId(node), rows.map(nodeId))
              // handed to VS Code as they are now: a later redraw need not redraw them
              for (const row of rows) {
                mutated.delete(row)
                handed.add(row)
              }
            })),
        getTreeItem: (node) => treeItem(node, keyNow),
        onDidChange: changes.subscribe,
        getParent: (node) => {
          const parentKey = node._tag === "Organization" ? undefined : node.parentKey
          return parentKey === undefined ? undefined : rowNodes.get(parentKey)
        },
        onReveal: reveals.subscribe
      }
      return OrganizationsTree.of({
        source,
        refresh,
        retry,
        organizations,
        members: data.members,
        projects: data.projects,
        keyProject: data.derived(LoadKey.KeyProject(), locateAndTell),
        changed,
        rowsOf: (target) => rowsUnder(findRow(target), childrenOf),
        onRefresh: refreshes.subscribe,
        loading: data.loading,
        onKeyProject: keyStates.subscribe,
        readWith: () => shownWith,
        resolve: (arg) => {
          if (typeof arg !== "object" || arg === null) return undefined
          const { _tag, key, parentKey } = arg as { readonly _tag?: unknown; readonly key?: unknown; readonly parentKey?: unknown }
          if (_tag === "Error") {
            if (parentKey !== undefined && typeof parentKey !== "string") return undefined
            return errorRows.get(parentKey === undefined ? "error" : `${parentKey}/error`)
          }
          if (typeof key !== "string") return undefined
          const row = rowNodes.get(key)
          return row !== undefined && row._tag === _tag ? row : undefined
        }
      })
    })
  )
}
