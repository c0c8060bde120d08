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
 * - Failures become rows (see `TreeNodes.errorNode`), under the organization
 *   whose members failed, or at the root.
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import type * as Mem0Client from "effect-mem0/Mem0Client"
import type { Member, Organization } from "effect-mem0/Organization"
import { Connection, type ConnectionError } from "./Connection.js"
import { VIEW_ID } from "./Ids.js"
import { makeLimiter } from "./Limiter.js"
import {
  type ErrorNode,
  errorNode,
  memberNode,
  messageNode,
  type OrganizationNode,
  organizationNode,
  type TreeNode,
  treeItem,
  uniqueKeys
} from "./TreeNodes.js"
import { type TreeSource, VsCode } from "./VsCodeApi.js"

/** Member lists loaded at once, so expanding many organizations does not hammer the API. */
export const MEMBER_CONCURRENCY = 4

/** A load was replaced by a newer one (refresh); waiters move on to the new one. */
class Superseded extends Data.TaggedError("Superseded")<{}> {}

/** What a load can end with, besides its value. */
export type LoadError = ConnectionError | Mem0Client.Mem0RequestError

interface Slot<A> {
  readonly deferred: Deferred.Deferred<A, LoadError | Superseded>
  readonly fiber: Fiber.RuntimeFiber<void>
}

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
}

export class OrganizationsTree extends Context.Tag("mem0-vscode/OrganizationsTree")<
  OrganizationsTree,
  OrganizationsTreeService
