/**
 * End to end, in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in
 * headless Chromium, driven only through the UI: roles and labels, as a
 * person sees them. The packaged .vsix is installed into a fresh profile and
 * talks to the local Mem0 server through `mem0.apiBaseUrl`.
 *
 * Each scenario saves a screenshot under test-results/e2e/. A failing step
 * also saves the workbench and attaches the extension's log to the error.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { DEMO_KEY, type LocalServer, startLocalServer } from "mem0-local-server"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { packageExtension, ROOT, startWorkbench, type Workbench } from "@mem0-organizations/workbench/workbench"

const ARTIFACTS = join(ROOT, "test-results/e2e")
const ORGS = "/api/v1/orgs/organizations/"
const LAB = "org_2b8d0f44a1c9e7b3"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const SUPPORT_PROJECT = "proj_9c1e5d2b4a607f3a"
const LAB_NOTEBOOK = "proj_44a1c9e7b32b8d0f"
/** bo's key in the demo data (bo owns the Zürich Lab). */
const BO_KEY = "m0-demo-bo-00000000000000000"
const ANA_ORGS = ["Personal", "Zürich Lab 研究所", "Acme Customer Support Memory Platform", "Empty sandbox 🧪"]
const STEP = 30_000

/** A link a hostile server puts in an error message. */
const LINK_MESSAGE = "Access denied. [Open fix](command:workbench.action.openSettings)"

let server: LocalServer
/** The server a cloned repository's .vscode/settings.json points mem0.apiBaseUrl at: it must never get a request. */
let elsewhere: LocalServer
let workbench: Workbench
let browser: Browser
let page: Page

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true })
  mkdirSync(ARTIFACTS, { recursive: true })
  server = await startLocalServer({ port: 0 })
  elsewhere = await startLocalServer({ port: 0 })
  const vsix = packageExtension()
  workbench = await startWorkbench({
    vsix,
    settings: { "mem0.apiBaseUrl": server.url, "mem0.maxRetries": 2 },
    // a trusted (trust off) workspace that tries to send the key elsewhere: every scenario below must still use `server`;
    // and editor settings that would change what a save sends: auto save, another encoding, format on save
    workspaceSettings: {
      "mem0.apiBaseUrl": elsewhere.url,
      "files.autoSave": "afterDelay",
      "files.autoSaveDelay": 300,
      "files.encoding": "utf16le",
      "editor.formatOnSave": true
    }
  })
  browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run"
    ]
  })
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(workbench.url).origin })
  page = await context.newPage()
  await page.goto(workbench.url)
  await page.locator(".monaco-workbench").waitFor({ timeout: 90_000 })
}, 300_000)

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await workbench?.stop()
  await server?.close()
  await elsewhere?.close()
}, 60_000)

/** Runs a scenario; saves its screenshot, and on failure the workbench and the extension's log. */
const scenario = (name: string, body: () => Promise<void>) =>
  it(name, async () => {
    const file = name.replace(/[^\w]+/g, "-").toLowerCase()
    try {
      await body()
      await page.screenshot({ path: join(ARTIFACTS, `${file}.png`) })
    } catch (error) {
      await page.screenshot({ path: join(ARTIFACTS, `FAILED-${file}.png`) }).catch(() => undefined)
      const log = workbench.extensionLog()
      writeFileSync(join(ARTIFACTS, `FAILED-${file}.log`), `${log}\n\n--- code-server ---\n${workbench.output()}`)
      const message = error instanceof Error ? error.message : String(error)
      throw new Error(`${message}\n\nScreenshot: test-results/e2e/FAILED-${file}.png\nExtension log:\n${log.slice(-4000)}`)
    }
  }, 120_000)

