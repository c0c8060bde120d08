/**
 * The typed filters: the JSON each builds, right under both readings of Mem0's null scoping, and
 * `filterProblem`, the check every filter passes before a request is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { MemoryFilter } from "effect-mem0"

describe("MemoryFilter", () => {
  it("an entity's memories are the union of its branches with and without each field that can accompany it", () => {
    expect(MemoryFilter.user("alice").json).toEqual({
      OR: [
        { user_id: "alice" },
        { user_id: "alice", run_id: "*" },
        { user_id: "alice", app_id: "*" },
        { user_id: "alice", app_id: "*", run_id: "*" }
      ]
    })
    // an app's memories carry a user or an agent (never both), with or without a run
    expect(MemoryFilter.app("mobile").json).toEqual({
      OR: [
        { app_id: "mobile", user_id: "*" },
        { app_id: "mobile", user_id: "*", run_id: "*" },
        { app_id: "mobile", agent_id: "*" },
        { app_id: "mobile", agent_id: "*", run_id: "*" }
      ]
    })
    expect(MemoryFilter.run("r1").json["OR"]).toHaveLength(4)
  })

  it("combinators nest the parts; conditions use Mem0's operators; searchable unless keywords", () => {
    const f = MemoryFilter.and(
      MemoryFilter.all,
      MemoryFilter.categoriesIn(["travel"]),
      MemoryFilter.created({ gte: "2026-11-01" }),
      MemoryFilter.metadata({ source: "chat" }),
      MemoryFilter.not(MemoryFilter.categoriesIn(["archive"]))
    )
    expect(f.json).toEqual({
      AND: [
        { OR: [{ user_id: "*" }, { agent_id: "*" }] },
        { categories: { in: ["travel"] } },
        { created_at: { gte: "2026-11-01" } },
        { metadata: { source: "chat" } },
        { NOT: [{ categories: { in: ["archive"] } }] }
      ]
    })
    expect(f.searchable).toBe(true)
    expect(MemoryFilter.and(MemoryFilter.user("a"), MemoryFilter.keywords("tea")).searchable).toBe(false)
    expect(MemoryFilter.or(MemoryFilter.user("a"), MemoryFilter.agent("b")).json["OR"]).toHaveLength(2)
  })

  it("filterProblem refuses what Mem0 refuses, at any depth, and passes what the builder makes", () => {
    const ok = [MemoryFilter.all, MemoryFilter.user("a"), MemoryFilter.and(MemoryFilter.agent("b"), MemoryFilter.keywords("x"))]
    for (const f of ok) expect(MemoryFilter.filterProblem(f.json, { search: false })).toBeUndefined()
    expect(MemoryFilter.filterProblem({ colour: "blue", user_id: "a" }, { search: false })).toMatch(/colour/)
    expect(MemoryFilter.filterProblem({ AND: [{ user_id: "a" }, { OR: [{ nope: 1 }] }] }, { search: false })).toMatch(/nope/)
    expect(MemoryFilter.filterProblem({ categories: { in: ["x"] } }, { search: false })).toMatch(/name an entity/)
    expect(MemoryFilter.filterProblem({ OR: [{ user_id: "a" }, { categories: "x" }] }, { search: false })).toMatch(/name an entity/)
    expect(MemoryFilter.filterProblem({ AND: [{ user_id: "a" }, { keywords: { icontains: "t" } }] }, { search: true })).toMatch(/keywords/)
    expect(MemoryFilter.filterProblem({ AND: [] }, { search: false })).toMatch(/non-empty/)
    expect(MemoryFilter.filterProblem("user_id=a", { search: false })).toMatch(/object/)
    let deep: Record<string, unknown> = { user_id: "a" }
    for (let i = 0; i < 40; i++) deep = { AND: [deep] }
    expect(MemoryFilter.filterProblem(deep, { search: false })).toMatch(/nested/)
  })
})
