/**
 * The memory browser: a project's Memories row (read with the key bound to
 * that project), its groups, entities and memories, paging, documents,
 * search, filter, export, deletes, Activity and `mem0.readOnly`.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { MemoryFromWire } from "effect-mem0/Memory"
import { DEMO_KEY, generate, GENERATED_KEY, startLocalServer } from "mem0-local-server"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { waitFor } from "@mem0-organizations/workbench/waitFor"
import { KEYS_INDEX, keySecret } from "../../src/model/ApiKey.js"
import { COMMANDS } from "../../src/platform/Ids.js"
import type { TreeNode } from "../../src/tree/Rows.js"
import { activate, eventually, server, useLocalServer } from "./harness.js"

useLocalServer()

const PERSONAL = "org_7f3a9c1e5d2b4a60"
const BO_KEY = "m0-demo-bo-00000000000000000"

type Ext = Awaited<ReturnType<typeof activate>>
type Row = Awaited<ReturnType<Ext["rows"]>>[number]

const find = (rows: ReadonlyArray<Row>, label: string | RegExp): Row => {
  const row = rows.find((r) => (typeof label === "string" ? r.item.label === label : label.test(r.item.label)))
  if (row === undefined) throw new Error(`no ${label} among ${JSON.stringify(rows.map((r) => r.item.label))}`)
  return row
}

/** The Memories row of a project of an organization, as a person expands their way to it. */
const memoriesRow = async (ext: Ext, orgId: string, project: string | RegExp) => {
  const projects = await ext.projectRows(await ext.orgRow(orgId))
  const rows = await ext.rows(find(projects, project).node)
  return rows[0]!
}

/** The rows under a row found by label under another. */
const open = async (ext: Ext, parent: TreeNode, label: string | RegExp) => find(await ext.rows(parent), label)

const memoryRequests = () => server.requests().filter((r) => r.path.startsWith("/v3/memories/") || r.path.startsWith("/v1/entities/"))

/** Two stored keys: ana's (in use) and bo's, both for this server. */
const twoKeys = () => ({
  [KEYS_INDEX]: JSON.stringify({ names: ["default", "bo"], active: "default" }),
  [keySecret("default")]: JSON.stringify({ key: DEMO_KEY, baseUrl: server.url, id: "k-ana" }),
  [keySecret("bo")]: JSON.stringify({ key: BO_KEY, baseUrl: server.url, id: "k-bo" })
})

describe("where memories appear", () => {
  it("the key's project has Memories (n) read with its key; a project no key is bound to offers Add Key; nothing below loads before it is expanded", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    expect(memories.node._tag).toBe("Memories")
    expect(memories.item.description).toBe("read with key \"default\"")
    expect(memories.item.collapsible).toBe("collapsed")
    const stats = (await (await fetch(`${server.url}/v1/stats/`, { headers: { authorization: `Token ${DEMO_KEY}` } })).json()) as { total_memories: number }
    await eventually(() => expect(ext.fake.tree().getTreeItem(memories.node).label).toBe(`Memories (${stats.total_memories})`))
    // the other projects: no key is bound to them, so no stats are asked and the row adds a key
    const other = await memoriesRow(ext, PERSONAL, "Research notes")
    expect(other.item).toMatchObject({ label: "Add a key for this project…", collapsible: "none", command: { command: COMMANDS.addKey } })
    expect(server.requests().filter((r) => r.path === "/v1/stats/")).toHaveLength(2) // the extension's one and this test's
    expect(memoryRequests()).toHaveLength(0)
  })

  it("the key bound to a project reads it, whatever key is in use; each other stored key is asked who it is once", async () => {
    const ext = await activate({ secrets: twoKeys() })
    const orgs = await ext.rows()
    const zurich = orgs.find((r) => r.node._tag === "Organization" && r.node.org.org_id !== PERSONAL && r.node.org.name.includes("Zürich"))
    if (zurich === undefined) throw new Error(`no Zürich org among ${orgs.map((r) => r.item.label)}`)
    const projects = await ext.projectRows(zurich.node)
    const bound = projects.find((p) => p.node._tag === "Project" && p.node.project.project_id === "proj_44a1c9e7b32b8d0f")!
    const [memories] = await ext.rows(bound.node)
    expect(memories!.item.description).toBe("read with key \"bo\"")
    const groups = await ext.rows(memories!.node)
    expect(groups.map((g) => g.item.label).slice(0, 4)).toEqual(expect.arrayContaining([expect.stringMatching(/^Users/)]))
    // every memory request of that project went with bo's key
    const sent = server.requests().filter((r) => r.path.startsWith("/v1/entities/"))
    expect(sent.length).toBeGreaterThan(0)
    for (const r of sent) expect(r.user).toBe("bo")
    expect(server.requests().filter((r) => r.path === "/v1/ping/" && r.user === "bo")).toHaveLength(1)
  })
})

