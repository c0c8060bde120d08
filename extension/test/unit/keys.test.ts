/**
 * Several named keys: the single key of earlier versions migrates silently;
 * Add Key, Switch Key (each key's user and project from ping, never the key)
 * and Remove Key; the tree and the status bar follow the key in use. Show Who
 * I Am, and Open in Mem0 Dashboard.
 */
import { describe, expect, it } from "@effect/vitest"
import { DEMO_KEY, startLocalServer } from "mem0-local-server"
import { DEFAULT_KEY_NAME, KEYS_INDEX, KEYS_INDEX_COPY, keyNameProblem, keySecret, SECRET_KEY } from "../../src/model/ApiKey.js"
import { COMMANDS, DASHBOARD_URL } from "../../src/platform/Ids.js"
import { activate, deactivate, server, storedKey, useLocalServer } from "./harness.js"
import { waitFor } from "@mem0-organizations/workbench/waitFor"

useLocalServer()

const BO_KEY = "m0-demo-bo-00000000000000000"

describe("named keys", () => {
  it("the single key of an earlier version becomes the key named default, silently", async () => {
    const ext = await activate({ secrets: { [SECRET_KEY]: DEMO_KEY } })
    expect(ext.fake.secrets.has(SECRET_KEY)).toBe(false)
    expect(storedKey(ext.fake.secrets, DEFAULT_KEY_NAME)).toBe(DEMO_KEY)
    expect(JSON.parse(ext.fake.secrets.get(KEYS_INDEX)!)).toEqual({ names: [DEFAULT_KEY_NAME], active: DEFAULT_KEY_NAME })
    expect(ext.fake.record.messages).toEqual([])
    expect(await ext.rows()).toHaveLength(4)
  })

  it("Add Key: a name (unique, no slash), then the key; the new key is in use and the tree follows", async () => {
    const ext = await activate()
    expect((await ext.rows()).map((r) => r.item.label)).toContain("Personal")
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    const [nameBox, keyBox] = ext.fake.record.inputBoxes
    expect(nameBox?.validate?.("default")).toBe("There is already a key named default.")
    expect(nameBox?.validate?.("a/b")).toBe("A key name cannot contain a slash or a control character.")
    expect(keyBox?.password).toBe(true)
    expect(storedKey(ext.fake.secrets, "work")).toBe(BO_KEY)
    await waitFor(() => ext.fake.record.treeChanges.includes(undefined))
    // bo's organizations now, not ana's
    expect((await ext.rows()).map((r) => r.item.label)).not.toContain("Personal")
    await ext.keyProject()
    await waitFor(() => ext.fake.record.status !== "hidden" && ext.fake.record.status.text.startsWith("Mem0 (work): bo@zurich.example"))
  })

  it("Switch Key lists each key with its user and project from ping, never the key; switching reloads", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === DEFAULT_KEY_NAME))
    await ext.command(COMMANDS.switchKey)
    const pick = ext.fake.record.quickPicks.at(-1)
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.map((e) => [e.label, e.description, e.detail])).toEqual([
      ["default", undefined, "ana@example.com · org_7f3a9c1e5d2b4a60 / proj_9c1e5d2b4a607f3a"],
      ["work", "in use", "bo@zurich.example · org_2b8d0f44a1c9e7b3 / proj_44a1c9e7b32b8d0f"]
    ])
    expect(JSON.stringify(pick.entries)).not.toContain(DEMO_KEY)
    expect(JSON.stringify(pick.entries)).not.toContain(BO_KEY)
    expect(JSON.parse(ext.fake.secrets.get(KEYS_INDEX)!).active).toBe(DEFAULT_KEY_NAME)
    expect((await ext.rows()).map((r) => r.item.label)).toContain("Personal")
  })

  it("a key Mem0 refuses shows why in the Switch Key pick", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("revoked", "m0-revoked-key")
    await ext.command(COMMANDS.addKey)
    await ext.command(COMMANDS.switchKey)
    const pick = ext.fake.record.quickPicks.at(-1)
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.find((e) => e.label === "revoked")?.detail).toBe("Mem0 rejected the API key (401)")
  })

  it("Remove Key asks first; removing the key in use puts the next one in use", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "work"))
    await ext.command(COMMANDS.removeKey) // the modal is cancelled
    expect(storedKey(ext.fake.secrets, "work")).toBe(BO_KEY)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "work"))
    ext.fake.script.confirm.push(true)
    await ext.command(COMMANDS.removeKey)
    expect(ext.fake.record.confirms.at(-1)?.detail).toContain("revoke it in the dashboard")
    expect(ext.fake.secrets.has(keySecret("work"))).toBe(false)
    expect(JSON.parse(ext.fake.secrets.get(KEYS_INDEX)!)).toEqual({ names: [DEFAULT_KEY_NAME], active: DEFAULT_KEY_NAME })
    expect((await ext.rows()).map((r) => r.item.label)).toContain("Personal")
  })

  it("switching interrupts a load in flight: the tree shows the new key's organizations", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === DEFAULT_KEY_NAME))
    await ext.command(COMMANDS.switchKey)
    await ext.rows()
    const anas = server.faults.hold({ path: "/api/v1/orgs/organizations/", key: DEMO_KEY }) // never answered in this test
    await ext.command(COMMANDS.refresh)
    const slow = ext.rows() // ana's load hangs on the server
    await waitFor(() => anas.caught() === 1)
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.value === "work"))
    await ext.command(COMMANDS.switchKey)
    // only an interrupted load can answer: ana's is held for as long as the test runs
    const rows = await Promise.race([slow, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("still loading ana's organizations")), 8000))])
    expect(rows.map((r) => r.item.label)).not.toContain("Personal")
  }, 15_000)

  it("key names: not empty, at most 40 characters", () => {
    expect(keyNameProblem(" ")).toBe("Give the key a name, like work or personal.")
    expect(keyNameProblem("x".repeat(41))).toBe("A key name can have at most 40 characters.")
    expect(keyNameProblem("personal")).toBeUndefined()
  })
})

