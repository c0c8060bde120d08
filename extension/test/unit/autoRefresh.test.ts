/**
 * Auto-refresh: off by default; when set, the tree reloads only while the
 * view is visible and VS Code has the focus; a change of the setting takes
 * effect at once.
 */
import { describe, expect, it } from "@effect/vitest"
import { activate, useLocalServer } from "./harness.js"

useLocalServer()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const refreshes = (ext: Awaited<ReturnType<typeof activate>>) => ext.fake.record.treeChanges.filter((n) => n === undefined).length

describe("auto-refresh", () => {
  it("is off by default", async () => {
    const ext = await activate()
    await sleep(900)
    expect(refreshes(ext)).toBe(0)
  })

  it("reloads while the view is visible and VS Code focused; skips while hidden or unfocused", async () => {
    const ext = await activate({ settings: { autoRefreshMinutes: 0.01 } }) // every 0.6 s
    await sleep(1500)
    const visible = refreshes(ext)
    expect(visible).toBeGreaterThanOrEqual(1)
    expect(visible).toBeLessThanOrEqual(3)
    ext.fake.setView({ visible: false })
    const hiddenFrom = refreshes(ext)
    await sleep(1400)
    expect(refreshes(ext)).toBe(hiddenFrom)
    ext.fake.setView({ visible: true, focused: false })
    await sleep(1400)
    expect(refreshes(ext)).toBe(hiddenFrom)
    ext.fake.setView({ focused: true })
    await sleep(1400)
    expect(refreshes(ext)).toBeGreaterThan(hiddenFrom)
  }, 15_000)

  it("a change of the setting takes effect at once; 0 turns it off", async () => {
    const ext = await activate()
    ext.fake.changeSettings({ autoRefreshMinutes: 0.01 })
    await sleep(1400)
    const on = refreshes(ext)
    expect(on).toBeGreaterThanOrEqual(2) // one for the settings change itself, one or more from the poller
    ext.fake.changeSettings({ autoRefreshMinutes: 0 })
    await sleep(200) // the change's own reload
    const off = refreshes(ext)
    await sleep(1400)
    expect(refreshes(ext)).toBe(off)
  })
})
