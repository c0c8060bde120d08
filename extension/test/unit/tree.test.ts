import { describe, expect, it } from "@effect/vitest"
import { DEMO_KEY, generate, GENERATED_KEY, startLocalServer } from "mem0-local-server"
import { DEFAULT_KEY_NAME, keySecret, SECRET_KEY } from "../../src/model/ApiKey.js"
import { storedKey } from "./harness.js"
import { COMMANDS, CONTEXT_VALUES } from "../../src/platform/Ids.js"
import type { FakeVsCode } from "./fakeVsCode.js"
import { activate, eventually, type Activated, deactivate, server, useLocalServer } from "./harness.js"
import { waitFor } from "@mem0-organizations/workbench/waitFor"

const LAB = "org_2b8d0f44a1c9e7b3"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const ORGS = "/api/v1/orgs/organizations/"

useLocalServer()

const requests = (path = ORGS) => server.requests().filter((r) => r.path.startsWith(path))

describe("activation", () => {
  it("registers the view and makes no network call until the view asks for rows", async () => {
    const ext = await activate()
    expect(ext.fake.tree()).toBeDefined()
    expect(ext.fake.record.contexts.get("mem0.hasApiKey")).toBe(true)
    expect(server.requests()).toHaveLength(0)
    expect(ext.fake.record.status).toMatchObject({ text: "Mem0" }) // shown, with no request of its own
    await ext.rows()
    await ext.keyProject()
    // the organizations, then (for the key's project) the ping and the projects of the key's organization
    expect(server.requests().map((r) => r.path).sort()).toEqual(
      [ORGS, "/v1/ping/", `${ORGS}org_7f3a9c1e5d2b4a60/projects/`].sort()
    )
  })

  it("deactivation disposes every command and the view", async () => {
    const ext = await activate()
    const registered = [...ext.fake.record.commands.keys()]
    await deactivate()
    expect(ext.fake.record.commands.size).toBe(0)
    expect(ext.fake.record.disposedCommands.sort()).toEqual(registered.sort())
    expect(() => ext.fake.tree()).toThrow()
  })
})