describe("browsing", () => {
  it("Memories expands to the entity groups with counts, All memories and Activity; an entity to its memories", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const groups = await ext.rows(memories.node)
    expect(groups.map((g) => g.item.label)).toEqual(["Users (6)", "Agents (2)", "Apps (2)", "Runs (1)", expect.stringMatching(/^All memories/), "Activity"])
    const users = await ext.rows(groups[0]!.node)
    expect(users.map((u) => u.item.label)).toEqual(["alice", "bob", "张伟", "fatima", "mallory", "kiosk-42"])
    const alice = await ext.rows(users[0]!.node)
    expect(alice.map((m) => m.item.label)).toContain("Prefers window seats on long flights")
    // the superseded one is not hidden but marked, in words and icon
    const superseded = find(alice, "Prefers aisle seats on flights")
    expect(superseded.item.description).toContain("superseded")
    expect(superseded.item.accessibilityLabel).toContain("superseded")
    expect(superseded.item.icon?.id).toBe("history")
    // the list was asked with alice's filter, 100 a page
    const list = server.requests().filter((r) => r.path === "/v3/memories/")
    expect(list.at(-1)?.query).toContain("page_size=100")
  })

  it("auto-refresh reloads the organizations but not the memory lists shown (browsing counts against Mem0's quota); Refresh does", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const all = await open(ext, memories.node, /^All memories/)
    await ext.rows(all.node)
    const browsing = () => memoryRequests().length
    const before = browsing()
    const organizations = server.requests().filter((r) => r.path === "/api/v1/orgs/organizations/").length
    await ext.withTree((tree) => tree.refreshKeepingBrowsing)
    await eventually(() => expect(server.requests().filter((r) => r.path === "/api/v1/orgs/organizations/").length).toBe(organizations + 1))
    expect((await ext.rows(all.node)).length).toBeGreaterThan(10)
    expect(browsing()).toBe(before)
    await ext.command(COMMANDS.refresh)
    await eventually(async () => {
      await ext.rows(all.node)
      expect(browsing()).toBeGreaterThan(before)
    })
  })

  it("a list of 1,000 pages 100 at a time: Load more appends the next page and says how many are left", async () => {
    server.store.reset(generate(1, 1, 1, 250))
    const ext = await activate({ secrets: { "mem0.apiKey": GENERATED_KEY } })
    const memories = await memoriesRow(ext, "org_gen_00001", /./)
    const all = await open(ext, memories.node, /^All memories/)
    let rows = await ext.rows(all.node)
    expect(rows).toHaveLength(101)
    expect(rows[100]!.item).toMatchObject({ label: "Load more…", description: "2400 more" })
    const before = server.requests().filter((r) => r.path === "/v3/memories/").length
    await ext.command(COMMANDS.loadMore, rows[100]!.node)
    rows = await ext.rows(all.node)
    expect(rows).toHaveLength(201)
    expect(rows[200]!.item.description).toBe("2300 more")
    // only the new page was asked for
    expect(server.requests().filter((r) => r.path === "/v3/memories/").length - before).toBe(1)
    expect(new Set(rows.slice(0, 200).map((r) => r.item.id)).size).toBe(200)
  })

  it("hostile memory text shows literally: one line, no bidi or controls, no icon syntax taken as an icon; a 5 MB memory is cut", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const users = await ext.rows((await open(ext, memories.node, /^Users/)).node)
    const mallory = await ext.rows(find(users, "mallory").node)
    const row = mallory[0]!
    expect(row.item.label).toContain("<img src=x onerror=alert(1)>")
    expect(row.item.label).toContain("[click](command:workbench.action.quit)")
    expect(row.item.label).not.toMatch(/[\u202a-\u202e\u2066-\u2069\n\r]/)
    expect(row.item.tooltip).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
    const { excerpt } = await import("../../src/platform/Display.js")
    const huge = `${"\u202e".repeat(10)}${"x".repeat(5_000_000)}`
    const shown = excerpt(huge, 120)
    expect(shown.length).toBeLessThanOrEqual(120)
    expect(shown.endsWith("…")).toBe(true)
    expect(shown).not.toContain("\u202e")
  })

  it("Activity lists the events: a failed one stands out and opens with its error, a pending add says it is still processing", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const events = await ext.rows((await open(ext, memories.node, "Activity")).node)
    const failed = events.find((e) => e.item.label === "ADD · FAILED")!
    expect(failed.item.icon).toEqual({ id: "error", color: "errorForeground" })
    expect(failed.item.tooltip).toContain("LLM provider timed out")
    const pending = events.find((e) => e.item.label === "ADD · PENDING")!
    expect(pending.item.description).toContain("Mem0 is still processing this memory")
    await ext.command(COMMANDS.openEvent, failed.node)
    const opened = ext.fake.record.opened.at(-1)!
    expect(opened.uri).toContain("/events/")
    expect(JSON.parse(opened.content).error).toBe("LLM provider timed out while extracting memories")
    expect(opened.readonly).toBe(true)
  })

  it("Filter on Activity: by status and type, asked of Mem0 (the filter in the description); Clear Filter brings every event back", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const activity = await open(ext, memories.node, "Activity")
    const every = await ext.rows(activity.node)
    expect(new Set(every.map((e) => e.item.label)).size).toBeGreaterThan(1)
    expect(activity.item.contextValue).toBe("mem0.activity")
    // status FAILED, any type
    const pick = (label: string) => (entries: ReadonlyArray<{ readonly label: string }>) => entries.findIndex((e) => e.label === label)
    ext.fake.script.quickPick.push(pick("FAILED"), pick("Any type"))
    server.clearRequests()
    await ext.command(COMMANDS.filterMemories, activity.node)
    const failed = await ext.rows(activity.node)
    expect(failed.map((e) => e.item.label)).toEqual(["ADD · FAILED"])
    expect(server.requests().filter((r) => r.path === "/v1/events/").map((r) => new URLSearchParams(r.query).get("status"))).toEqual(["FAILED"])
    const item = ext.fake.tree().getTreeItem(activity.node)
    expect(item.description).toBe("filtered: FAILED")
    expect(item.contextValue).toBe("mem0.activity.filtered")
    // a type that has no failed event: said, not an empty list
    ext.fake.script.quickPick.push(pick("FAILED"), pick("SEARCH"))
    await ext.command(COMMANDS.filterMemories, activity.node)
    expect((await ext.rows(activity.node)).map((e) => e.item.label)).toEqual(["No events match the filter"])
    expect(ext.fake.tree().getTreeItem(activity.node).description).toBe("filtered: FAILED, SEARCH")
    await ext.command(COMMANDS.clearFilter, activity.node)
    expect((await ext.rows(activity.node)).map((e) => e.item.label)).toEqual(every.map((e) => e.item.label))
    expect(ext.fake.tree().getTreeItem(activity.node).description).toBeUndefined()
  })
})