>() {
  static readonly layer = Layer.scoped(
    OrganizationsTree,
    Effect.gen(function*() {
      const vscode = yield* VsCode
      const connection = yield* Connection
      const scope = yield* Effect.scope
      const lock = yield* Effect.makeSemaphore(1)
      const memberPermits = makeLimiter(MEMBER_CONCURRENCY)
      const listeners = new Set<(node: TreeNode | undefined) => void>()
      let root: Slot<ReadonlyArray<Organization>> | undefined
      const members = new Map<string, Slot<ReadonlyArray<Member>>>()
      /** Organization rows by row key (not org_id: a server may list one org_id twice). */
      const orgNodes = new Map<string, OrganizationNode>()
      /** Ids a server listed twice, already logged. */
      const duplicatesLogged = new Set<string>()

      const logDuplicates = (what: string, ids: ReadonlyArray<string>) =>
        Effect.forEach(ids.filter((id) => !duplicatesLogged.has(`${what} ${id}`)), (id) => {
          duplicatesLogged.add(`${what} ${id}`)
          return Effect.logWarning(`Mem0 listed ${what} ${JSON.stringify(id)} more than once; each is shown as its own row`)
        }, { discard: true })

      const fire = (node: TreeNode | undefined) => {
        for (const listener of listeners) listener(node)
      }

      const start = <A>(work: Effect.Effect<A, LoadError>): Effect.Effect<Slot<A>> =>
        Effect.gen(function*() {
          const deferred = yield* Deferred.make<A, LoadError | Superseded>()
          const fiber = yield* work.pipe(
            Effect.exit,
            Effect.flatMap((exit) => Deferred.done(deferred, exit)),
            Effect.asVoid,
            Effect.forkIn(scope)
          )
          return { deferred, fiber }
        })

      const supersede = <A>(slot: Slot<A> | undefined) =>
        slot === undefined
          ? Effect.void
          : Effect.zipRight(Deferred.fail(slot.deferred, new Superseded()), Fiber.interruptFork(slot.fiber))

      const logFailure = (what: string) => (error: LoadError) =>
        Effect.logWarning(`${what} failed: ${error._tag}: ${error.message}`)

      /**
       * One request through the current client, logged when it fails and shown as progress in the
       * view. Its one deadline is the client's (set by Connection from the settings), so a row never
       * waits forever.
       */
      const load = <A>(
        what: string,
        call: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>
      ) =>
        Effect.flatMap(connection.client, call).pipe(
          Effect.tapError(logFailure(what)),
          (effect) => vscode.withViewProgress(VIEW_ID, effect)
        )

      const loadOrganizations = load("listOrganizations", (client) => client.listOrganizations())

      // Time spent queued for a permit is not counted against the request's deadline: the client's
      // deadline starts when the call does.
      const loadMembers = (orgId: string) =>
        memberPermits.withPermit(load(`listMembers ${orgId}`, (client) => client.listMembers(orgId)))

      /** Waits for the current load of a slot, following refreshes, starting it when there is none. */
      const awaitSlot = <A>(
        get: () => Slot<A> | undefined,
        set: (slot: Slot<A>) => void,
        work: Effect.Effect<A, LoadError>
      ): Effect.Effect<A, LoadError> =>
        Effect.gen(function*() {
          // Each pass either returns or follows a refresh that happened meanwhile; refreshes are user actions.
          for (let pass = 0; pass < 100; pass++) {
            const slot = yield* lock.withPermits(1)(
              Effect.suspend(() => {
                const current = get()
                return current === undefined ? Effect.tap(start(work), set) : Effect.succeed(current)
              })
            )
            const result = yield* Effect.either(Deferred.await(slot.deferred))
            if (Either.isRight(result)) return result.right
            if (result.left._tag !== "Superseded") return yield* Effect.fail(result.left)
          }
          return yield* Effect.die(new Error("the tree was refreshed too many times during one load"))
        })

      const organizations = awaitSlot(
        () => root,
        (slot) => (root = slot),
        loadOrganizations
      )

      const membersOf = (orgId: string) =>
        awaitSlot(
          () => members.get(orgId),
          (slot) => members.set(orgId, slot),
          loadMembers(orgId)
        )

      const rootRows: Effect.Effect<ReadonlyArray<TreeNode>> = organizations.pipe(
        Effect.flatMap((orgs): Effect.Effect<ReadonlyArray<TreeNode>> => {
          if (orgs.length === 0) return Effect.succeed([messageNode(undefined, "No organizations for this API key.")])
          const { duplicates, keys } = uniqueKeys("org/", orgs.map((org) => org.org_id))
          // The same row objects for as long as their load lives: VS Code keys refresh events by identity.
          const rows = orgs.map((org, i) => {
            const key = keys[i]!
            const known = orgNodes.get(key)
            if (known?.org === org) return known
            const node = organizationNode(org, key)
            orgNodes.set(key, node)
            return node
          })
          return Effect.as(logDuplicates("org_id", duplicates), rows)
        }),
        Effect.tap(vscode.setContext("mem0.hasApiKey", true)),
        Effect.catchAll((error): Effect.Effect<ReadonlyArray<TreeNode>> => {
          switch (error._tag) {
            case "NoApiKey":
              // An empty tree with the context key off shows the welcome view (Set API Key).
              return Effect.as(vscode.setContext("mem0.hasApiKey", false), [])
            default:
              return Effect.succeed([errorNode(undefined, error)])
          }
        })
      )

      const memberRows = (parent: OrganizationNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
        membersOf(parent.org.org_id).pipe(
          Effect.flatMap((list): Effect.Effect<ReadonlyArray<TreeNode>> => {
            if (list.length === 0) return Effect.succeed([messageNode(parent.key, "No members")])
            const { duplicates, keys } = uniqueKeys(`${parent.key}/member/`, list.map((m) => m.user_id))
            return Effect.as(
              logDuplicates("user_id", duplicates),
              list.map((m, i) => memberNode(parent, m, keys[i]!))
            )
          }),
          Effect.catchAll((error): Effect.Effect<ReadonlyArray<TreeNode>> =>
            error._tag === "NoApiKey" ? Effect.succeed([]) : Effect.succeed([errorNode(parent, error)])
          )
        )

      const refresh = lock.withPermits(1)(
        Effect.gen(function*() {
          yield* supersede(root)
          root = undefined
          for (const slot of members.values()) yield* supersede(slot)
          members.clear()
          orgNodes.clear()
        })
      ).pipe(Effect.zipRight(Effect.sync(() => fire(undefined))))

      const retry = (node: ErrorNode): Effect.Effect<void> => {
        const orgId = node.orgId
        if (orgId === undefined) return refresh
        return lock.withPermits(1)(
          Effect.suspend(() => {
            const slot = members.get(orgId)
            members.delete(orgId)
            return supersede(slot)
          })
        ).pipe(
          Effect.zipRight(Effect.sync(() => {
            // Every row of that organization shows the same members: redraw each (a repeated org_id has several).
            for (const node of orgNodes.values()) if (node.org.org_id === orgId) fire(node)
          }))
        )
      }

      // Closing the scope (deactivate) interrupts whatever still loads.
      yield* Effect.addFinalizer(() => refresh)

      const source: TreeSource<TreeNode> = {
        getChildren: (node) =>
          node === undefined ? rootRows : node._tag === "Organization" ? memberRows(node) : Effect.succeed([]),
        getTreeItem: treeItem,
        onDidChange: (listener) => {
          listeners.add(listener)
          return () => listeners.delete(listener)
        }
      }
      return OrganizationsTree.of({ source, refresh, retry, organizations, members: membersOf })
    })
  )
}