describe("tree nodes", () => {
  it("shows organizations of the current shape with role, default, tooltip and stable ids", async () => {
    const ext = await activate()
    const rows = await ext.rows()
    expect(rows.map((r) => r.item.label)).toEqual([
      "Personal",
      "Zürich Lab 研究所",
      "Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days)",
      "Empty sandbox 🧪"
    ])
    const [personal, lab] = rows.map((r) => r.item)
    expect(personal).toMatchObject({
      id: `org/${PERSONAL}`,
      description: "owner · default",
      collapsible: "collapsed",
      contextValue: CONTEXT_VALUES.organizationOwner,
      icon: { id: "home" }
    })
    expect(lab).toMatchObject({ id: `org/${LAB}`, description: "reader", icon: { id: "organization" } })
    expect(lab?.tooltip).toContain(`org_id: ${LAB}`)
    expect(lab?.tooltip).toContain("Created: 2025-02-02")
    expect(lab?.tooltip).toContain("Plan: pro")
    expect(lab?.tooltip).toContain("Members: 3")
    await ext.keyProject()
    expect(ext.fake.record.progress).toBe(0)
  })

  it("expands an organization into its members: label email, description role, icon by role", async () => {
    const ext = await activate()
    const members = await ext.memberRows(await ext.orgRow(LAB))
    expect(members.map((m) => [m.item.id, m.item.label, m.item.description, m.item.icon?.id, m.item.contextValue])).toEqual([
      [`org/${LAB}/members/member/bo`, "bo@zurich.example", "owner", "shield", CONTEXT_VALUES.member],
      [`org/${LAB}/members/member/ana`, "ana@example.com", "reader", "eye", CONTEXT_VALUES.member],
      [`org/${LAB}/members/member/dee`, "dee@zurich.example", "reader", "eye", CONTEXT_VALUES.member]
    ])
    const empty = await ext.memberRows(await ext.orgRow("org_0e9d8c7b6a5f4e3d"))
    expect(empty.map((r) => [r.node._tag, r.item.label])).toEqual([["Message", "No members"]])
  })

  it("shows organizations and members of the seed shape", async () => {
    server.setShape("seed")
    const ext = await activate()
    const rows = await ext.rows()
    expect(rows).toHaveLength(4)
    expect(rows[1]?.item).toMatchObject({ label: "Zürich Lab 研究所", id: `org/${LAB}` })
    expect(rows[1]?.item.description).toBeUndefined()
    expect(rows[1]?.item.tooltip).toContain("Plan: paid")
    expect(rows[1]?.item.tooltip).toContain("Members: 3")
    const members = await ext.memberRows(rows[1]!.node)
    expect(members.map((m) => [m.item.label, m.item.description])).toEqual([
      ["bo", "owner"],
      ["ana", "reader"],
      ["dee", "reader"]
    ])
  })

  it("loads members once per refresh", async () => {
    const ext = await activate()
    const lab = await ext.orgRow(LAB)
    await ext.memberRows(lab)
    await ext.memberRows(lab)
    expect(requests(`${ORGS}${LAB}/members/`)).toHaveLength(1)
    await ext.command(COMMANDS.refresh)
    await ext.memberRows(await ext.orgRow(LAB))
    expect(requests(`${ORGS}${LAB}/members/`)).toHaveLength(2)
    expect(requests(ORGS).filter((r) => r.path === ORGS)).toHaveLength(2)
  })

  it("expanding organizations reads no secret: one client per key and settings, not one per load (was 47 reads for 10)", async () => {
    server.store.reset(generate(10, 3))
    const ext = await activate({ secrets: { [SECRET_KEY]: GENERATED_KEY } })
    const before = ext.fake.record.secretReads // activation moves a key of an earlier version, reading it
    const orgs = await ext.rows()
    expect(orgs).toHaveLength(10)
    await ext.keyProject()
    const [first, ...others] = orgs
    expect(await ext.memberRows(first!.node)).toHaveLength(3)
    await ext.projectRows(first!.node)
    const afterOne = ext.fake.record.secretReads
    for (const org of others) {
      expect(await ext.memberRows(org.node)).toHaveLength(3)
      await ext.projectRows(org.node)
    }
    expect(requests().length).toBeGreaterThanOrEqual(21)
    console.log(`SecretStorage reads for the organizations and 10 expanded: ${ext.fake.record.secretReads - before}`)
    // the 9 other organizations' 18 loads read nothing; the first load read the index and the entry once
    expect(ext.fake.record.secretReads).toBe(afterOne)
    expect(afterOne - before).toBeLessThanOrEqual(5)
    // a key stored meanwhile is read again, once
    ext.fake.script.inputBox.push(GENERATED_KEY)
    await ext.command(COMMANDS.setApiKey)
    await waitFor(() => ext.fake.record.treeChanges.length > 0)
    await ext.rows()
    expect(ext.fake.record.secretReads).toBeGreaterThan(afterOne)
  })

  it("says so when the key has no organizations", async () => {
    server.store.reset(generate(0, 1))
    const ext = await activate({ secrets: { [SECRET_KEY]: GENERATED_KEY } })
    const rows = await ext.rows()
    expect(rows.map((r) => [r.node._tag, r.item.label])).toEqual([["Message", "No organizations for this API key."]])
  })

  it("shows nothing but the welcome view without a key", async () => {
    const ext = await activate({ secrets: {} })
    expect(await ext.rows()).toEqual([])
    expect(ext.fake.record.contexts.get("mem0.hasApiKey")).toBe(false)
    expect(server.requests()).toHaveLength(0)
  })

  it("falls back to MEM0_API_KEY from the environment", async () => {
    const ext = await activate({ secrets: {}, env: { MEM0_API_KEY: DEMO_KEY } })
    expect(await ext.rows()).toHaveLength(4)
    expect(ext.fake.record.contexts.get("mem0.hasApiKey")).toBe(true)
  })
})