describe("failures and keys", () => {
  it("a page that fails shows its error under the list, after the rows before it; Retry loads that page again", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const kiosk = find(await ext.rows((await open(ext, memories.node, /^Users/)).node), "kiosk-42")
    const first = await ext.rows(kiosk.node)
    expect(first).toHaveLength(101)
    server.faults.add({ path: "/v3/memories/", method: "POST", faults: [{ kind: "status", status: 500 }] })
    await ext.command(COMMANDS.loadMore, first[100]!.node)
    const failed = await ext.rows(kiosk.node)
    expect(failed).toHaveLength(101)
    const error = failed[100]!
    expect(error.item).toMatchObject({ label: "Mem0 server error (500)", description: "Retry" })
    await ext.command(COMMANDS.retry, error.node)
    const again = await ext.rows(kiosk.node)
    expect(again).toHaveLength(201)
    expect(again[200]!.item.label).toBe("Load more…")
    // page 1 was not asked again
    expect(server.requests().filter((r) => r.path === "/v3/memories/").map((r) => /page=(\d+)/.exec(r.query ?? "")?.[1])).toEqual(["1", "2", "2"])
  })

  it("a stored key added for another server is never asked who it is, nor used for memories", async () => {
    const elsewhere = await startLocalServer({ port: 0 })
    try {
      const ext = await activate({
        secrets: {
          ...twoKeys(),
          [keySecret("bo")]: JSON.stringify({ key: BO_KEY, baseUrl: elsewhere.url, id: "k-bo" })
        }
      })
      const orgs = await ext.rows()
      const lab = orgs.find((r) => r.node._tag === "Organization" && r.node.org.name.includes("Zürich"))!
      const notebook = (await ext.projectRows(lab.node))[0]!
      const [memories] = await ext.rows(notebook.node)
      expect(memories!.item.label).toBe("Add a key for this project…")
      expect(elsewhere.requests()).toEqual([])
      expect(server.requests().filter((r) => r.user === "bo")).toEqual([])
    } finally {
      await elsewhere.close()
    }
  })
})