const tree = () => page.getByRole("tree", { name: "Organizations" })
const rows = () => tree().getByRole("treeitem")
const row = (name: string | RegExp) => tree().getByRole("treeitem", { name })
/** The accessible names of the rows at one level ("label description"). */
const rowNames = (level: number) =>
  tree().getByRole("treeitem", { level }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Runs a command through the command palette, as a person would. */
const runCommand = async (title: string) => {
  await page.keyboard.press("F1")
  const input = page.getByRole("textbox", { name: "Type the name of a command to run." })
  await input.waitFor({ timeout: STEP })
  await input.fill(`>${title}`)
  // The title exactly: "Mem0: Copy org_id" must not pick "Mem0: Copy org_id and project_id" (recently used first)
  const option = page.getByRole("option", { name: new RegExp(`^${escape(title)}(?![\\w ]*and )`) }).first()
  await option.waitFor({ timeout: STEP })
  // forced: a hover (a tab's tooltip, say) may lie over the list, which a person would just click through
  await option.click({ force: true })
}

/** The active editor, and its visible text (Monaco renders spaces as no-break spaces). */
const editor = () => page.locator(".editor-instance .monaco-editor").first()
const editorText = async () => (await editor().locator(".view-lines").innerText()).replace(/\u00a0/g, " ")

const readClipboard = () => page.evaluate(() => navigator.clipboard.readText())

/** The Support project's custom instructions as the server has them. */
const instructionsOnServer = async () => {
  const response = await fetch(`${server.url}${ORGS}${PERSONAL}/projects/${SUPPORT_PROJECT}/`, { headers: { authorization: `Token ${DEMO_KEY}` } })
  return ((await response.json()) as { custom_instructions?: string }).custom_instructions
}

/** Chooses an item of a row's context menu (VS Code ignores a click right after the menu opens: the keyboard chooses). */
const contextMenu = async (target: ReturnType<typeof row>, item: string) => {
  await target.click({ button: "right" })
  const entry = page.getByRole("menuitem", { name: item })
  await entry.waitFor({ timeout: STEP })
  await entry.hover()
  await page.keyboard.press("Enter")
}

const clickViewAction = (name: string) =>
  page.getByRole("toolbar", { name: "Mem0: Organizations actions" }).getByRole("button", { name, exact: true }).click()

describe.sequential("the Mem0 extension in VS Code, driven through the UI", () => {
  scenario("1 no key: the view shows the welcome text and the Set API Key button", async () => {
    await page.getByRole("tab", { name: /^Mem0/ }).click()
    await expect.poll(() => page.getByText("Set your Mem0 API key to see your organizations").count(), { timeout: STEP })
      .toBeGreaterThan(0)
    await expect.poll(() => page.getByRole("button", { name: "Set API Key" }).count(), { timeout: STEP }).toBeGreaterThan(0)
    expect(server.requests()).toHaveLength(0)
  })

  scenario("2 Set API Key through the palette's password box: the tree lists exactly the key's organizations", async () => {
    await runCommand("Mem0: Set API Key")
    const box = page.getByRole("textbox", { name: /Mem0: Set API Key/ })
    await box.waitFor({ timeout: STEP })
    expect(await box.getAttribute("type")).toBe("password")
    await box.fill(DEMO_KEY)
    await page.keyboard.press("Enter")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toHaveLength(4)
    const names = await rowNames(1)
    ANA_ORGS.forEach((name, i) => expect(names[i]).toContain(name))
    // Personal is marked as the key's organization once the ping has answered (the rows never wait for it)
    await expect.poll(async () => (await rowNames(1))[0], { timeout: STEP }).toBe("Personal owner · default · API key's organization")
    expect(names[1]).toBe("Zürich Lab 研究所 reader")
    expect(await page.content()).not.toContain(DEMO_KEY)
  })

  scenario("2b the key's project is revealed and marked; the status bar names it and opens Copy project_id", async () => {
    // revealed without a click: Personal and its Projects group expanded, the key's project marked
    const keyProject = row("Support bot memories owner · API key's project")
    await keyProject.waitFor({ timeout: STEP })
    expect(await rowNames(2)).toEqual(["Projects (3)", "Members (1)"])
    expect(await rowNames(3)).toEqual(["Default project owner · default", "Support bot memories owner · API key's project", "Research notes owner"])
    expect(await keyProject.locator(".codicon-key").count()).toBe(1)
    const status = page.getByRole("button", { name: "Mem0: ana@example.com · Personal / Support bot memories" })
    await status.waitFor({ timeout: STEP })
    expect(await status.innerText()).toContain("Mem0: ana@example.com · Personal / Support bot memories")
    await page.screenshot({ path: join(ARTIFACTS, "2b-revealed.png") })
    // clicking it opens the Copy project_id pick
    await status.click()
    const picks = page.getByRole("listbox", { name: /Mem0: Copy project_id/ }).getByRole("option")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBeGreaterThan(3)
    await page.screenshot({ path: join(ARTIFACTS, "2c-status-bar-pick.png") })
    // Copy project_id's pick: typing filters by organization, project or project_id; Enter copies
    await page.evaluate(() => navigator.clipboard.writeText(""))
    await page.keyboard.type("Lab notebook")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBe(1)
    expect(await picks.first().getAttribute("aria-label")).toContain("Zürich Lab 研究所 / Lab notebook 実験ノート")
    await page.keyboard.press("Enter")
    await expect.poll(readClipboard, { timeout: STEP }).toBe(LAB_NOTEBOOK)
    // collapse Personal, so the rows below are as the next scenarios expect (its Projects group stays expanded)
    await row(/^Personal/).click()
    await expect.poll(() => rowNames(2), { timeout: STEP }).toEqual([])
  })

  scenario("3 expanding an organization shows Projects and Members; the members with their roles", async () => {
    await row(/Zürich Lab/).click()
    await expect.poll(() => rowNames(2), { timeout: STEP }).toEqual(["Projects (1)", "Members (3)"])
    await row(/^Members \(3\)/).click()
    await expect.poll(() => row(/bo@zurich\.example/).count(), { timeout: STEP }).toBe(1)
    expect(await rowNames(3)).toEqual(["bo@zurich.example owner", "ana@example.com reader", "dee@zurich.example reader"])
  })

  scenario("3b a project: inline Copy project_id, and Copy org_id and project_id from the palette", async () => {
    await page.evaluate(() => navigator.clipboard.writeText(""))
    // Personal's Projects group was left expanded by the reveal in 2b
    await row(/^Personal/).click()
    const support = row(/^Support bot memories/)
    await support.waitFor({ timeout: STEP })
    await support.hover()
    await support.getByRole("button", { name: "Copy project_id" }).click()
    await expect.poll(readClipboard, { timeout: STEP }).toBe(SUPPORT_PROJECT)

    await runCommand("Mem0: Copy org_id and project_id")
    const picks = page.getByRole("listbox", { name: /Mem0: Copy org_id and project_id/ }).getByRole("option")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBeGreaterThan(3)
    await page.keyboard.type("Support bot")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBe(1)
    await page.keyboard.press("Enter")
    await expect.poll(readClipboard, { timeout: STEP }).toBe(`MEM0_ORG_ID=${PERSONAL}\nMEM0_PROJECT_ID=${SUPPORT_PROJECT}`)
  })

  scenario("3c Show Project Settings from a project's context menu opens its settings, read-only, instructions included", async () => {
    server.clearRequests()
    await contextMenu(row(/^Support bot memories/), "Show Project Settings")
    await expect.poll(editorText, { timeout: STEP }).toContain("Remember each customer's product, plan and open tickets.")
    const text = await editorText()
    expect(text).toContain(`"project_id": "${SUPPORT_PROJECT}"`)
    expect(text).toContain(`"custom_categories"`)
    // VS Code stats and reads the file several times while opening it: one request answers them all
    expect(server.requests().filter((r) => r.path === `${ORGS}${PERSONAL}/projects/${SUPPORT_PROJECT}/`)).toHaveLength(1)
    expect(await page.getByRole("tab", { name: /project\.mem0\.json/ }).count()).toBeGreaterThan(0)
    // read-only: typing changes nothing
    await editor().click()
    await page.keyboard.type("typed")
    expect(await editorText()).not.toContain("typed")
    await page.screenshot({ path: join(ARTIFACTS, "3c-project-settings.png") })
    await runCommand("View: Close All Editors")
    // collapse Personal again, so the rows below are as the other scenarios expect
    await row(/^Personal/).click()
  })

  scenario("4 the inline Copy org_id action copies that organization's org_id", async () => {
    await page.evaluate(() => navigator.clipboard.writeText(""))
    const personal = row(/^Personal/)
    await personal.hover()
    await personal.getByRole("button", { name: "Copy org_id" }).click()
    await expect.poll(readClipboard, { timeout: STEP }).toBe(PERSONAL)
  })

  scenario("5 Copy org_id from the palette: the quick pick lists the organizations, typing filters, the pick is copied", async () => {
    await page.evaluate(() => navigator.clipboard.writeText(""))
    await runCommand("Mem0: Copy org_id")
    const picks = page.getByRole("listbox", { name: /Mem0: Copy org_id/ }).getByRole("option")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBe(4)
    expect(await picks.nth(1).getAttribute("aria-label")).toBe(`Zürich Lab 研究所, ${LAB}, reader`)
    await page.keyboard.type("Zürich")
    await expect.poll(() => picks.count(), { timeout: STEP }).toBe(1)
    await page.keyboard.press("Enter")
    await expect.poll(readClipboard, { timeout: STEP }).toBe(LAB)
  })

  scenario("6 a rejected key shows the error row with Set API Key; 503, 503, 200 loads without the user doing more", async () => {
    server.faults.clear()
    server.faults.add({ method: "GET", path: ORGS, faults: [{ kind: "status", status: 401 }] })
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toEqual(["Error: Mem0 rejected the API key (401). Set API Key"])
    await expect.poll(() => rows().count()).toBe(1)
    await page.screenshot({ path: join(ARTIFACTS, "6a-rejected-key.png") })

    server.clearRequests()
    server.faults.add({ method: "GET", path: ORGS, faults: [{ kind: "status", status: 503 }, { kind: "status", status: 503 }] })
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toHaveLength(4)
    expect(server.requests().filter((r) => r.path === ORGS).map((r) => r.status)).toEqual([503, 503, 200])
  })

  scenario("7 the data changes on the server and Refresh shows the change", async () => {
    server.faults.clear()
    const created = await fetch(`${server.url}${ORGS}`, {
      method: "POST",
      headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Created while you looked" })
    })
    expect(created.status).toBe(201)
    expect(await rowNames(1)).toHaveLength(4)
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toContain("Created while you looked owner")
    expect(await rowNames(1)).toHaveLength(5)
  })

  scenario("8 a 403 whose message carries a command link: the row and the notification say fixed words, no link", async () => {
    server.faults.clear()
    server.faults.add({
      method: "GET",
      path: ORGS,
      faults: [{
        kind: "status",
        status: 403,
        body: JSON.stringify({ message: LINK_MESSAGE }),
        headers: { "content-type": "application/json" }
      }]
    })
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toEqual([
      "Error: This API key may not list organizations (403). Set API Key"
    ])
    // the palette's Copy org_id reuses the failed load: its notification names the failure in fixed words
    await runCommand("Mem0: Copy org_id")
    const toast = page.locator(".notification-list-item-message").filter({ hasText: "Could not load your Mem0 organizations" })
    await toast.first().waitFor({ timeout: STEP })
    expect(await toast.first().innerText()).toBe(
      "Could not load your Mem0 organizations: This API key may not list organizations (403)."
    )
    expect(await page.locator(".notification-list-item-message a").count()).toBe(0)
    expect(await page.locator(".notifications-toasts").innerText()).not.toContain("Open fix")
    await page.screenshot({ path: join(ARTIFACTS, "8a-link-not-rendered.png") })
    await page.keyboard.press("Escape")
    server.faults.clear()
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toHaveLength(5)
  })

  scenario("11a an owner invites a member from the Members group: email, then role; the new row is selected", async () => {
    server.faults.clear()
    await runCommand("Notifications: Clear All Notifications")
    await row(/^Personal/).click()
    const members = row(/^Members \(1\)/)
    await members.waitFor({ timeout: STEP })
    await members.hover()
    await members.getByRole("button", { name: "Invite Member..." }).click()
    const box = page.getByRole("textbox", { name: /Mem0: Invite Member to Personal/ })
    await box.waitFor({ timeout: STEP })
    await box.fill("not an email")
    await expect.poll(() => page.getByText("Enter an email address, like name@example.com.").count(), { timeout: STEP }).toBeGreaterThan(0)
    await box.fill("new.person@example.com")
    await page.keyboard.press("Enter")
    const roles = page.getByRole("listbox", { name: /Mem0: Invite Member to Personal/ }).getByRole("option")
    await expect.poll(() => roles.count(), { timeout: STEP }).toBe(2)
    await page.keyboard.type("Reader")
    await page.keyboard.press("Enter")
    const invited = row("new.person@example.com reader")
    await invited.waitFor({ timeout: STEP })
    await expect.poll(() => invited.getAttribute("aria-selected"), { timeout: STEP }).toBe("true")
    await expect.poll(() => row(/^Members \(2\)/).count(), { timeout: STEP }).toBe(1)
  })

  scenario("11b Change Role... from the member's context menu; making an owner asks", async () => {
    await contextMenu(row("new.person@example.com reader"), "Change Role...")
    const roles = page.getByRole("listbox", { name: /Mem0: Change Role of new\.person@example\.com/ }).getByRole("option")
    await expect.poll(() => roles.count(), { timeout: STEP }).toBe(2)
    await page.keyboard.type("Owner")
    await page.keyboard.press("Enter")
    // making someone an owner asks first, naming them and the organization's id
    const dialog = page.locator(".monaco-dialog-box")
    await dialog.waitFor({ timeout: STEP })
    expect(await dialog.innerText()).toContain("Make new.person@example.com an owner of Personal?")
    expect(await dialog.innerText()).toContain(`org_id: ${PERSONAL}`)
    await dialog.getByRole("button", { name: "Make Owner" }).click()
    await row("new.person@example.com owner").waitFor({ timeout: STEP })
  })

  scenario("11c Remove Member... asks in a modal; the row is gone", async () => {
    await contextMenu(row("new.person@example.com owner"), "Remove Member...")
    const dialog = page.locator(".monaco-dialog-box")
    await dialog.waitFor({ timeout: STEP })
    expect(await dialog.innerText()).toContain("Remove new.person@example.com from Personal?")
    expect(await dialog.innerText()).toContain(`org_id: ${PERSONAL}`)
    await page.screenshot({ path: join(ARTIFACTS, "11c-remove-modal.png") })
    await dialog.getByRole("button", { name: "Remove" }).click()
    await expect.poll(() => row(/^new\.person@example\.com/).count(), { timeout: STEP }).toBe(0)
    await expect.poll(() => row(/^Members \(1\)/).count(), { timeout: STEP }).toBe(1)
  })

  scenario("11d New Project... on the Projects group, then Delete Project... with its name typed", async () => {
    const projects = row(/^Projects \(3\)/).first()
    await projects.hover()
    await projects.getByRole("button", { name: "New Project..." }).click()
    await page.getByRole("textbox", { name: /Mem0: New Project in Personal/ }).waitFor({ timeout: STEP })
    await page.keyboard.type("E2E project")
    await page.keyboard.press("Enter")
    await expect.poll(() => page.getByText("Description (optional)").count(), { timeout: STEP }).toBeGreaterThan(0)
    await page.keyboard.press("Enter")
    const created = row("E2E project owner")
    await created.waitFor({ timeout: STEP })
    await expect.poll(() => created.getAttribute("aria-selected"), { timeout: STEP }).toBe("true")

    await contextMenu(created, "Delete Project...")
    const dialog = page.locator(".monaco-dialog-box")
    await dialog.waitFor({ timeout: STEP })
    expect(await dialog.innerText()).toContain("Mem0 deletes the project and every memory in it. This cannot be undone.")
    await dialog.getByRole("button", { name: "Delete..." }).click()
    const box = page.getByRole("textbox", { name: /Mem0: Delete Project/ })
    await box.waitFor({ timeout: STEP })
    await box.fill("E2E")
    await expect.poll(() => page.getByText("Type the name exactly: E2E project").count(), { timeout: STEP }).toBeGreaterThan(0)
    await box.fill("E2E project")
    await page.keyboard.press("Enter")
    await expect.poll(() => row(/^E2E project/).count(), { timeout: STEP }).toBe(0)
    expect(server.requests().filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([200, 200])
  })

  scenario("11e Edit Custom Instructions opens them in an editor; saving PATCHes the project; Refresh shows the new text", async () => {
    await contextMenu(row(/^Support bot memories/), "Edit Custom Instructions")
    await expect.poll(editorText, { timeout: STEP }).toContain("Never store payment details or passwords.")
    expect(await page.getByRole("tab", { name: /custom_instructions\.mem0\.txt/ }).count()).toBeGreaterThan(0)
    const before = await instructionsOnServer()
    await editor().click()
    await page.keyboard.press("Control+End")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Keep the ticket number of every complaint. Zürich 研究所 ")
    // the workspace turned auto save on (300 ms): it sends nothing, and the tab stays dirty until an explicit save
    await page.waitForTimeout(1500)
    expect(server.requests().filter((r) => r.method === "PATCH")).toEqual([])
    expect(await page.locator(".tab.dirty").filter({ hasText: "custom_instructions.mem0.txt" }).count()).toBe(1)
    await runCommand("File: Save")
    // exactly what was typed, as UTF-8 (the workspace's utf16le and format on save change nothing)
    await expect.poll(instructionsOnServer, { timeout: STEP }).toBe(`${before}\nKeep the ticket number of every complaint. Zürich 研究所 `)
    expect(server.requests().filter((r) => r.method === "PATCH")).toHaveLength(1)
    await page.screenshot({ path: join(ARTIFACTS, "11e-edit-instructions.png") })
    await runCommand("View: Close All Editors")
    await clickViewAction("Refresh")
    await contextMenu(row(/^Support bot memories/), "Show Project Settings")
    await expect.poll(editorText, { timeout: STEP }).toContain("Keep the ticket number of every complaint.")
    await runCommand("View: Close All Editors")
  })

  scenario("11g saving over instructions changed on the server meanwhile asks before overwriting", async () => {
    await contextMenu(row(/^Support bot memories/), "Edit Custom Instructions")
    await expect.poll(editorText, { timeout: STEP }).toContain("Keep the ticket number of every complaint.")
    await editor().click()
    await page.keyboard.press("Control+End")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Typed in VS Code.")
    // someone else changes the project meanwhile
    const patched = await fetch(`${server.url}${ORGS}${PERSONAL}/projects/${SUPPORT_PROJECT}/`, {
      method: "PATCH",
      headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ custom_instructions: ["Changed on the server."] })
    })
    expect(patched.status).toBe(200)
    // no wait needed: while a save is under way, every stat reads the server afresh
    await runCommand("File: Save")
    const toast = page.locator(".notification-list-item").filter({ hasText: /newer/ })
    await toast.first().waitFor({ timeout: STEP })
    await page.screenshot({ path: join(ARTIFACTS, "11g-save-conflict.png") })
    const current = async () => {
      const response = await fetch(`${server.url}${ORGS}${PERSONAL}/projects/${SUPPORT_PROJECT}/`, {
        headers: { authorization: `Token ${DEMO_KEY}` }
      })
      return ((await response.json()) as { custom_instructions?: string }).custom_instructions
    }
    expect(await current()).toBe("Changed on the server.") // nothing was written yet
    await toast.first().getByRole("button", { name: "Overwrite" }).click()
    await expect.poll(current, { timeout: STEP }).toContain("Typed in VS Code.")
    await runCommand("View: Close All Editors")
  })

  scenario("11h a save Mem0 cannot take keeps the editor dirty and says why", async () => {
    await runCommand("Notifications: Clear All Notifications")
    await contextMenu(row(/^Support bot memories/), "Edit Custom Categories")
    await expect.poll(editorText, { timeout: STEP }).toContain("customer_preferences")
    await editor().click()
    await page.keyboard.press("Control+Home")
    await page.keyboard.type("oops ")
    await runCommand("File: Save")
    const toast = page.locator(".notification-list-item").filter({ hasText: /custom_categories\.mem0\.json is not valid JSON/ })
    await toast.first().waitFor({ timeout: STEP })
    expect(await page.locator(".tab.dirty").filter({ hasText: "custom_categories.mem0.json" }).count()).toBe(1)
    await page.screenshot({ path: join(ARTIFACTS, "11h-save-refused.png") })
    await runCommand("File: Revert File")
    await runCommand("View: Close All Editors")
    await runCommand("Notifications: Clear All Notifications")
  })

  scenario("11i a project named like markup: the modal and the input box show the name as typed, no link, no icon", async () => {
    const hostile = "Evil [click](command:workbench.action.openSettings) $(zap) name"
    const created = await fetch(`${server.url}${ORGS}${PERSONAL}/projects/`, {
      method: "POST",
      headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: hostile })
    })
    const { project_id } = (await created.json()) as { project_id: string }
    try {
      await clickViewAction("Refresh")
      const evil = row(/^Evil \[click\]/)
      await evil.waitFor({ timeout: STEP })
      // let the rows settle (the ping's answer redraws the key's rows): a menu opened on a row being redrawn loses it
      await expect.poll(async () => (await rowNames(1))[0], { timeout: STEP }).toMatch(/API key's organization$/)
      await page.waitForTimeout(500)
      expect(await evil.locator(".codicon-zap").count()).toBe(0)
      await contextMenu(evil, "Delete Project...")
      const dialog = page.locator(".monaco-dialog-box")
      await dialog.waitFor({ timeout: STEP })
      // shown as typed (the invisible word joiners that keep it from forming a link aside)
      expect((await dialog.innerText()).replace(/\u2060/g, "")).toContain(hostile)
      // (the dialog's buttons are links themselves: no link named after the name's text)
      expect(await dialog.getByRole("link", { name: /click/ }).count()).toBe(0)
      expect(await dialog.locator("a[href]").count()).toBe(0)
      expect(await dialog.locator(".codicon-zap").count()).toBe(0)
      await page.screenshot({ path: join(ARTIFACTS, "11i-markup-name-in-modal.png") })
      // past the modal, the input box quotes the name in its prompt, and again under the box when mistyped
      await dialog.getByRole("button", { name: "Delete..." }).click()
      const box = page.getByRole("textbox", { name: /Mem0: Delete Project/ })
      await box.waitFor({ timeout: STEP })
      const message = page.locator(".quick-input-widget .quick-input-message")
      // as typed, but for the invisible word joiners that keep it from forming a link
      const shown = async () => (await message.innerText()).replace(/\u2060/g, "")
      await expect.poll(shown, { timeout: STEP }).toContain(hostile)
      expect(await message.locator("a").count()).toBe(0)
      expect(await message.locator(".codicon-zap").count()).toBe(0)
      await box.fill("Evil")
      await expect.poll(() => message.innerText(), { timeout: STEP }).toContain("Type the name exactly")
      expect(await message.locator("a").count()).toBe(0)
      expect(await message.locator(".codicon-zap").count()).toBe(0)
      await page.screenshot({ path: join(ARTIFACTS, "11i-markup-name-in-input-box.png") })
      await page.keyboard.press("Escape")
      await expect.poll(() => box.isVisible(), { timeout: STEP }).toBe(false)
    } finally {
      await page.keyboard.press("Escape")
      await fetch(`${server.url}${ORGS}${PERSONAL}/projects/${project_id}/`, {
        method: "DELETE",
        headers: { authorization: `Token ${DEMO_KEY}` }
      })
      await clickViewAction("Refresh")
    }
    await expect.poll(() => row(/^Evil/).count(), { timeout: STEP }).toBe(0)
  })

  scenario("11j a 400 whose field error carries a link shows under the input box as text, not a link", async () => {
    server.faults.add({
      method: "POST",
      path: `${ORGS}${PERSONAL}/projects/`,
      faults: [{
        kind: "status",
        status: 400,
        body: JSON.stringify({ errors: { name: ["Taken. [Retry](command:workbench.action.openSettings) $(zap)"] } }),
        headers: { "content-type": "application/json" }
      }],
      times: 1
    })
    const projects = row(/^Projects \(3\)/).first()
    await projects.hover()
    await projects.getByRole("button", { name: "New Project..." }).click()
    await page.getByRole("textbox", { name: /Mem0: New Project in Personal/ }).waitFor({ timeout: STEP })
    await page.keyboard.type("Refused project")
    await page.keyboard.press("Enter")
    await expect.poll(() => page.getByText("Description (optional)").count(), { timeout: STEP }).toBeGreaterThan(0)
    await page.keyboard.type("Refused by the server")
    await page.keyboard.press("Enter")
    const message = page.locator(".quick-input-widget .quick-input-message")
    await expect.poll(() => message.innerText(), { timeout: STEP }).toContain("Taken.")
    expect((await message.innerText()).replace(/\u2060/g, "")).toContain("[Retry](command:workbench.action.openSettings)")
    expect(await message.locator("a").count()).toBe(0)
    expect(await message.locator(".codicon-zap").count()).toBe(0)
    await page.screenshot({ path: join(ARTIFACTS, "11j-field-error-with-link.png") })
    await page.keyboard.press("Escape")
    expect(await row(/^Refused project/).count()).toBe(0)
  })

  scenario("11f a reader is offered none of the owner actions", async () => {
    const lab = row(/^Zürich Lab/)
    await lab.click({ button: "right" })
    const menu = page.getByRole("menu")
    await menu.waitFor({ timeout: STEP })
    const items = await menu.getByRole("menuitem").allInnerTexts()
    expect(items.join("|")).toContain("Copy org_id")
    expect(items.join("|")).not.toContain("Delete Organization")
    await page.keyboard.press("Escape")
    if ((await row(/^Members \(3\)/).count()) === 0) await lab.click()
    const labMembers = row(/^Members \(3\)/)
    await labMembers.waitFor({ timeout: STEP })
    await labMembers.hover()
    expect(await labMembers.getByRole("button", { name: "Invite Member..." }).count()).toBe(0)
    if ((await row(/^bo@zurich\.example/).count()) === 0) await labMembers.click()
    await row(/^bo@zurich\.example/).click({ button: "right" })
    await menu.waitFor({ timeout: STEP })
    const memberItems = await menu.getByRole("menuitem").allInnerTexts()
    expect(memberItems.join("|")).toContain("Copy Member Email")
    expect(memberItems.join("|")).not.toMatch(/Change Role|Remove Member/)
    await page.keyboard.press("Escape")
    // collapse Personal again for what follows
    await row(/^Personal/).click()
  })

  scenario("12a a second key: Add Key, the tree and the status bar follow; Switch Key back; Remove Key", async () => {
    await runCommand("Mem0: Add Key...")
    const nameBox = page.getByRole("textbox", { name: /Mem0: Add Key/ })
    await nameBox.waitFor({ timeout: STEP })
    await nameBox.fill("work")
    await page.keyboard.press("Enter")
    const keyBox = page.getByRole("textbox", { name: /Mem0: Add Key work/ })
    await keyBox.waitFor({ timeout: STEP })
    expect(await keyBox.getAttribute("type")).toBe("password")
    await keyBox.fill(BO_KEY)
    await page.keyboard.press("Enter")
    // bo's organizations: he owns the lab, and his key is bound to its notebook
    await expect.poll(async () => (await rowNames(1)).join("|"), { timeout: STEP }).toContain("Zürich Lab 研究所 owner")
    expect((await rowNames(1)).join("|")).not.toContain("Personal")
    const status = page.getByRole("button", { name: /^Mem0 \(work\): bo@zurich\.example/ })
    await status.waitFor({ timeout: STEP })
    await page.screenshot({ path: join(ARTIFACTS, "12a-second-key.png") })

    await runCommand("Mem0: Switch Key")
    const keys = page.getByRole("listbox", { name: /Mem0: Switch Key/ }).getByRole("option")
    await expect.poll(() => keys.count(), { timeout: STEP }).toBe(2)
    const labels = await keys.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))
    expect(labels.join("|")).toContain("ana@example.com")
    expect(labels.join("|")).not.toContain(DEMO_KEY)
    expect(labels.join("|")).not.toContain(BO_KEY)
    await page.keyboard.type("default")
    await page.keyboard.press("Enter")
    await expect.poll(async () => (await rowNames(1))[0], { timeout: STEP }).toMatch(/^Personal owner/)
    await page.getByRole("button", { name: /^Mem0 \(default\): ana@example\.com/ }).waitFor({ timeout: STEP })

    await runCommand("Mem0: Remove Key...")
    await expect.poll(() => page.getByRole("listbox", { name: /Mem0: Remove Key/ }).getByRole("option").count(), { timeout: STEP }).toBe(2)
    await page.keyboard.type("work")
    await page.keyboard.press("Enter")
    const dialog = page.locator(".monaco-dialog-box")
    await dialog.waitFor({ timeout: STEP })
    await dialog.getByRole("button", { name: "Remove" }).click()
    // one key left: the status bar no longer names it
    await page.getByRole("button", { name: /^Mem0: ana@example\.com · Personal \/ Support bot memories/ }).waitFor({ timeout: STEP })
  })

  scenario("12b Get Started opens the walkthrough", async () => {
    await runCommand("Mem0: Get Started")
    await expect.poll(() => page.getByText("Get started with Mem0 Organizations & Projects").count(), { timeout: STEP })
      .toBeGreaterThan(0)
    await expect.poll(() => page.getByText("Copy a project_id").count(), { timeout: STEP }).toBeGreaterThan(0)
    await page.screenshot({ path: join(ARTIFACTS, "12b-walkthrough.png") })
    const tab = page.getByRole("tab", { name: /Walkthrough: Mem0 Organizations & Projects/ })
    await tab.hover()
    await tab.getByRole("button", { name: /^Close/ }).click()
    await expect.poll(() => tab.count(), { timeout: STEP }).toBe(0)
  })

  scenario("12c keyboard only: focus the view, expand, move to a project, select it, Ctrl+C copies its project_id", async () => {
    await page.evaluate(() => navigator.clipboard.writeText(""))
    await page.keyboard.press("F1")
    await page.keyboard.type(">Mem0: Focus on Organizations View")
    await expect.poll(() => page.getByRole("option", { name: /Mem0: Focus on Organizations View/ }).count(), { timeout: STEP })
      .toBeGreaterThan(0)
    await page.keyboard.press("Enter")
    // the keyboard is in the tree
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[role=tree]")?.getAttribute("aria-label")), {
      timeout: STEP
    }).toBe("Organizations")
    await page.keyboard.press("Home")
    await expect.poll(() => tree().locator(".monaco-list-row.focused").getAttribute("aria-label"), { timeout: STEP })
      .toMatch(/^Personal/)
    // expand Personal (a key press that lands while the row is redrawn is lost: press again, as a person would)
    for (let i = 0; i < 5 && (await row(/^Projects \(3\)/).count()) === 0; i++) {
      await page.keyboard.press("ArrowRight")
      await page.waitForTimeout(1000)
    }
    await expect.poll(() => row(/^Projects \(3\)/).count(), { timeout: STEP }).toBe(1)
    if ((await row(/^Support bot memories/).count()) === 0) {
      await page.keyboard.press("ArrowDown")
      await page.keyboard.press("ArrowRight") // expand Projects
    }
    await row(/^Support bot memories/).waitFor({ timeout: STEP })
    for (let i = 0; i < 4; i++) {
      const focused = await tree().locator(".monaco-list-row.focused").getAttribute("aria-label")
      if (focused?.startsWith("Support bot memories")) break
      await page.keyboard.press("ArrowDown")
    }
    await expect.poll(() => tree().locator(".monaco-list-row.focused").getAttribute("aria-label"), { timeout: STEP })
      .toMatch(/^Support bot memories/)
    for (let i = 0; i < 5 && (await row(/^Support bot memories/).getAttribute("aria-selected")) !== "true"; i++) {
      await page.keyboard.press("Enter") // selects the focused row
      await page.waitForTimeout(500)
    }
    await expect.poll(() => row(/^Support bot memories/).getAttribute("aria-selected"), { timeout: STEP }).toBe("true")
    await page.keyboard.press("Control+C")
    await expect.poll(readClipboard, { timeout: STEP }).toBe(SUPPORT_PROJECT)
    await page.keyboard.press("Home")
    await page.keyboard.press("ArrowLeft") // collapse Personal again
  })

  scenario("9 the workspace's .vscode/settings.json named another server: it never received a request, nor the key", async () => {
    await clickViewAction("Refresh")
    await expect.poll(() => rowNames(1), { timeout: STEP }).toHaveLength(5)
    expect(server.requests().length).toBeGreaterThan(0)
    expect(elsewhere.requests()).toEqual([])
    expect(elsewhere.clientAborts()).toBe(0)
  })

  it("the extension logged one line per request and never the key", async () => {
    // the log file is written by VS Code in batches
    await expect.poll(() => workbench.extensionLog(), { timeout: STEP }).toMatch(/attempt 1/)
    const log = workbench.extensionLog()
    expect(log).toMatch(/GET \/api\/v1\/orgs\/organizations\/ 200 \d+ms attempt 1/)
    expect(log).toMatch(/GET \/api\/v1\/orgs\/organizations\/ 503 Mem0ServerError \d+ms attempt 1/)
    expect(log).not.toContain(DEMO_KEY)
  })
})