describe("errors become rows", () => {
  const rootError = async (ext: Activated) => {
    const rows = await ext.rows()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.node._tag).toBe("Error")
    expect(rows[0]?.item.icon).toEqual({ id: "warning", color: "list.warningForeground" })
    return rows[0]!
  }

  it("a rejected key (401) offers Set API Key", async () => {
    const ext = await activate({ secrets: { [SECRET_KEY]: "m0-revoked-key" } })
    const row = await rootError(ext)
    expect(row.item).toMatchObject({
      label: "Mem0 rejected the API key (401)",
      contextValue: CONTEXT_VALUES.errorSetKey,
      command: { command: COMMANDS.setApiKey },
      // the warning icon, in words, for a screen reader
      accessibilityLabel: "Error: Mem0 rejected the API key (401). Set API Key"
    })
  })

  it("a forbidden key (403) offers Set API Key", async () => {
    server.faults.add({ faults: [{ kind: "status", status: 403 }] })
    const row = await rootError(await activate())
    expect(row.item.contextValue).toBe(CONTEXT_VALUES.errorSetKey)
  })

  it("rate limiting shows the wait the server asked for, and Retry", async () => {
    server.faults.add({ faults: [{ kind: "rate-limit", retryAfterSeconds: 120 }] })
    const row = await rootError(await activate({ settings: { maxRetries: 2 } }))
    expect(row.item.label).toBe("Rate limited by Mem0: retry in 2m")
    expect(row.item).toMatchObject({ contextValue: CONTEXT_VALUES.errorRetry, command: { command: COMMANDS.retry } })
  })

  it("a network failure shows the message and Retry", async () => {
    const gone = await startLocalServer({ port: 0 })
    await gone.close()
    const row = await rootError(await activate({ settings: { apiBaseUrl: gone.url } }))
    expect(row.item.label).toBe("Cannot reach Mem0")
    expect(row.item.tooltip).toContain("Could not reach Mem0")
    expect(row.item.contextValue).toBe(CONTEXT_VALUES.errorRetry)
  })

  it("a timeout shows the message and Retry", async () => {
    server.faults.add({ faults: [{ kind: "hang" }] })
    const row = await rootError(await activate({ settings: { requestTimeoutSeconds: 1 } }))
    expect(row.item.label).toBe("Mem0 did not answer in time")
    expect(row.item.contextValue).toBe(CONTEXT_VALUES.errorRetry)
  })

  it("a 5xx shows the status and Retry, and Retry loads again", async () => {
    server.faults.add({ faults: [{ kind: "status", status: 503 }] })
    const ext = await activate()
    const row = await rootError(ext)
    expect(row.item.label).toBe("Mem0 server error (503)")
    await ext.command(COMMANDS.retry, row.node)
    expect(ext.fake.record.treeChanges.at(-1)).toBeUndefined()
    expect(await ext.rows()).toHaveLength(4)
  })

  it("a refused base URL setting shows the reason and Open Settings", async () => {
    const ext = await activate({ settings: { apiBaseUrl: "http://mem0.example.com" } })
    const row = await rootError(ext)
    expect(row.item.label).toBe("Invalid Mem0 settings")
    expect(row.item.tooltip).toContain("https://")
    expect(row.item.contextValue).toBe(CONTEXT_VALUES.errorSettings)
    expect(server.requests()).toHaveLength(0)
  })

  it("a failing member load shows the error under that organization only", async () => {
    const ext = await activate()
    server.faults.add({ path: `${ORGS}${LAB}/members/`, faults: [{ kind: "status", status: 500 }] })
    const lab = await ext.orgRow(LAB)
    const rows = await ext.memberRows(lab)
    expect(rows.map((r) => [r.item.id, r.item.label])).toEqual([[`org/${LAB}/members/error`, "Mem0 server error (500)"]])
    expect(await ext.memberRows(await ext.orgRow(PERSONAL))).toHaveLength(1)
    expect((await ext.rows()).every((r) => r.node._tag === "Organization")).toBe(true)
    // Retry on that row reloads only that organization's members
    await ext.command(COMMANDS.retry, rows[0]!.node)
    // the row redrawn is the Members group the error was under
    expect(ext.fake.record.treeChanges.at(-1)).toMatchObject({ _tag: "Group", group: "members", org: lab.org })
    expect((await ext.memberRows(lab)).map((r) => r.item.label)).toContain("bo@zurich.example")
  })

  it("logs one line per request and each failure with its tag, never the key", async () => {
    const ext = await activate({ settings: { maxRetries: 1 } })
    server.faults.add({ faults: [{ kind: "status", status: 503 }], times: 2 })
    await ext.rows()
    const lines = ext.fake.record.logs
    expect(lines.filter((l) => /^info GET \/api\/v1\/orgs\/organizations\/ 503 Mem0ServerError \d+ms attempt [12]$/.test(l)))
      .toHaveLength(2)
    expect(lines.some((l) => l.startsWith("warn listOrganizations failed: Mem0ServerError"))).toBe(true)
    for (const line of lines) expect(line).not.toContain(DEMO_KEY)
  })
})

