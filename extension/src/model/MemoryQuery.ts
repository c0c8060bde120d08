/**
 * What a list of memories asks Mem0, as plain data: whose memories (every
 * memory of the project, or one entity's) and the person's filter. A query
 * has one canonical text (`queryKey`), which is the load's key: the same
 * query is loaded once per refresh, another filter is another load.
 */
import type { EntityType } from "effect-mem0/Entity"
import type { ListEventsOptions, ListMemoriesOptions, SearchOptions } from "effect-mem0/Mem0Client"
import type { EventStatus } from "effect-mem0/MemoryEvent"
import * as MemoryFilter from "effect-mem0/MemoryFilter"
import { label } from "../platform/Display.js"
import { t } from "../platform/L10n.js"

/** Rows a list shows per page (and asks Mem0 for). */
export const PAGE_SIZE = 100

/** Whose memories. */
export type MemoryScope =
  | { readonly _tag: "All" }
  | { readonly _tag: "Entity"; readonly type: EntityType; readonly id: string }

/** What the person narrowed a list to (Filter...). Every field is optional; an empty filter is none. */
export interface ListFilter {
  /** Memories in any of these categories. */
  readonly categories?: ReadonlyArray<string>
  /** Created on or after / on or before (ISO dates, `YYYY-MM-DD`). */
  readonly from?: string
  readonly to?: string
  /** Text the memory contains (case-insensitive). */
  readonly text?: string
  /** Expired memories too. */
  readonly showExpired?: boolean
}

/** A semantic search (Search...). */
export interface SearchQuery {
  readonly query: string
  readonly topK: number
  readonly threshold: number
  /** An entity's memories only; absent: the whole project's. */
  readonly scope: MemoryScope
  /**
   * What Filter... on its results narrowed it to: categories, created dates, expired shown. Never text:
   * Mem0 refuses `keywords` in a search.
   */
  readonly filter?: ListFilter
}

/** Whether a filter narrows anything. */
export const isFiltered = (filter: ListFilter | undefined): filter is ListFilter =>
  filter !== undefined &&
  ((filter.categories?.length ?? 0) > 0 || filter.from !== undefined || filter.to !== undefined ||
    (filter.text !== undefined && filter.text !== "") || filter.showExpired === true)

/** The entity filter of a scope, right under both readings of unnamed entity fields (see effect-mem0's MemoryFilter). */
export const scopeFilter = (scope: MemoryScope): MemoryFilter.EntityFilter<true> => {
  if (scope._tag === "All") return MemoryFilter.all
  switch (scope.type) {
    case "user":
      return MemoryFilter.user(scope.id)
    case "agent":
      return MemoryFilter.agent(scope.id)
    case "app":
      return MemoryFilter.app(scope.id)
    case "run":
      return MemoryFilter.run(scope.id)
  }
}

/** The end of a day (an `to` date includes the whole day). */
const endOfDay = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.999Z` : date)

/** The options of `listMemories` for a filter. */
export const listOptions = (filter: ListFilter | undefined): ListMemoriesOptions => {
  if (!isFiltered(filter)) return {}
  return {
    ...((filter.categories?.length ?? 0) > 0 ? { categories: filter.categories } : {}),
    ...(filter.from === undefined ? {} : { startDate: filter.from }),
    ...(filter.to === undefined ? {} : { endDate: endOfDay(filter.to) }),
    ...(filter.text === undefined || filter.text === "" ? {} : { keywords: filter.text }),
    ...(filter.showExpired === true ? { showExpired: true } : {})
  }
}

/** The options of `searchMemories` for a search (its filter's categories and expired; the dates go in its filter). */
export const searchOptions = (search: SearchQuery): SearchOptions => {
  const filter = search.filter
  return {
    topK: search.topK,
    threshold: search.threshold,
    ...((filter?.categories?.length ?? 0) > 0 ? { categories: filter!.categories } : {}),
    ...(filter?.showExpired === true ? { showExpired: true } : {})
  }
}

/** The entity filter of a search: its scope, and its filter's created dates when it has some. */
export const searchFilter = (search: SearchQuery): MemoryFilter.EntityFilter<true> => {
  const scope = scopeFilter(search.scope)
  const from = search.filter?.from
  const to = search.filter?.to
  if (from === undefined && to === undefined) return scope
  return MemoryFilter.and(
    scope,
    MemoryFilter.created({ ...(from === undefined ? {} : { gte: from }), ...(to === undefined ? {} : { lte: endOfDay(to) }) })
  )
}

/** A search narrowed by a filter (what a search cannot take, text, left out), or with none (`undefined`). */
export const withSearchFilter = (search: SearchQuery, filter: ListFilter | undefined): SearchQuery => {
  const { filter: _previous, ...rest } = search
  if (filter === undefined) return rest
  const { text: _text, ...searchable } = filter
  return isFiltered(searchable) ? { ...rest, filter: searchable } : rest
}

/** One text per query: the key of its loads. */
export const queryKey = (scope: MemoryScope, filter: ListFilter | undefined): string =>
  JSON.stringify([scope, isFiltered(filter) ? listOptions(filter) : {}])

/** One text per search. */
export const searchKey = (search: SearchQuery): string =>
  JSON.stringify([search.scope, search.query, search.topK, search.threshold, searchOptions(search), searchFilter(search).json])

/** A filter as the list row's description says it (plain text, server text cleaned). */
export const describeFilter = (filter: ListFilter): string => {
  const parts: Array<string> = []
  if ((filter.categories?.length ?? 0) > 0) parts.push(t("in {0}", filter.categories!.map((c) => label(c, 30)).join(", ")))
  if (filter.from !== undefined && filter.to !== undefined) parts.push(t("{0} to {1}", filter.from, filter.to))
  else if (filter.from !== undefined) parts.push(t("since {0}", filter.from))
  else if (filter.to !== undefined) parts.push(t("until {0}", filter.to))
  if (filter.text !== undefined && filter.text !== "") parts.push(t("containing \"{0}\"", label(filter.text, 40)))
  if (filter.showExpired === true) parts.push(t("expired shown"))
  return t("filtered: {0}", parts.join(", "))
}

/** Why a typed date cannot be a filter's bound, or `undefined`. */
export const dateProblem = (text: string): string | undefined => {
  if (text === "") return undefined
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN
  // 2026-02-31 parses to March: the date must read back as typed
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? t("Type a date as YYYY-MM-DD, or leave it empty.") : undefined
}

/** What the person narrowed Activity to (Filter... on Activity): events of one status, one type, or both. */
export interface ActivityFilter {
  readonly status?: EventStatus
  /** `ADD`, `SEARCH`, `DELETE`... as Mem0 names the event's type. */
  readonly eventType?: string
}

/** Whether an Activity filter narrows anything. */
export const isActivityFiltered = (filter: ActivityFilter | undefined): filter is ActivityFilter =>
  filter !== undefined && (filter.status !== undefined || filter.eventType !== undefined)

/** The options of `listEvents` for an Activity filter. */
export const eventOptions = (filter: ActivityFilter | undefined): ListEventsOptions =>
  !isActivityFiltered(filter)
    ? {}
    : {
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.eventType === undefined ? {} : { eventType: filter.eventType })
    }

/** One text per Activity filter: part of the key of its loads. */
export const activityKey = (filter: ActivityFilter | undefined): string => JSON.stringify(eventOptions(filter))

/** An Activity filter as the row's description says it. */
export const describeActivityFilter = (filter: ActivityFilter): string =>
  t("filtered: {0}", [filter.status, filter.eventType === undefined ? undefined : label(filter.eventType, 30)].filter((p) => p !== undefined).join(", "))
