/**
 * The model: what the views show, loaded once per refresh (`LoadCache`) with
 * the key of that refresh. The first load of a refresh (the organizations)
 * binds it to the key in use; every later load of the refresh uses that key
 * while it is in use, or fails `KeyChanged`, so rows read with one key never
 * mix with rows of another. Loads below the organizations go through one
 * FIFO limiter; each shows as progress in the view and is logged when it
 * fails. A change drops the loads it touched (`drop`) and loads them again
 * (`reload`); nothing else is loaded twice.
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { EntityPage } from "effect-mem0/Entity"
import type * as Mem0Client from "effect-mem0/Mem0Client"
import type { Memory, MemoryPage } from "effect-mem0/Memory"
import type { EventPage } from "effect-mem0/MemoryEvent"
import type { Member, Organization } from "effect-mem0/Organization"
import type { KeyContext, Project, ProjectMember } from "effect-mem0/Project"
import type { MemoryStats } from "effect-mem0/Stats"
import { VIEW_ID } from "../platform/Ids.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { ApiKey } from "./ApiKey.js"
import { type KeyClientError, KeyClients, type KeyIdentity } from "./KeyClients.js"
import { make as makeCache } from "./LoadCache.js"
import { describeLoad, LoadKey } from "./LoadKey.js"
import { makeLimiter } from "./Limiter.js"
import {
  type ActivityFilter,
  activityKey,
  eventOptions,
  type ListFilter,
  listOptions,
  type MemoryScope,
  PAGE_SIZE,
  queryKey,
  type SearchQuery,
  scopeFilter,
  searchFilter,
  searchKey,
  searchOptions
} from "./MemoryQuery.js"

/** What a load can end with, besides its value. */
export type LoadError = KeyClientError | Mem0Client.Mem0RequestError

/** A stored key and the project its `ping` names: the key that reads that project's memories. */
export interface KeyBinding {
  readonly identity: KeyIdentity
  readonly orgId: string | undefined
  readonly projectId: string | undefined
}

/** The key bound to a project: the key in use if it is, else the first stored key that is. */
export const bindingOf = (bindings: ReadonlyArray<KeyBinding>, orgId: string, projectId: string): KeyBinding | undefined =>
  bindings.find((b) => b.orgId === orgId && b.projectId === projectId)

/** Entities per page when listing them (the groups pick their type out of these). */
export const ENTITY_PAGE_SIZE = 200

/** Events per page of Activity. */
export const EVENT_PAGE_SIZE = 50

/**
 * The loads that browse memories: Mem0 counts each against the project's retrieval quota, so only the person
 * loads them again (Refresh, Retry, a filter); auto-refresh keeps them.
 */
export const isBrowsing = (key: LoadKey): boolean =>
  key._tag === "Memories" || key._tag === "Search" || key._tag === "Events" || key._tag === "Entities"

/** Loads below the organizations at once, so expanding many organizations does not hammer the API. */
export const MEMBER_CONCURRENCY = 4

