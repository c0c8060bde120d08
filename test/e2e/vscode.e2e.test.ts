/**
 * End to end, in a real VS Code (code-server) in headless Chromium: the oldest
 * VS Code the extension claims (1.100.3) or the newest code-server pinned, as
 * `MEM0_VSCODE` says (`pnpm test:e2e --vscode oldest|newest|both`); driven only through the UI: roles and labels, as a
 * person sees them. The packaged .vsix is installed into a fresh profile and
 * talks to the local Mem0 server through `mem0.apiBaseUrl`.
 *
 * Each scenario saves a screenshot under test-results/e2e/<oldest|newest>/. A failing step
 * also saves the workbench and attaches the extension's log to the error.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { DEMO_KEY, type LocalServer, startLocalServer } from "mem0-local-server"
import * as Schema from "effect/Schema"
import { MemoryFromWire } from "effect-mem0/Memory"
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import {
  codeServerVersions,
  packageExtension,
  ROOT,
  startWorkbench,
  vscodeChoice,
  type Workbench
} from "@mem0-organizations/workbench/workbench"
import { escapeRegExp, workbenchDom } from "@mem0-organizations/workbench/dom"

const VSCODE = vscodeChoice("oldest")
/** e.g. "VS Code 1.139.1 (code-server 4.139.1, newest)": in every test's name, so both runs' reports differ. */
const VERSIONS = codeServerVersions(VSCODE)
const IN_VSCODE = `VS Code ${VERSIONS.vscode} (code-server ${VERSIONS.codeServer}, ${VSCODE})`
const ARTIFACTS = join(ROOT, "test-results/e2e", VSCODE)
const ORGS = "/api/v1/orgs/organizations/"
const LAB = "org_2b8d0f44a1c9e7b3"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const SUPPORT_PROJECT = "proj_9c1e5d2b4a607f3a"
const LAB_NOTEBOOK = "proj_44a1c9e7b32b8d0f"
/** bo's key in the demo data (bo owns the Zürich Lab). */
const BO_KEY = "m0-demo-bo-00000000000000000"
const ANA_ORGS = ["Personal", "Zürich Lab 研究所", "Acme Customer Support Memory Platform", "Empty sandbox 🧪"]
const STEP = 30_000

/** Every file under `dir`. */
const everyFile = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(join(dir, e.name)) : [join(dir, e.name)]))

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
    vscode: VSCODE,
    // sticky scroll off: a row's sticky copy at the top would be a second row of the same name
    settings: {
      "mem0.apiBaseUrl": server.url,
      "mem0.maxRetries": 2,
      "workbench.tree.enableStickyScroll": false,
      // Mem0's MCP server, as the local server answers it (scenario 14)
      "mem0.mcp.serverUrl": `${server.url}/mcp/`
    },
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
      throw new Error(`${message}\n\nScreenshot: test-results/e2e/${VSCODE}/FAILED-${file}.png\nExtension log:\n${log.slice(-4000)}`)
    }
  }, 120_000)

const tree = () => page.getByRole("tree", { name: "Organizations" })
const rows = () => tree().getByRole("treeitem")
const row = (name: string | RegExp) => tree().getByRole("treeitem", { name })
/** The accessible names of the rows at one level ("label description"). */
const rowNames = (level: number) =>
  tree().getByRole("treeitem", { level }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))