describe("what a person does with memories", () => {
  it("Open shows the memory with its history read-only; Copy Memory Id and Copy user_id copy the ids", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const users = await ext.rows((await open(ext, memories.node, /^Users/)).node)
    const alice = find(users, "alice")
    const row = find(await ext.rows(alice.node), "Prefers aisle seats on flights")
    await ext.command(COMMANDS.openMemory, row.node)
    const doc = JSON.parse(ext.fake.record.opened.at(-1)!.content) as { memory: { id: string; user_id: string }; history: Array<{ event: string; old_memory: string | null; input: Array<unknown> }> }
    expect(doc.memory.user_id).toBe("alice")
    expect(doc.history.map((h) => h.event)).toEqual(["ADD", "UPDATE"])
    expect(doc.history[1]!.old_memory).toBe("Prefers aisle seats on flights")
    expect(doc.history[1]!.input.length).toBeGreaterThan(0)
    await ext.command(COMMANDS.copyMemoryId, row.node)
    await ext.command(COMMANDS.copyEntityId, alice.node)
    expect(ext.fake.record.clipboard.slice(-2)).toEqual([doc.memory.id, "alice"])
    await ext.command(COMMANDS.copySelection, alice.node)
    expect(ext.fake.record.clipboard.at(-1)).toBe("alice")
  })

  it("Search shows its results with scores under the row, until Clear Search", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    ext.fake.script.inputBox.push("window seats", "5", "0.3")
    await ext.command(COMMANDS.searchMemories, memories.node)
    const rows = await ext.rows(memories.node)
    const search = rows[0]!
    expect(search.item.label).toBe("Search: \"window seats\"")
    const results = await ext.rows(search.node)
    expect(results[0]!.item.label).toBe("Prefers window seats on long flights")
    expect(results[0]!.item.description).toMatch(/score 0\.\d\d/)
    expect(results.length).toBeLessThanOrEqual(5)
    expect(search.item.description).toBe("top 5, score ≥ 0.3")
    await ext.command(COMMANDS.clearSearch, search.node)
    expect((await ext.rows(memories.node)).map((r) => r.node._tag)).not.toContain("Search")
  })

  it("Filter on a search's results: categories, dates and expired go to Mem0's search (never text); Clear Filter undoes it", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    ext.fake.script.inputBox.push("kyoto", "50", "0.1")
    await ext.command(COMMANDS.searchMemories, memories.node)
    const search = (await ext.rows(memories.node))[0]!
    const every = await ext.rows(search.node)
    expect(every.length).toBeGreaterThan(2)
    expect(every.some((r) => !String(r.item.description).includes("travel"))).toBe(true)
    // categories: travel; created from / until: any; (no text asked); expired: hidden
    ext.fake.script.multiPick.push((entries) => [entries.findIndex((e) => e.value === "travel")])
    ext.fake.script.inputBox.push("", "")
    ext.fake.script.quickPick.push(() => 0)
    const boxes = ext.fake.record.inputBoxes.length
    await ext.command(COMMANDS.filterMemories, search.node)
    expect(ext.fake.record.inputBoxes.slice(boxes).map((b) => b.title)).toEqual(["Filter: created from", "Filter: created until"])
    const travel = await ext.rows(search.node)
    expect(travel.length).toBeGreaterThan(0)
    expect(travel.length).toBeLessThan(every.length)
    for (const row of travel) expect(String(row.item.description)).toContain("travel")
    const item = ext.fake.tree().getTreeItem(search.node)
    expect(item.description).toBe("top 50, score ≥ 0.1 · filtered: in travel")
    expect(item.contextValue).toBe("mem0.search.filtered")
    // created until a day before any memory: the date goes into the search's filter
    ext.fake.script.multiPick.push(() => [])
    ext.fake.script.inputBox.push("", "2001-01-01")
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.filterMemories, search.node)
    expect((await ext.rows(search.node)).map((r) => r.item.label)).toEqual(["No memories found"])
    await ext.command(COMMANDS.clearFilter, search.node)
    expect((await ext.rows(search.node)).map((r) => r.item.label)).toEqual(every.map((r) => r.item.label))
    expect(ext.fake.tree().getTreeItem(search.node).description).toBe("top 50, score ≥ 0.1")
  })

  it("Filter narrows a list (shown in its description), Clear Filter brings it back", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const all = await open(ext, memories.node, /^All memories/)
    const before = await ext.rows(all.node)
    // categories: travel; created from / until: any; text: "kyoto"; expired: hidden
    ext.fake.script.multiPick.push((entries) => [entries.findIndex((e) => e.value === "travel")])
    ext.fake.script.inputBox.push("", "", "kyoto")
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.filterMemories, all.node)
    const filtered = await ext.rows(all.node)
    expect(filtered.map((r) => r.item.label)).toEqual([
      "Knows that Kyoto hotels fill up in cherry blossom season 🌸",
      "Planning a trip to Kyoto in April"
    ])
    expect(ext.fake.tree().getTreeItem(all.node).description).toContain("filtered: in travel, containing \"kyoto\"")
    await ext.command(COMMANDS.clearFilter, all.node)
    expect((await ext.rows(all.node)).length).toBe(before.length)
    expect(ext.fake.tree().getTreeItem(all.node).description ?? "").not.toContain("filtered")
  })

  it("Export writes JSONL that reads back through the core's schema; Cancel leaves no file behind", async () => {
    server.store.reset(generate(1, 1, 1, 50))
    const ext = await activate({ secrets: { "mem0.apiKey": GENERATED_KEY } })
    const memories = await memoriesRow(ext, "org_gen_00001", /./)
    await eventually(() => expect(ext.fake.tree().getTreeItem(memories.node).label).toBe("Memories (500)"))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mem0-export-"))
    const target = path.join(dir, "all.jsonl")
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "jsonl"))
    ext.fake.script.saveDialog.push(target)
    await ext.command(COMMANDS.exportMemories, memories.node)
    const lines = fs.readFileSync(target, "utf8").trimEnd().split("\n")
    expect(lines).toHaveLength(500)
    const decoded = lines.map((line) => Schema.decodeUnknownSync(MemoryFromWire)(JSON.parse(line)))
    expect(new Set(decoded.map((m) => m.id)).size).toBe(500)
    expect(ext.fake.record.progressShown.at(-1)!.messages.at(-1)).toBe("500 memories written")
    // cancelled after the first page: nothing is written, not even a partial file
    const cancelled = path.join(dir, "cancelled.json")
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "json"))
    ext.fake.script.saveDialog.push(cancelled)
    ext.fake.script.cancelProgress = (messages) => messages.length >= 1
    await ext.command(COMMANDS.exportMemories, memories.node)
    expect(fs.readdirSync(dir)).toEqual(["all.jsonl"])
    // a failure on page 2: no file either
    ext.fake.script.cancelProgress = undefined
    server.faults.add({ path: "/v3/memories/", method: "POST", faults: [{ kind: "pass" }, { kind: "status", status: 500 }] })
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "json"))
    ext.fake.script.saveDialog.push(cancelled)
    await ext.command(COMMANDS.exportMemories, memories.node)
    expect(fs.readdirSync(dir)).toEqual(["all.jsonl"])
    fs.rmSync(dir, { recursive: true })
  })

  it("Delete Memory names the memory in a modal, sends the delete with the row's key, and the list loads again", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const users = await ext.rows((await open(ext, memories.node, /^Users/)).node)
    const bob = find(users, "bob")
    const row = find(await ext.rows(bob.node), "Vegetarian since 2019")
    // Cancel sends nothing
    await ext.command(COMMANDS.deleteMemory, row.node)
    expect(server.requests().filter((r) => r.method === "DELETE")).toHaveLength(0)
    ext.fake.script.choose.push("Delete")
    await ext.command(COMMANDS.deleteMemory, row.node)
    const choice = ext.fake.record.choices.at(-1)!
    expect(choice.message).toBe("Delete the memory \"Vegetarian since 2019\"?")
    const id = row.node._tag === "Memory" ? row.node.memory.id : ""
    expect(choice.detail).toContain(id)
    const deleted = server.requests().filter((r) => r.method === "DELETE")
    expect(deleted.map((r) => [r.path, r.user])).toEqual([[`/v1/memories/${id}/`, "ana"]])
    expect(deleted[0]!.query ?? "").not.toContain("delete_linked=true")
    // the second choice deletes the memories it superseded too
    const alice = find(await ext.rows((await open(ext, memories.node, /^Users/)).node), "alice")
    const window = find(await ext.rows(alice.node), "Prefers window seats on long flights")
    ext.fake.script.choose.push("Delete with Linked Memories")
    await ext.command(COMMANDS.deleteMemory, window.node)
    expect(server.requests().filter((r) => r.method === "DELETE").at(-1)?.query).toBe("delete_linked=true")
    const alicesLeft = (await ext.rows((await open(ext, (await open(ext, memories.node, /^Users/)).node, "alice")).node)).map((r) => r.item.label)
    expect(alicesLeft).not.toContain("Prefers aisle seats on flights")
    const left = await ext.rows((await open(ext, (await open(ext, memories.node, /^Users/)).node, "bob")).node)
    expect(left.map((r) => r.item.label)).not.toContain("Vegetarian since 2019")
  })

  it("Delete Entity asks for the id typed, shows deleting… until Mem0's event ends, then the entity is gone", async () => {
    const ext = await activate()
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const group = await open(ext, memories.node, /^Agents/)
    const bot = find(await ext.rows(group.node), "support-bot")
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("support-bot")
    // Mem0's event is read only when the test lets it: "deleting…" is seen however slow this machine is
    const eventReads = server.faults.hold({ path: "/v1/event/*" })
    const done = ext.command(COMMANDS.deleteEntity, bot.node)
    await waitFor(() => eventReads.caught() > 0)
    expect(ext.fake.tree().getTreeItem(bot.node).description).toContain("deleting…")
    eventReads.release()
    await done
    expect(server.requests().filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual(["/v2/entities/agent/support-bot/"])
    const agents = await ext.rows((await open(ext, memories.node, /^Agents/)).node)
    expect(agents.map((r) => r.item.label)).toEqual(["travel-agent"])
  }, 10_000)

  it("mem0.readOnly refuses every change and sends nothing", async () => {
    const ext = await activate({ settings: { readOnly: true } })
    expect(ext.fake.record.contexts.get("mem0.readOnly")).toBe(true)
    const memories = await memoriesRow(ext, PERSONAL, "Support bot memories")
    const users = await ext.rows((await open(ext, memories.node, /^Users/)).node)
    const bob = find(users, "bob")
    const row = (await ext.rows(bob.node))[0]!
    ext.fake.script.choose.push("Delete")
    await ext.command(COMMANDS.deleteMemory, row.node)
    ext.fake.script.confirm.push(true)
    ext.fake.script.inputBox.push("bob")
    await ext.command(COMMANDS.deleteEntity, bob.node)
    await ext.command(COMMANDS.deleteProject, (await ext.projectRows(await ext.orgRow(PERSONAL)))[1]!.node)
    expect(server.requests().filter((r) => r.method !== "GET" && r.method !== "POST")).toHaveLength(0)
    expect(ext.fake.record.choices).toHaveLength(0)
    expect(ext.fake.record.messages.filter((m) => m.message.includes("read-only"))).toHaveLength(3)
  })
})