export interface Mem0DataService {
  readonly organizations: Effect.Effect<ReadonlyArray<Organization>, LoadError>
  readonly members: (orgId: string) => Effect.Effect<ReadonlyArray<Member>, LoadError>
  readonly projects: (orgId: string) => Effect.Effect<ReadonlyArray<Project>, LoadError>
  readonly projectMembers: (orgId: string, projectId: string) => Effect.Effect<ReadonlyArray<ProjectMember>, LoadError>
  /** What the refresh's key is bound to (`ping`). */
  readonly ping: Effect.Effect<KeyContext, LoadError>
  /** Which project each stored key (at the base URL in use) is bound to; the key in use first. */
  readonly bindings: Effect.Effect<ReadonlyArray<KeyBinding>, LoadError>
  /** The statistics of a key's project. */
  readonly stats: (key: KeyIdentity) => Effect.Effect<MemoryStats, LoadError>
  /** One page of a key's project's entities. */
  readonly entities: (key: KeyIdentity, page: number) => Effect.Effect<EntityPage, LoadError>
  /** One page ({@link PAGE_SIZE} rows) of a key's project's memories. */
  readonly memories: (key: KeyIdentity, scope: MemoryScope, filter: ListFilter | undefined, page: number) => Effect.Effect<MemoryPage, LoadError>
  /** A semantic search in a key's project. */
  readonly search: (key: KeyIdentity, search: SearchQuery) => Effect.Effect<ReadonlyArray<Memory>, LoadError>
  /** One page of a key's project's events, narrowed by Activity's filter when there is one. */
  readonly events: (key: KeyIdentity, page: number, filter?: ActivityFilter) => Effect.Effect<EventPage, LoadError>
  /** A load a view derives from the others (the key's project among the rows), cached the same way. */
  readonly derived: <A>(key: LoadKey, work: Effect.Effect<A, LoadError>) => Effect.Effect<A, LoadError>
  /** Starts a derived load unless there is one, without waiting. */
  readonly startDerived: <A>(key: LoadKey, work: Effect.Effect<A, LoadError>) => Effect.Effect<void>
  /** The key this refresh's loads use, once the organizations' load has bound it. */
  readonly readWith: () => KeyIdentity | undefined
  /**
   * Lets every load go (but those `keep` says) and unbinds the key (a refresh); returns the keys that had
   * loaded and were let go.
   */
  readonly dropAll: (keep?: (key: LoadKey) => boolean) => Effect.Effect<ReadonlyArray<LoadKey>>
  /** Lets these loads go; letting the organizations go unbinds the key too. */
  readonly drop: (keys: ReadonlyArray<LoadKey>) => Effect.Effect<void>
  /** Loads `keys` again, waiting at most `within` (a slow server's rows then show loading). */
  readonly reload: (keys: ReadonlyArray<LoadKey>, within: Duration.DurationInput) => Effect.Effect<void>
  /** Whether the organizations are loading now. */
  readonly loading: Effect.Effect<boolean>
  /** Whether `key` has been loaded (or is loading) in this refresh. */
  readonly has: (key: LoadKey) => boolean
  /** The loads of this refresh, running or ended. */
  readonly loaded: () => ReadonlyArray<LoadKey>
}