describe("a key goes only to the base URL it was added for", () => {
  it("Switch Key asks each key at its own base URL: a key added for another server never reaches the one set now", async () => {
    // two servers of this test's own, so no other test's requests are counted
    const first = await startLocalServer({ port: 0 })
    const second = await startLocalServer({ port: 0 })
    try {
      const ext = await activate({ settings: { apiBaseUrl: first.url } })
      // "default" was added for `first`; the setting now names `second`, and "work" is added for it
      ext.fake.changeSettings({ apiBaseUrl: second.url })
      ext.fake.script.inputBox.push("work", BO_KEY)
      await ext.command(COMMANDS.addKey)
      expect(JSON.parse(ext.fake.secrets.get(keySecret("work"))!)).toMatchObject({ baseUrl: second.url })
      expect(JSON.parse(ext.fake.secrets.get(keySecret(DEFAULT_KEY_NAME))!)).toMatchObject({ baseUrl: first.url })
      await ext.command(COMMANDS.switchKey)
      const pick = ext.fake.record.quickPicks.at(-1)
      if (!Array.isArray(pick?.entries)) throw new Error("no entries")
      expect(pick.entries.find((e) => e.value === DEFAULT_KEY_NAME)).toMatchObject({
        description: `for ${first.url}`,
        detail: "ana@example.com · org_7f3a9c1e5d2b4a60 / proj_9c1e5d2b4a607f3a"
      })
      // each ping went to its own key's server, and no key to the other's
      await waitFor(() => first.requests().length === 1 && second.requests().length === 1)
      expect(first.requests().map((r) => [r.path, r.user])).toEqual([["/v1/ping/", "ana"]])
      expect(second.requests().map((r) => [r.path, r.user])).toEqual([["/v1/ping/", "bo"]])
    } finally {
      await first.close()
      await second.close()
    }
  })
})

describe("a damaged list of keys", () => {
  it("is rebuilt from its copy (names only) in the global state, and says so", async () => {
    const ext = await activate()
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey)
    expect(ext.fake.state.get(KEYS_INDEX_COPY)).toEqual({ names: [DEFAULT_KEY_NAME, "work"], active: "work" })
    expect(JSON.stringify([...ext.fake.state.values()])).not.toContain(BO_KEY)
    await deactivate()
    const secrets = Object.fromEntries([...ext.fake.secrets].map(([k, v]) => [k, k === KEYS_INDEX ? "{not json" : v]))
    const again = await activate({ secrets, state: Object.fromEntries(ext.fake.state) })
    expect(JSON.parse(again.fake.secrets.get(KEYS_INDEX)!)).toEqual({ names: [DEFAULT_KEY_NAME, "work"], active: "work" })
    await waitFor(() => again.fake.record.messages.length > 0)
    expect(again.fake.record.messages[0]?.message).toContain("was damaged; it was rebuilt with default, work")
    expect((await again.rows()).map((r) => r.item.label)).not.toContain("Personal") // bo's key, in use before
  })

  it("without a copy, says the names are lost and offers Add Key; nothing is overwritten", async () => {
    const ext = await activate({ secrets: { [KEYS_INDEX]: "[[[", [keySecret("work")]: BO_KEY } })
    await waitFor(() => ext.fake.record.messages.length > 0)
    expect(ext.fake.record.messages[0]).toMatchObject({ level: "warning", actions: ["Add Key"] })
    expect(ext.fake.record.messages[0]?.message).toContain("add them again")
    expect(ext.fake.secrets.get(KEYS_INDEX)).toBe("[[[")
    expect(ext.fake.secrets.get(keySecret("work"))).toBe(BO_KEY)
  })
})

describe("Show Who I Am and the dashboard", () => {
  it("lists what ping says of the key in use; the chosen line is copied", async () => {
    const ext = await activate()
    ext.fake.script.quickPick.push((entries) => entries.findIndex((e) => e.description === "project_id"))
    await ext.command(COMMANDS.whoAmI)
    const pick = ext.fake.record.quickPicks.at(-1)
    expect(pick?.title).toBe("Mem0: Who I Am (key default)")
    if (!Array.isArray(pick?.entries)) throw new Error("no entries")
    expect(pick.entries.map((e) => e.description)).toEqual(["user_email", "org_id", "project_id", "both, as .env lines"])
    expect(ext.fake.record.clipboard).toEqual(["proj_9c1e5d2b4a607f3a"])
  })

  it("a failed ping says so in fixed words", async () => {
    const ext = await activate()
    server.faults.add({ path: "/v1/ping/", faults: [{ kind: "status", status: 503 }] })
    await ext.command(COMMANDS.whoAmI)
    expect(ext.fake.record.messages.at(-1)?.message).toBe("Mem0: Who I Am failed: Mem0 server error (503).")
  })

  it("Open in Mem0 Dashboard opens the dashboard's home page", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.openDashboard)
    expect(ext.fake.record.openedUrls).toEqual([DASHBOARD_URL])
  })
})