describe("commands", () => {
  it("Copy org_id from a node copies that org_id and confirms", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.copyOrgId, await ext.orgRow(LAB))
    expect(ext.fake.record.clipboard).toEqual([LAB])
    expect(ext.fake.record.flashes).toEqual([`Copied org_id: ${LAB}`])
  })

  it("Copy org_id from the palette offers a quick pick of organizations and copies the pick", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.description === LAB))
    await ext.command(COMMANDS.copyOrgId)
    expect(ext.fake.record.clipboard).toEqual([LAB])
    const pick = ext.fake.record.quickPicks[0]!
    expect(pick.title).toBe("Mem0: Copy org_id")
    expect(pick.entries).not.toBe("failed")
    const entries = pick.entries as ReadonlyArray<{ label: string; description?: string; detail?: string }>
    expect(entries.map((e) => [e.label, e.description, e.detail])).toEqual([
      ["Personal", PERSONAL, "owner · default"],
      ["Zürich Lab 研究所", LAB, "reader"],
      ["Acme Customer Support Memory Platform — Production (EU West, multi-tenant, retention 400 days)", "org_c4e1a9f07b3d5e28", "owner"],
      ["Empty sandbox 🧪", "org_0e9d8c7b6a5f4e3d", "owner"]
    ])
  })

  it("the quick pick reuses the tree's load instead of asking again", async () => {
    const ext = await activate()
    await ext.rows()
    ext.fake.script.quickPick.push(() => 0)
    await ext.command(COMMANDS.copyOrgId)
    expect(requests().filter((r) => r.path === ORGS)).toHaveLength(1)
    expect(ext.fake.record.clipboard).toEqual([PERSONAL])
  })

  it("Copy org_id with no key offers to set one", async () => {
    const ext = await activate({ secrets: {} })
    ext.fake.script.messageAction.push("Set API Key")
    ext.fake.script.inputBox.push(DEMO_KEY)
    await ext.command(COMMANDS.copyOrgId)
    expect(ext.fake.record.messages[0]).toMatchObject({ level: "warning", actions: ["Set API Key"] })
    expect(storedKey(ext.fake.secrets, DEFAULT_KEY_NAME)).toBe(DEMO_KEY)
    expect(ext.fake.record.clipboard).toEqual([])
  })

  it("Copy org_id says why when the load fails, with the typed error's message", async () => {
    const ext = await activate({ secrets: { [SECRET_KEY]: "m0-revoked-key" } })
    await ext.command(COMMANDS.copyOrgId)
    expect(ext.fake.record.quickPicks[0]?.entries).toBe("failed")
    expect(ext.fake.record.messages[0]?.level).toBe("error")
    expect(ext.fake.record.messages[0]?.message).toContain("Mem0 rejected the API key (401)")
    expect(ext.fake.record.messages[0]?.actions).toEqual(["Set API Key"])
  })

  it("Copy org_id refuses an argument that is not an organization", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.copyOrgId, { _tag: "Member" })
    expect(ext.fake.record.clipboard).toEqual([])
    expect(ext.fake.record.messages[0]?.level).toBe("error")
  })

  it("Copy Member Email and Ctrl+C on the selection copy what the row shows", async () => {
    const ext = await activate()
    const lab = await ext.orgRow(LAB)
    const [bo] = await ext.memberRows(lab)
    await ext.command(COMMANDS.copyMemberEmail, bo!.node)
    ext.fake.setSelection([lab])
    await ext.command(COMMANDS.copySelection)
    ext.fake.setSelection([])
    await ext.command(COMMANDS.copySelection)
    expect(ext.fake.record.clipboard).toEqual(["bo@zurich.example", LAB])
  })

  it("Set API Key trims, refuses empty input, stores in secret storage and reloads", async () => {
    const ext = await activate({ secrets: {} })
    expect(await ext.rows()).toEqual([])
    ext.fake.script.inputBox.push("   ")
    await ext.command(COMMANDS.setApiKey)
    expect(ext.fake.record.inputBoxes[0]?.password).toBe(true)
    const validate = ext.fake.record.inputBoxes[0]?.validate
    expect(validate?.("   ")).toBe("The API key is empty.")
    // the core's rule: a key that could split or end a header is refused as it is typed
    expect(validate?.("m0-a\u0000b")).toBe("The API key contains a control character.")
    expect(validate?.("m0 abc")).toBe("The API key contains a space.")
    expect(validate?.(` ${DEMO_KEY} `)).toBeUndefined()
    expect(ext.fake.secrets.size).toBe(0)
    const changesBefore = ext.fake.record.treeChanges.length
    ext.fake.script.inputBox.push(`  ${DEMO_KEY}\n`)
    await ext.command(COMMANDS.setApiKey)
    expect(storedKey(ext.fake.secrets, DEFAULT_KEY_NAME)).toBe(DEMO_KEY)
    await waitFor(() => ext.fake.record.contexts.get("mem0.hasApiKey") === true)
    await waitFor(() => ext.fake.record.treeChanges.length > changesBefore)
    expect(await ext.rows()).toHaveLength(4)
  })

  it("Clear API Key removes it and reloads into the welcome view", async () => {
    const ext = await activate()
    expect(await ext.rows()).toHaveLength(4)
    await ext.command(COMMANDS.clearApiKey)
    expect(ext.fake.secrets.has(keySecret(DEFAULT_KEY_NAME))).toBe(false)
    expect(ext.fake.secrets.has(SECRET_KEY)).toBe(false)
    await waitFor(() => ext.fake.record.contexts.get("mem0.hasApiKey") === false)
    expect(ext.fake.record.treeChanges.length).toBeGreaterThan(0)
    expect(await ext.rows()).toEqual([])
  })

  it("Show Logs and Open Settings do what they say", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.showLogs)
    await ext.command(COMMANDS.openSettings)
    expect(ext.fake.record.logsShown).toBe(1)
    expect(ext.fake.record.openedSettings).toEqual(["mem0"])
  })
})