/** Runs a command through the command palette, as a person would. */
const runCommand = async (title: string) => {
  await page.keyboard.press("F1")
  const input = page.getByRole("textbox", { name: "Type the name of a command to run." })
  await input.waitFor({ timeout: STEP })
  await input.fill(`>${title}`)
  // The title exactly: "Mem0: Copy org_id" must not pick "Mem0: Copy org_id and project_id" (recently used first)
  const option = page.getByRole("option", { name: new RegExp(`^${escapeRegExp(title)}(?![\\w ]*and )`) }).first()
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

/** Expands a row unless it is expanded (a click toggles it), and waits until it is. */
const expand = async (target: ReturnType<typeof row>) => {
  await target.first().waitFor({ timeout: STEP })
  if ((await target.first().getAttribute("aria-expanded")) !== "true") await target.first().click()
  await expect.poll(() => target.first().getAttribute("aria-expanded"), { timeout: STEP }).toBe("true")
}

/**
 * Scrolls the tree down until a row is shown (the tree renders only the rows in view). VS Code's list moves 50 px
 * per wheel event whatever its delta: six events a step (300 px, less than the view's height, so no row is
 * scrolled past unseen), up to 13,500 px (about 600 rows).
 */
const scrollTo = async (target: ReturnType<typeof row>) => {
  for (let i = 0; i < 45 && (await target.count()) === 0; i++) {
    await tree().hover()
    for (let wheel = 0; wheel < 6; wheel++) await page.mouse.wheel(0, 600)
    await page.waitForTimeout(100)
  }
  await target.waitFor({ timeout: STEP })
}

/** Collapses a row if it is expanded. */
const collapse = async (target: ReturnType<typeof row>) => {
  if ((await target.count()) === 0 || (await target.first().getAttribute("aria-expanded")) !== "true") return
  await target.first().click()
  await expect.poll(() => target.first().getAttribute("aria-expanded"), { timeout: STEP }).toBe("false")
}

const clickViewAction = (name: string) =>
  page.getByRole("toolbar", { name: "Mem0: Organizations actions" }).getByRole("button", { name, exact: true }).click()

describe.sequential(`the Mem0 extension in ${IN_VSCODE}, driven through the UI`, () => {
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
    const tab = page.getByRole("tab", { name: workbenchDom(VSCODE).walkthroughTab("Mem0 Organizations & Projects") })
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

  scenario("13a a project's Memories: counted and read with its key; a project without a bound key offers Add Key", async () => {
    server.faults.clear()
    await runCommand("Notifications: Clear All Notifications")
    server.clearRequests()
    await expand(row(/^Personal/))
    await expand(row(/^Projects \(3\)/))
    await expand(row(/^Support bot memories/))
    const memories = row(/^Memories \(\d+\) read with key "default"/)
    await memories.waitFor({ timeout: STEP })
    // nothing under it loads before it is expanded
    expect(server.requests().filter((r) => r.path.startsWith("/v3/") || r.path.startsWith("/v1/entities/"))).toEqual([])
    await expand(row(/^Research notes/))
    await row("Add a key for this project…").waitFor({ timeout: STEP })
    await collapse(row(/^Research notes/))
    await expand(memories)
    await expect.poll(() => rowNames(5), { timeout: STEP }).toEqual([
      "Users (6)", "Agents (2)", "Apps (2)", "Runs (1)", expect.stringMatching(/^All memories \d+ memories$/), "Activity"
    ])
  })

  scenario("13b an entity's memories page by 100 with Load more; hostile memory text shows literally", async () => {
    await expand(row(/^Users \(6\)/))
    await expand(row(/^kiosk-42/))
    await row(/^Visitor 240 asked about/).waitFor({ timeout: STEP })
    // the end of the list: Load more, with what is left
    const more = row("Load more… 140 more")
    await scrollTo(more)
    await page.screenshot({ path: join(ARTIFACTS, "13b-load-more.png") })
    await more.click()
    await scrollTo(row("Load more… 40 more"))
    expect(server.requests().filter((r) => r.path === "/v3/memories/").map((r) => /page=(\d+)/.exec(r.query ?? "")?.[1])).toEqual(["1", "2"])
    // the long list folded away: Collapse All, then down to mallory
    await clickViewAction("Collapse All")
    await expand(row(/^Personal/))
    await expand(row(/^Projects \(3\)/))
    await expand(row(/^Support bot memories/))
    await expand(row(/^Memories \(/))
    await expand(row(/^Users \(6\)/))
    await expand(row(/^mallory/))
    const hostile = row(/^<img src=x onerror=alert\(1\)> \[click\]\(command:workbench\.action\.quit\) \$\(zap\)/)
    await hostile.waitFor({ timeout: STEP })
    // no link, no icon, no markup: the text as stored (bidi controls removed)
    const label = hostile.locator(".label-name")
    expect(await label.innerText()).toContain("<img src=x onerror=alert(1)> [click](command:workbench.action.quit) $(zap)")
    expect(await label.locator("a, img, .codicon").count()).toBe(0)
    await collapse(row(/^mallory/))
  })

  scenario("13c opening a memory shows it with its history, read-only; Copy Memory Id copies its id", async () => {
    await expand(row(/^alice/))
    const aisle = row(/^Prefers aisle seats on flights/)
    await aisle.waitFor({ timeout: STEP })
    await aisle.click()
    await expect.poll(editorText, { timeout: STEP }).toContain("\"event\": \"ADD\"")
    expect(await editorText()).toContain("\"user_id\": \"alice\"")
    await page.screenshot({ path: join(ARTIFACTS, "13c-memory-document.png") })
    // the end of the document: the UPDATE, with the old text and the message that caused it
    await editor().click()
    await page.keyboard.press("Control+End")
    await expect.poll(editorText, { timeout: STEP }).toContain("\"event\": \"UPDATE\"")
    expect(await editorText()).toContain("Actually, window seats on long flights.")
    await page.keyboard.type("typed")
    expect(await editorText()).not.toContain("typed")
    await runCommand("View: Close All Editors")
    await page.evaluate(() => navigator.clipboard.writeText(""))
    await aisle.hover()
    await aisle.getByRole("button", { name: "Copy Memory Id" }).click()
    await expect.poll(readClipboard, { timeout: STEP }).toMatch(/^[0-9a-f]{8}-/)
    await collapse(row(/^alice/))
    await collapse(row(/^Users \(6\)/))
  })

  scenario("13d Search shows results with scores; Filter narrows All memories and Clear Filter brings them back", async () => {
    const memories = row(/^Memories \(\d+\)/)
    await memories.hover()
    await memories.getByRole("button", { name: "Search..." }).click()
    const query = page.getByRole("textbox", { name: /Search memories of/ })
    await query.waitFor({ timeout: STEP })
    await query.fill("window seats")
    await page.keyboard.press("Enter")
    await page.getByRole("textbox", { name: /Search: how many results/ }).waitFor({ timeout: STEP })
    await page.keyboard.press("Enter")
    await page.getByRole("textbox", { name: /Search: lowest score/ }).waitFor({ timeout: STEP })
    await page.keyboard.press("Enter")
    await row(/^Search: "window seats" top 10/).waitFor({ timeout: STEP })
    await row(/^Prefers window seats on long flights score 0\.\d\d/).waitFor({ timeout: STEP })
    await page.screenshot({ path: join(ARTIFACTS, "13d-search.png") })
    const search = row(/^Search: "window seats"/)
    await search.hover()
    await search.getByRole("button", { name: "Clear Search" }).click()
    await expect.poll(() => search.count(), { timeout: STEP }).toBe(0)

    const all = row(/^All memories/)
    await all.hover()
    await all.getByRole("button", { name: "Filter..." }).click()
    // categories: check "travel", then Enter
    const categories = page.getByRole("textbox", { name: /Check the categories to show/ })
    await categories.waitFor({ timeout: STEP })
    await categories.fill("travel")
    // a click on the row checks it
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "travel" }).first().click()
    await page.getByText("1 Selected").waitFor({ timeout: STEP })
    await page.keyboard.press("Enter")
    for (const title of [/Filter: created from/, /Filter: created until/]) {
      await page.getByRole("textbox", { name: title }).waitFor({ timeout: STEP })
      await page.keyboard.press("Enter")
    }
    const text = page.getByRole("textbox", { name: /Filter: text/ })
    await text.waitFor({ timeout: STEP })
    await text.fill("kyoto")
    await page.keyboard.press("Enter")
    await page.getByRole("option", { name: "Hide expired memories" }).waitFor({ timeout: STEP })
    await page.keyboard.press("Enter")
    await row(/^All memories .*filtered: in travel, containing "kyoto"/).waitFor({ timeout: STEP })
    await expand(all)
    await row(/^Planning a trip to Kyoto in April/).waitFor({ timeout: STEP })
    expect(await row(/^Prefers window seats/).count()).toBe(0)
    await page.screenshot({ path: join(ARTIFACTS, "13d-filter.png") })
    const filtered = row(/^All memories/)
    await filtered.hover()
    await filtered.getByRole("button", { name: "Clear Filter" }).click()
    await expect.poll(() => row(/filtered/).count(), { timeout: STEP }).toBe(0)
    await collapse(row(/^All memories/))
  })

  scenario("13e Export… writes JSONL that reads back through the core's schema", async () => {
    const target = join(ARTIFACTS, "export", "memories.jsonl")
    rmSync(join(ARTIFACTS, "export"), { recursive: true, force: true })
    mkdirSync(join(ARTIFACTS, "export"), { recursive: true })
    await contextMenu(row(/^All memories/), "Export...")
    await page.getByRole("option", { name: /^JSONL/ }).waitFor({ timeout: STEP })
    await page.keyboard.press("Enter")
    // VS Code's own save dialog in the browser: a path box
    const path = page.locator(".quick-input-widget .quick-input-box input").first()
    await expect.poll(() => path.inputValue(), { timeout: STEP }).toContain("mem0-memories.jsonl")
    await path.fill(target)
    await expect.poll(() => path.inputValue(), { timeout: STEP }).toBe(target)
    // the dialog reads the folder typed (its progress bar shows meanwhile) and ignores OK until it has
    const widget = page.locator(".quick-input-widget")
    await widget.getByText("..").waitFor({ timeout: STEP })
    await expect.poll(() => widget.locator(".quick-input-progress .progress-bit").isVisible(), { timeout: STEP }).toBe(false)
    await widget.getByRole("button", { name: "OK" }).click()
    const done = page.locator(".notification-list-item-message").filter({ hasText: /^Exported \d+ memories to/ })
    await done.first().waitFor({ timeout: STEP })
    expect(await done.first().innerText()).toContain(target)
    const lines = readFileSync(target, "utf8").trimEnd().split("\n")
    const decoded = lines.map((line) => Schema.decodeUnknownSync(MemoryFromWire)(JSON.parse(line)))
    expect(decoded.length).toBe(Number(/Exported (\d+)/.exec(await done.first().innerText())?.[1]))
    expect(decoded.some((m) => m.memory.includes("onerror=alert(1)"))).toBe(true)
    expect(readdirSync(join(ARTIFACTS, "export"))).toEqual(["memories.jsonl"])
    await runCommand("Notifications: Clear All Notifications")
  })

  scenario("13f Delete Memory asks in a modal naming the memory, then it is gone", async () => {
    await expand(row(/^Users \(6\)/))
    await expand(row(/^bob/))
    const weekly = row(/^Wants weekly summaries on Monday mornings/)
    await weekly.waitFor({ timeout: STEP })
    await contextMenu(weekly, "Delete Memory...")
    const dialog = page.locator(".monaco-dialog-box")
    await dialog.waitFor({ timeout: STEP })
    expect(await dialog.innerText()).toContain("Delete the memory \"Wants weekly summaries on Monday mornings\"?")
    await page.screenshot({ path: join(ARTIFACTS, "13f-delete-memory.png") })
    await dialog.getByRole("button", { name: "Delete", exact: true }).click()
    await expect.poll(() => weekly.count(), { timeout: STEP }).toBe(0)
    expect(server.requests().filter((r) => r.method === "DELETE" && r.path.startsWith("/v1/memories/")).map((r) => r.user)).toEqual(["ana"])
    await collapse(row(/^bob/))
    await collapse(row(/^Users \(/))
    await collapse(row(/^Memories \(/))
    await collapse(row(/^Support bot memories/))
    await collapse(row(/^Personal/))
  })

  scenario("14 Offer Mem0's tools to Copilot: the key's MCP server is listed by its name, starts with the key, and the key shows nowhere", async () => {
    const settingsFile = join(workbench.userDataDir, "User/settings.json")
    await runCommand("Mem0: Offer Mem0's Memory Tools to Copilot (MCP)")
    if (!workbenchDom(VSCODE).mcpServers) {
      // VS Code 1.100 has no MCP API: the extension says so, changes nothing, and works as before
      const toast = page.locator(".notification-list-item").filter({ hasText: /needs VS Code 1\.101 or later/ })
      await toast.waitFor({ timeout: STEP })
      expect(readFileSync(settingsFile, "utf8")).not.toContain("mem0.mcp.enabled")
      await runCommand("Notifications: Clear All Notifications")
      return
    }
    const toast = page.locator(".notification-list-item").filter({ hasText: /Mem0's memory tools are on for Copilot/ })
    await toast.waitFor({ timeout: STEP })
    await expect.poll(() => readFileSync(settingsFile, "utf8"), { timeout: STEP }).toMatch(/"mem0\.mcp\.enabled": true/)
    await toast.getByRole("button", { name: "List MCP Servers" }).click()
    // VS Code's own list: the server under the key's name, not started yet (nothing was sent)
    const listed = page.getByRole("option", { name: /^Mem0 \(default\), Stopped/ })
    await listed.waitFor({ timeout: STEP })
    await page.screenshot({ path: join(ARTIFACTS, "14-mcp-servers.png") })
    expect(server.requests().filter((r) => r.path === "/mcp/")).toEqual([])
    await listed.click()
    await page.getByRole("option", { name: /^Start Server/ }).click()
    // started: the handshake reached the MCP endpoint with the key (the server knows its user), and the tools were listed
    await expect.poll(() => server.requests().filter((r) => r.path === "/mcp/" && r.method === "POST" && r.user === "ana").length, { timeout: STEP })
      .toBeGreaterThanOrEqual(3)
    await expect.poll(() => page.getByText(/Discovered\s4\stools/).count(), { timeout: STEP }).toBeGreaterThan(0)
    // the key is in no DOM, log, setting or MCP file (in clear or base64)
    const encodings = [DEMO_KEY, Buffer.from(DEMO_KEY).toString("base64"), Buffer.from(`Token ${DEMO_KEY}`).toString("base64")]
    const texts = [
      await page.content(),
      workbench.extensionLog(),
      workbench.output(),
      ...everyFile(workbench.userDataDir).filter((f) => /\.(json|log|txt)$/.test(f)).map((f) => readFileSync(f, "utf8"))
    ]
    for (const text of texts) for (const encoded of encodings) expect(text).not.toContain(encoded)
    await page.keyboard.press("Escape")
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

  it("the extension kept V8's code cache of its bundle in its global storage, and no key is in it", async () => {
    // written 20 s after activation, long before this last test
    const caches = () => everyFile(workbench.userDataDir).filter((f) => f.endsWith(".code-cache"))
    await expect.poll(() => caches().length, { timeout: STEP }).toBe(1)
    expect(caches()[0]).toMatch(/globalStorage[/\\]mem0-tools\.mem0-organizations[/\\]code-cache[/\\]main\.cjs-[0-9a-f]{24}\.code-cache$/)
    const cache = readFileSync(caches()[0]!)
    for (const form of [Buffer.from(DEMO_KEY), Buffer.from(DEMO_KEY, "utf16le"), Buffer.from(Buffer.from(DEMO_KEY).toString("base64"))]) {
      expect(cache.includes(form)).toBe(false)
    }
  })
})

describe.sequential(`a cloned repository in Restricted Mode (workspace trust on, folder untrusted), ${IN_VSCODE}`, () => {
  let restricted: Workbench
  let restrictedPage: Page

  beforeAll(async () => {
    server.reset()
    elsewhere.reset()
    restricted = await startWorkbench({
      vsix: packageExtension(),
      vscode: VSCODE,
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