export class Mem0Data extends Context.Tag("mem0-vscode/Mem0Data")<Mem0Data, Mem0DataService>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const keyClients = yield* KeyClients
    const apiKey = yield* ApiKey
    const cache = yield* makeCache<LoadKey>(yield* Effect.scope)
    const permits = makeLimiter(MEMBER_CONCURRENCY)
    let readWith: KeyIdentity | undefined
    /** Counts the times `readWith` was let go: a load started before that binds nothing. */
    let binding = 0

    const boundClient: Effect.Effect<Mem0Client.Mem0ClientService, KeyClientError> = Effect.suspend(() => {
      if (readWith !== undefined) return keyClients.clientOf(readWith, { inUse: true })
      const started = binding
      return Effect.map(
        Effect.tap(keyClients.current, ({ identity }) =>
          Effect.sync(() => {
            if (started === binding) readWith = identity
          })),
        ({ client }) => client
      )
    })

    /** One request with the refresh's key (or the one given), logged when it fails, shown as progress in the view. */
    const request = <A>(
      key: LoadKey,
      call: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>,
      client: Effect.Effect<Mem0Client.Mem0ClientService, KeyClientError> = boundClient
    ) =>
      Effect.flatMap(client, call).pipe(
        Effect.tapError((error) => Effect.logWarning(`${describeLoad(key)} failed: ${error._tag}: ${error.message}`)),
        (effect) => vscode.withViewProgress(VIEW_ID, effect)
      )

    /**
     * A load below the organizations, through the limiter. Time queued for a permit is not counted
     * against the request's deadline: the client's deadline starts with the call.
     */
    const limited = <A>(key: LoadKey, call: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>) =>
      cache.get(key, permits.withPermit(request(key, call)))

    /** A load with a given key (a project's memories are read with the key bound to it, whatever key is in use). */
    const withKey = <A>(key: LoadKey, identity: KeyIdentity, call: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0Client.Mem0RequestError>) =>
      cache.get(key, permits.withPermit(request(key, call, keyClients.clientOf(identity))))

    /** Each stored key at the base URL in use, asked who it is; a key that cannot say is left out (and logged). */
    const bindings: Effect.Effect<ReadonlyArray<KeyBinding>, LoadError> = Effect.gen(function*() {
      const { baseUrl } = yield* keyClients.settings
      const current = Option.getOrUndefined(yield* Effect.option(keyClients.current))
      const { names } = yield* apiKey.index
      const named = yield* Effect.forEach(names, (name) => Effect.option(keyClients.clientNamed(name)), { concurrency: MEMBER_CONCURRENCY })
      const connected = [
        ...(current === undefined ? [] : [current]),
        ...named.flatMap((n) => (Option.isSome(n) && Option.isSome(n.value) ? [n.value.value] : []))
      ].filter((c, i, all) => c.identity.baseUrl === baseUrl && all.findIndex((o) => o.identity.id === c.identity.id) === i)
      const pinged = yield* Effect.forEach(connected, ({ client, identity }) =>
        client.ping().pipe(
          Effect.map((context): KeyBinding => ({ identity, orgId: context.orgId, projectId: context.projectId })),
          Effect.tapError((error) => Effect.logWarning(`ping of key ${identity.name ?? "(environment)"} failed: ${error._tag}`)),
          Effect.option
        ), { concurrency: MEMBER_CONCURRENCY })
      return pinged.flatMap(Option.toArray)
    })

    const unbind = () => {
      readWith = undefined
      binding++
    }
    const organizationsKey = LoadKey.Organizations()

    return Mem0Data.of({
      organizations: cache.get(organizationsKey, request(organizationsKey, (client) => client.listOrganizations())),
      members: (orgId) => limited(LoadKey.Members({ orgId }), (client) => client.listMembers(orgId)),
      projects: (orgId) => limited(LoadKey.Projects({ orgId }), (client) => client.listProjects(orgId)),
      projectMembers: (orgId, projectId) =>
        limited(LoadKey.ProjectMembers({ orgId, projectId }), (client) => client.listProjectMembers(orgId, projectId)),
      ping: cache.get(LoadKey.Ping(), request(LoadKey.Ping(), (client) => client.ping())),
      bindings: cache.get(LoadKey.KeyBindings(), bindings),
      stats: (key) => withKey(LoadKey.Stats({ keyId: key.id }), key, (client) => client.stats()),
      entities: (key, page) =>
        withKey(LoadKey.Entities({ keyId: key.id, page }), key, (client) => client.listEntities({ page, pageSize: ENTITY_PAGE_SIZE })),
      memories: (key, scope, filter, page) =>
        withKey(
          LoadKey.Memories({ keyId: key.id, query: queryKey(scope, filter), page }),
          key,
          (client) => client.listMemories(scopeFilter(scope), { ...listOptions(filter), page, pageSize: PAGE_SIZE })
        ),
      search: (key, search) =>
        withKey(
          LoadKey.Search({ keyId: key.id, search: searchKey(search) }),
          key,
          (client) => client.searchMemories(search.query, searchFilter(search), searchOptions(search))
        ),
      events: (key, page, filter) =>
        withKey(
          LoadKey.Events({ keyId: key.id, filter: activityKey(filter), page }),
          key,
          (client) => client.listEvents({ ...eventOptions(filter), page, pageSize: EVENT_PAGE_SIZE })
        ),
      derived: cache.get,
      startDerived: cache.start,
      readWith: () => readWith,
      // unbound first: a load of the old refresh that has not bound yet never will
      dropAll: (keep) =>
        Effect.zipRight(
          Effect.sync(unbind),
          keep === undefined
            ? cache.dropAll
            : Effect.suspend(() => {
              const going = cache.keys().filter((key) => !keep(key))
              return Effect.as(cache.drop(going), going)
            })
        ),
      drop: (keys) =>
        Effect.zipRight(Effect.sync(() => (keys.some(LoadKey.$is("Organizations")) ? unbind() : undefined)), cache.drop(keys)),
      reload: (keys, within) => cache.reload(keys).pipe(Effect.timeout(within), Effect.ignore),
      loading: cache.running(organizationsKey),
      has: cache.has,
      loaded: cache.keys
    })
  })

  static readonly layer = Layer.scoped(Mem0Data, Mem0Data.make)
}
