/**
 * The row store keeps one object per row key and marks it changed only when its new data shows
 * differently: a page of memories found again (new objects, same data) changes nothing; a new text, a
 * later date or other metadata does.
 */
import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import { Memory } from "effect-mem0/Memory"
import { makeRowStore } from "../../src/tree/RowStore.js"
import type { TreeNode } from "../../src/tree/Rows.js"

const memory = (fields: Partial<ConstructorParameters<typeof Memory>[0]> = {}) =>
  new Memory({
    id: "m1",
    memory: "Likes tea",
    categories: ["food", "preferences"],
    metadata: { source: "chat", nested: { confidence: 0.9, tags: ["a", "b"] } },
    created_at: DateTime.unsafeMake("2026-11-01T10:00:00Z"),
    updated_at: DateTime.unsafeMake("2026-11-02T10:00:00Z"),
    ...fields
  })

const row = (m: Memory) => ({ _tag: "Memory", memory: m, parentKey: "list", key: "list/m/m1" }) as unknown as TreeNode

/** Offers a row for the key as a reload does (a new object each time); says whether the kept row was marked changed. */
const offer = (store: ReturnType<typeof makeRowStore>, next: TreeNode) => {
  store.mutated.clear()
  const kept = store.cached("list/m/m1", () => false, () => next)
  return { kept, changed: store.mutated.has(kept) }
}

describe("RowStore", () => {
  it("the same data in new objects changes nothing; each shown difference does", () => {
    const store = makeRowStore()
    const first = offer(store, row(memory()))
    expect(offer(store, row(memory())).kept).toBe(first.kept)
    expect(offer(store, row(memory())).changed).toBe(false)
    expect(offer(store, row(memory({ memory: "Likes green tea" }))).changed).toBe(true)
    expect(offer(store, row(memory({ memory: "Likes green tea", updated_at: DateTime.unsafeMake("2026-11-03T10:00:00Z") }))).changed).toBe(true)
    expect(offer(store, row(memory({ memory: "Likes green tea", updated_at: DateTime.unsafeMake("2026-11-03T10:00:00Z") }))).changed).toBe(false)
    const base = { memory: "Likes green tea", updated_at: DateTime.unsafeMake("2026-11-03T10:00:00Z") }
    expect(offer(store, row(memory({ ...base, categories: ["food"] }))).changed).toBe(true)
    expect(offer(store, row(memory({ ...base, categories: ["food"], metadata: { source: "chat", nested: { confidence: 0.8, tags: ["a", "b"] } } }))).changed).toBe(true)
    // a field that appears
    expect(offer(store, row(memory({ ...base, categories: ["food"], metadata: { source: "chat", nested: { confidence: 0.8, tags: ["a", "b"] } }, replaced_by: "m2" }))).changed).toBe(true)
    // the kept object now holds the latest data
    expect((first.kept as unknown as { memory: Memory }).memory.replaced_by).toBe("m2")
  })

  it("data nested deeper than it walks counts as changed (redrawn, never wrongly kept)", () => {
    const deep = () => {
      let value: Record<string, unknown> = { leaf: 1 }
      for (let i = 0; i < 100; i++) value = { deeper: value }
      return value
    }
    const store = makeRowStore()
    offer(store, row(memory({ metadata: deep() })))
    expect(offer(store, row(memory({ metadata: deep() }))).changed).toBe(true)
  })
})
