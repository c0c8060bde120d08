/**
 * What the person did to the memory lists, by row key: how many pages each
 * list shows (Load more), its filter, the searches shown under a row, and the
 * entities being deleted. Plain state, kept for the activation (a refresh
 * keeps it: the lists load again as they were); the rows read it, the
 * commands change it and ask the tree to redraw the row.
 */
import type { ActivityFilter, ListFilter, SearchQuery } from "./MemoryQuery.js"

/** A search shown under a row, numbered so each has its own row. */
export interface ShownSearch {
  readonly id: number
  readonly search: SearchQuery
}

export interface Browsing {
  /** How many pages a list shows (1 until Load more). */
  readonly pages: (key: string) => number
  readonly more: (key: string) => void
  readonly filter: (key: string) => ListFilter | undefined
  /** Sets (or with `undefined` clears) a list's filter; its pages start again at 1. */
  readonly setFilter: (key: string, filter: ListFilter | undefined) => void
  readonly activityFilter: (key: string) => ActivityFilter | undefined
  /** Sets (or with `undefined` clears) Activity's filter; its pages start again at 1. */
  readonly setActivityFilter: (key: string, filter: ActivityFilter | undefined) => void
  readonly searches: (key: string) => ReadonlyArray<ShownSearch>
  readonly addSearch: (key: string, search: SearchQuery) => ShownSearch
  readonly removeSearch: (key: string, id: number) => void
  /** Replaces a shown search (its filter changed), keeping its number and so its row. */
  readonly replaceSearch: (key: string, id: number, search: SearchQuery) => void
  /** Entities whose delete Mem0 is still working on (by row key), with what the row says meanwhile. */
  readonly deleting: Map<string, string>
}

export const makeBrowsing = (): Browsing => {
  const pages = new Map<string, number>()
  const filters = new Map<string, ListFilter>()
  const activityFilters = new Map<string, ActivityFilter>()
  const searches = new Map<string, ReadonlyArray<ShownSearch>>()
  let nextSearch = 1
  return {
    pages: (key) => pages.get(key) ?? 1,
    more: (key) => void pages.set(key, (pages.get(key) ?? 1) + 1),
    filter: (key) => filters.get(key),
    setFilter: (key, filter) => {
      pages.delete(key)
      if (filter === undefined) filters.delete(key)
      else filters.set(key, filter)
    },
    activityFilter: (key) => activityFilters.get(key),
    setActivityFilter: (key, filter) => {
      pages.delete(key)
      if (filter === undefined) activityFilters.delete(key)
      else activityFilters.set(key, filter)
    },
    searches: (key) => searches.get(key) ?? [],
    addSearch: (key, search) => {
      const shown = { id: nextSearch++, search }
      searches.set(key, [shown, ...(searches.get(key) ?? [])])
      return shown
    },
    replaceSearch: (key, id, search) => {
      searches.set(key, (searches.get(key) ?? []).map((s) => (s.id === id ? { id, search } : s)))
    },
    removeSearch: (key, id) => {
      const left = (searches.get(key) ?? []).filter((s) => s.id !== id)
      if (left.length === 0) searches.delete(key)
      else searches.set(key, left)
    },
    deleting: new Map()
  }
}