describe.sequential("a cloned repository in Restricted Mode (workspace trust on, folder untrusted)", () => {
  let restricted: Workbench
  let restrictedPage: Page

  beforeAll(async () => {
    server.reset()
    elsewhere.reset()
    restricted = await startWorkbench({
      vsix: packageExtension(),
      settings: { "mem0.apiBaseUrl": server.url },
      workspaceSettings: { "mem0.apiBaseUrl": elsewhere.url },
      trust: "untrusted",
      env: { MEM0_API_KEY: DEMO_KEY }
    })
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    restrictedPage = await context.newPage()
    await restrictedPage.goto(restricted.url)
    await restrictedPage.locator(".monaco-workbench").waitFor({ timeout: 90_000 })
  }, 300_000)

  afterAll(async () => {
    await restrictedPage?.context().close().catch(() => undefined)
    await restricted?.stop()
  }, 60_000)

  it("the extension works from the user's settings, and the workspace's server gets nothing", async () => {
    try {
      // Restricted Mode is on: VS Code says so
      await expect.poll(() => restrictedPage.getByText(/Restricted Mode/).count(), { timeout: STEP }).toBeGreaterThan(0)
      await restrictedPage.getByRole("tab", { name: /^Mem0/ }).click()
      const names = () =>
        restrictedPage.getByRole("tree", { name: "Organizations" }).getByRole("treeitem", { level: 1 })
          .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))
      await expect.poll(names, { timeout: STEP }).toHaveLength(4)
      await restrictedPage.screenshot({ path: join(ARTIFACTS, "10-restricted-mode.png") })
      expect(server.requests().filter((r) => r.path === ORGS).length).toBeGreaterThan(0)
      expect(elsewhere.requests()).toEqual([])
    } catch (error) {
      await restrictedPage.screenshot({ path: join(ARTIFACTS, "FAILED-10-restricted-mode.png") }).catch(() => undefined)
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nExtension log:\n${restricted.extensionLog().slice(-4000)}`)
    }
  }, 120_000)
})
