/**
 * What the model loads, as typed values: the key of each load in the
 * once-per-refresh cache, carried by an error row so that its Retry loads
 * exactly that again. Two keys with the same fields are equal (`Data`).
 */
import * as Data from "effect/Data"

export type LoadKey = Data.TaggedEnum<{
  /** The organizations the key can see (the tree's root). */
  Organizations: {}
  /** `ping`: which organization and project the key is bound to. */
  Ping: {}
  /** The key's organization and project located among the rows. */
  KeyProject: {}
  /** One organization's members. */
  Members: { readonly orgId: string }
  /** One organization's projects. */
  Projects: { readonly orgId: string }
  /** One project's members. */
  ProjectMembers: { readonly orgId: string; readonly projectId: string }
  /** Which project each stored key is bound to (a `ping` of each, at the base URL in use). */
  KeyBindings: {}
  /** A project's statistics (`GET /v1/stats/`), read with the key bound to it (by its entry id). */
  Stats: { readonly keyId: string }
  /** One page of a project's entities (all types). */
  Entities: { readonly keyId: string; readonly page: number }
  /** One page of a list of memories (`query`: `MemoryQuery.queryKey`). */
  Memories: { readonly keyId: string; readonly query: string; readonly page: number }
  /** A semantic search (`search`: `MemoryQuery.searchKey`). */
  Search: { readonly keyId: string; readonly search: string }
  /** One page of a project's events (`filter`: `MemoryQuery.activityKey`). */
  Events: { readonly keyId: string; readonly filter: string; readonly page: number }
}>

export const LoadKey = Data.taggedEnum<LoadKey>()

/** What a load is called in the log: the operation and its ids. */
export const describeLoad = (key: LoadKey): string =>
  LoadKey.$match(key, {
    Organizations: () => "listOrganizations",
    Ping: () => "ping",
    KeyProject: () => "locating the key's project",
    Members: ({ orgId }) => `listMembers ${orgId}`,
    Projects: ({ orgId }) => `listProjects ${orgId}`,
    ProjectMembers: ({ orgId, projectId }) => `listProjectMembers ${orgId} ${projectId}`,
    KeyBindings: () => "ping of each stored key",
    Stats: () => "stats",
    Entities: ({ page }) => `listEntities page ${page}`,
    Memories: ({ page, query }) => `listMemories ${query} page ${page}`,
    Search: () => "searchMemories",
    Events: ({ filter, page }) => `listEvents ${filter} page ${page}`
  })