describe("reloads and cancellation", () => {
  it("a refresh interrupts the load in flight (its socket closes) and the waiting rows get the new load", async () => {
    const ext = await activate({ settings: { requestTimeoutSeconds: 30 } })
    const abortsBefore = server.clientAborts()
    server.faults.add({ path: ORGS, faults: [{ kind: "hang" }] })
    const pending = ext.rows()
    await waitFor(() => requests().length === 1)
    await ext.command(COMMANDS.refresh)
    const rows = await pending
    expect(rows).toHaveLength(4)
    await waitFor(() => server.clientAborts() === abortsBefore + 1)
    expect(requests().map((r) => r.status)).toEqual(["hang", 200])
  })

  it("a command chosen on a row while Refresh reloads gets that row: the tree loads first, then redraws", async () => {
    const ext = await activate()
    const personal = (await ext.rows()).find((r) => r.item.label === "Personal")!.node
    // the ping's answer marks (redraws) the key's organization: let it come before the rows below are shown
    await ext.keyProject()
    const group = (await ext.rows(personal)).find((r) => r.item.label.startsWith("Projects"))!.node
    const support = (await ext.rows(group)).find((r) => r.item.label === "Support bot memories")!.node
    // someone renames the project, and the server is slow: the reload takes a while
    const renamed = await fetch(`${server.url}/api/v1/orgs/organizations/org_7f3a9c1e5d2b4a60/projects/proj_9c1e5d2b4a607f3a/`, {
      method: "PATCH",
      headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Support bot memories (renamed)" })
    })
    expect(renamed.status).toBe(200)
    server.faults.add({ path: "/api/v1/orgs/organizations/*", latencyMs: 300, times: 10 })
    server.faults.add({ path: "/api/v1/orgs/organizations/", latencyMs: 300, times: 10 })
    const changesBefore = ext.fake.record.treeChanges.length
    await ext.command(COMMANDS.refresh)
    // the person right-clicks the row on screen meanwhile: VS Code still holds it, so the command gets it
    await ext.command(COMMANDS.copyProjectId, ext.fake.argFor(support))
    expect(ext.fake.record.quickPicks).toEqual([]) // not the palette's pick
    expect(ext.fake.record.clipboard).toEqual(["proj_9c1e5d2b4a607f3a"])
    // once loaded, the row shows the new name: the same object, redrawn alone (VS Code keeps it and its siblings)
    await waitFor(() => ext.fake.record.treeChanges.slice(changesBefore).includes(support), 8000)
    expect(ext.fake.tree().getTreeItem(support).label).toBe("Support bot memories (renamed)")
    expect(ext.fake.record.treeChanges.slice(changesBefore)).not.toContain(undefined)
    expect(ext.fake.argFor(support)).toBe(support)
  }, 15_000)

  it("a refresh that finds nothing new redraws nothing, even after a change VS Code was already shown", async () => {
    const ext = await activate()
    const personal = (await ext.rows()).find((r) => r.item.label === "Personal")!.node
    const group = (await ext.rows(personal)).find((r) => r.item.label.startsWith("Members"))!.node
    await ext.rows(group)
    // a change: the organizations reload (the member count), and VS Code asks for the rows again
    ext.fake.script.inputBox.push("new@example.com")
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "READER"))
    await ext.command(COMMANDS.inviteMember, group)
    await ext.rows()
    await ext.rows(personal)
    await ext.rows(group)
    const changesBefore = ext.fake.record.treeChanges.length
    const asked = server.requests().length
    await ext.command(COMMANDS.refresh)
    await waitFor(() => server.requests().length >= asked + 3) // organizations, ping, members
    await new Promise((resolve) => setTimeout(resolve, 200))
    // nothing changed since VS Code was last handed the rows: no row is redrawn, none loses its object
    expect(ext.fake.record.treeChanges.slice(changesBefore)).toEqual([])
    expect(ext.fake.argFor(personal)).toBe(personal)
  })

  it("a change of the base URL setting reloads the tree; the key is not sent to the new URL, and a key set for it is", async () => {
    const ext = await activate()
    await ext.rows()
    const other = await startLocalServer({ port: 0, fixture: generate(2, 1) })
    try {
      ext.fake.changeSettings({ apiBaseUrl: other.url })
      await waitFor(() => ext.fake.record.treeChanges.length > 0)
      // the key was added for the first server: it never goes to the other one
      const rows = await ext.rows()
      expect(rows[0]?.item.label).toBe(`The key "default" was added for ${server.url}, not for ${other.url}: add a key for this address`)
      expect(rows[0]?.item.contextValue).toBe(CONTEXT_VALUES.errorSetKey)
      expect(other.requests()).toHaveLength(0)
      // Set API Key stores a key for the address set now
      ext.fake.script.inputBox.push(GENERATED_KEY)
      await ext.command(COMMANDS.setApiKey)
      await eventually(async () =>
        expect((await ext.rows()).map((r) => r.item.label)).toEqual(["Generated organization 00001", "Generated organization 00002"])
      )
    } finally {
      await other.close()
    }
  })

  it("a change of key interrupts a member load in flight", async () => {
    const ext = await activate({ settings: { requestTimeoutSeconds: 30 } })
    const lab = await ext.orgRow(LAB)
    const abortsBefore = server.clientAborts()
    server.faults.add({ path: `${ORGS}${LAB}/members/`, faults: [{ kind: "hang" }] })
    const pending = ext.memberRows(lab)
    await waitFor(() => requests(`${ORGS}${LAB}/members/`).length === 1)
    ext.fake.script.inputBox.push("m0-demo-bo-00000000000000000")
    await ext.command(COMMANDS.setApiKey)
    const rows = await pending
    expect(rows.map((r) => r.item.label)).toContain("dee@zurich.example")
    await waitFor(() => server.clientAborts() === abortsBefore + 1)
    expect(requests(`${ORGS}${LAB}/members/`).at(-1)?.user).toBe("bo")
  })
})


export type { FakeVsCode }
