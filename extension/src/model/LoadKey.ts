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
  /** The key's project's statistics (`GET /v1/stats/`). */
  Stats: {}
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
    Stats: () => "stats"
  })
